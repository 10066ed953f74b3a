// SPDX-License-Identifier: Apache-2.0
#pragma once
// How device identities, trust and transfer modes read in the window.
#include <QFont>
#include <QString>

#include <string>

#include "ferry/core/transfer_mode.hpp"
#include "ferry/core/trust.hpp"

namespace ferry::gui {

QString code_of(const std::string& fingerprint);  // "ABCD-EFGH-JKMN"
// A fixed-width font `scale` times the size of the default one, for codes
// people read out to each other.
QFont code_font(double scale = 1.0);
QString trust_label(const PeerIdentity& identity);  // "New device", "Pinned", …
// `kernel_tls`: this side's sending is encrypted by the kernel (SessionStarted).
QString mode_label(TransferMode mode, bool kernel_tls = false);    // "Encrypted", "Fast mode"
QString mode_summary(TransferMode mode, bool kernel_tls = false);  // "Fast mode (file bytes unencrypted)"
// What the mode protects and what not, for a tooltip.
QString mode_explanation(TransferMode mode, bool kernel_tls = false);

}  // namespace ferry::gui
