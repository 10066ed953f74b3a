// SPDX-License-Identifier: Apache-2.0
#pragma once
// Groups of peers in the settings file (`groups`, an array of arrays), and
// which of a group's members can be sent to now.
#include <QList>
#include <QSettings>

#include "app_settings.hpp"

namespace ferry::gui {

class PeerList;

// Groups without a name or without a member that has an address or device
// id are dropped as unusable.
QList<PeerGroup> load_groups(QSettings& store);
void save_groups(QSettings& store, const QList<PeerGroup>& groups);

// `group` with `name`, replacing a group of the same name (or appended).
QList<PeerGroup> with_group(QList<PeerGroup> groups, PeerGroup group);

// A group's members as the peer list knows them now: the rows of those that
// can be sent to, and the names of those offline (or not seen since Ferry
// started).
struct GroupMembers {
  QList<int> rows;
  QStringList offline;
};
GroupMembers resolve_members(const PeerGroup& group, const PeerList& peers);

}  // namespace ferry::gui
