// SPDX-License-Identifier: Apache-2.0
#include "trust_format.hpp"

#include <QCoreApplication>
#include <QFontDatabase>

#include "ferry/core/identity.hpp"
#include "format.hpp"

namespace ferry::gui {

QString code_of(const std::string& fingerprint) { return from_utf8(verification_code(fingerprint)); }

QFont code_font(double scale) {
  QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  font.setPointSizeF(QFont().pointSizeF() * scale);
  return font;
}

QString trust_label(const PeerIdentity& identity) {
  switch (identity.trust) {
    case PeerTrust::Known:
      return QCoreApplication::translate("ferry", "Pinned");
    case PeerTrust::Changed:
      return QCoreApplication::translate("ferry", "NOT the pinned device of that name");
    case PeerTrust::New:
      break;
  }
  return QCoreApplication::translate("ferry", "New device");
}

QString mode_label(TransferMode mode, bool kernel_tls) {
  if (mode == TransferMode::Fast) return QCoreApplication::translate("ferry", "Fast mode");
  return kernel_tls ? QCoreApplication::translate("ferry", "Encrypted, kernel TLS")
                    : QCoreApplication::translate("ferry", "Encrypted");
}

QString mode_summary(TransferMode mode, bool kernel_tls) {
  if (mode == TransferMode::Fast) return QCoreApplication::translate("ferry", "Fast mode (file bytes unencrypted)");
  return mode_label(mode, kernel_tls);
}

QString mode_explanation(TransferMode mode, bool kernel_tls) {
  if (mode == TransferMode::Encrypted && kernel_tls)
    return QCoreApplication::translate(
        "ferry",
        "Encrypted: everything went over TLS 1.3 between the two devices' identities; this "
        "computer's kernel encrypted what it sent, so files went zero-copy.");
  if (mode == TransferMode::Fast)
    return QCoreApplication::translate(
        "ferry",
        "Fast mode: the devices checked each other's identity over TLS 1.3, then the file bytes "
        "went unencrypted (zero-copy), each file's digest authenticated with a key from TLS. "
        "Anyone on the network can read them: for trusted networks only.");
  return QCoreApplication::translate("ferry",
                                     "Encrypted: everything went over TLS 1.3 between the two devices' identities.");
}

}  // namespace ferry::gui
