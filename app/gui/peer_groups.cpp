// SPDX-License-Identifier: Apache-2.0
#include "peer_groups.hpp"

#include "peer_list.hpp"

namespace ferry::gui {

QList<PeerGroup> load_groups(QSettings& store) {
  QList<PeerGroup> groups;
  const int count = store.beginReadArray(QStringLiteral("groups"));
  for (int i = 0; i < count; ++i) {
    store.setArrayIndex(i);
    PeerGroup group{store.value(QStringLiteral("name")).toString(), {}};
    const int members = store.beginReadArray(QStringLiteral("members"));
    for (int m = 0; m < members; ++m) {
      store.setArrayIndex(m);
      const uint port = store.value(QStringLiteral("port")).toUInt();
      PeerAddress member{store.value(QStringLiteral("name")).toString(), store.value(QStringLiteral("host")).toString(),
                         static_cast<quint16>(port <= 65535 ? port : 0),
                         store.value(QStringLiteral("deviceId")).toString()};
      if (member.device_id.isEmpty() && (member.host.isEmpty() || member.port == 0)) continue;
      group.members.append(member);
    }
    store.endArray();
    if (!group.name.isEmpty() && !group.members.isEmpty()) groups.append(group);
  }
  store.endArray();
  return groups;
}

void save_groups(QSettings& store, const QList<PeerGroup>& groups) {
  store.remove(QStringLiteral("groups"));  // a shorter list leaves no stale entries behind
  store.beginWriteArray(QStringLiteral("groups"), static_cast<int>(groups.size()));
  for (int i = 0; i < groups.size(); ++i) {
    store.setArrayIndex(i);
    store.setValue(QStringLiteral("name"), groups[i].name);
    store.beginWriteArray(QStringLiteral("members"), static_cast<int>(groups[i].members.size()));
    for (int m = 0; m < groups[i].members.size(); ++m) {
      const PeerAddress& member = groups[i].members[m];
      store.setArrayIndex(m);
      store.setValue(QStringLiteral("name"), member.name);
      store.setValue(QStringLiteral("host"), member.host);
      store.setValue(QStringLiteral("port"), member.port);
      store.setValue(QStringLiteral("deviceId"), member.device_id);
    }
    store.endArray();
  }
  store.endArray();
}

QList<PeerGroup> with_group(QList<PeerGroup> groups, PeerGroup group) {
  for (PeerGroup& known : groups) {
    if (known.name == group.name) {
      known = std::move(group);
      return groups;
    }
  }
  groups.append(std::move(group));
  return groups;
}

GroupMembers resolve_members(const PeerGroup& group, const PeerList& peers) {
  GroupMembers members;
  for (const PeerAddress& member : group.members) {
    const int row = peers.row_of(member);
    if (row >= 0 && peers.is_online(row))
      members.rows.append(row);
    else
      members.offline.append(member.name.isEmpty() ? member.host : member.name);
  }
  return members;
}

}  // namespace ferry::gui
