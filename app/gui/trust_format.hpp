#pragma once
// How device identities, trust and transfer modes read in the window.
#include <QFont>
#include <QString>

#include <string>

#include "ferry/core/protocol/messages.hpp"
#include "ferry/core/trust.hpp"

namespace ferry::gui {

QString code_of(const std::string& fingerprint);  // "ABCD-EFGH-JKMN"
// A fixed-width font `scale` times the size of the default one, for codes
// people read out to each other.
QFont code_font(double scale = 1.0);
QString trust_label(const PeerIdentity& identity);   // "New device", "Pinned", …
QString mode_label(protocol::TransferMode mode);     // "Encrypted", "Fast mode"
QString mode_summary(protocol::TransferMode mode);   // "Fast mode (file bytes unencrypted)"
// What the mode protects and what not, for a tooltip.
QString mode_explanation(protocol::TransferMode mode);

}  // namespace ferry::gui
