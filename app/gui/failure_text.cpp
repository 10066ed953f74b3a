// SPDX-License-Identifier: Apache-2.0
#include "failure_text.hpp"

#include <QCoreApplication>
#include <QDir>

#include "format.hpp"

namespace ferry::gui {

QString failure_sentence(FailureCause cause, Direction direction, const QString& peer, const QString& receive_dir) {
  const bool sending = direction == Direction::Send;
  const QString folder = QDir::toNativeSeparators(receive_dir);
  switch (cause) {
    case FailureCause::None:
      return {};
    case FailureCause::CancelledByUser:
      return QCoreApplication::translate("ferry", "You cancelled it.");
    case FailureCause::CancelledByPeer:
      return QCoreApplication::translate("ferry", "%1 cancelled it.").arg(peer);
    case FailureCause::DeclinedByPeer:
      return QCoreApplication::translate("ferry", "%1 declined it.").arg(peer);
    case FailureCause::DeclinedByUser:
      return QCoreApplication::translate("ferry", "You declined it.");
    case FailureCause::DeclinedAutomatically:
      return sending
                 ? QCoreApplication::translate("ferry",
                                               "%1 declined it without asking (it may be busy, or short of space).")
                       .arg(peer)
                 : QCoreApplication::translate(
                       "ferry", "Ferry declined it without asking (busy, short of space, or the offer was not valid).");
    case FailureCause::ConnectFailed:
      return QCoreApplication::translate(
                 "ferry",
                 "Could not connect to %1. Check its address and port, that Ferry runs there, and that no "
                 "firewall blocks it.")
          .arg(peer);
    case FailureCause::ConnectTimedOut:
      return QCoreApplication::translate(
                 "ferry",
                 "%1 did not answer. Check its address and port, that Ferry runs there, and that no firewall "
                 "blocks it.")
          .arg(peer);
    case FailureCause::PeerIdentityMismatch:
      return QCoreApplication::translate(
                 "ferry", "Another device answered at %1's address, so nothing was sent. Check its verification code.")
          .arg(peer);
    case FailureCause::ConnectionLost:
      return QCoreApplication::translate("ferry", "The connection to %1 was lost.").arg(peer);
    case FailureCause::IdleTimeout:
      return QCoreApplication::translate("ferry", "%1 stopped responding.").arg(peer);
    case FailureCause::ReceiveFolderUnwritable:
      return sending ? QCoreApplication::translate("ferry", "%1 cannot write to its receive folder.").arg(peer)
                     : QCoreApplication::translate(
                           "ferry", "The receive folder %1 cannot be written to. Choose another in Settings.")
                           .arg(folder);
    case FailureCause::DiskFull:
      return sending ? QCoreApplication::translate("ferry", "%1 has no space left for it.").arg(peer)
                     : QCoreApplication::translate(
                           "ferry",
                           "The disk of the receive folder %1 is full. Free some space or choose another folder "
                           "in Settings.")
                           .arg(folder);
    case FailureCause::SourceUnreadable:
      return sending ? QCoreApplication::translate(
                           "ferry", "A file could not be read. Check that it still exists and that you may read it.")
                     : QCoreApplication::translate("ferry", "%1 could not read one of its files.").arg(peer);
    case FailureCause::SourceChanged:
      return sending ? QCoreApplication::translate(
                           "ferry", "A file changed while it was being sent. Send it again when it is finished.")
                     : QCoreApplication::translate("ferry", "A file changed at %1 while it was being sent.").arg(peer);
    case FailureCause::VerificationFailed:
      return QCoreApplication::translate(
          "ferry", "What arrived did not match what was sent, so it was not kept. Send it again.");
    case FailureCause::ProtocolError:
      return QCoreApplication::translate("ferry",
                                         "%1 sent something this Ferry does not understand (another version?).")
          .arg(peer);
    case FailureCause::Other:
      break;
  }
  return {};
}

QString session_failure_sentence(const SessionDone& done, const QString& peer, const QString& receive_dir) {
  QString sentence = failure_sentence(done.cause, done.direction, peer, receive_dir);
  if (sentence.isEmpty()) sentence = session_failure(done.error, done.files_failed);
  if (done.resumable && done.direction == Direction::Send)
    sentence += QLatin1Char(' ') + QCoreApplication::translate("ferry", "Resume sends the rest.");
  return sentence;
}

QString skipped_text(Direction direction, std::uint32_t files_skipped) {
  const int skipped = static_cast<int>(files_skipped);
  if (skipped == 0) return {};
  return direction == Direction::Send
             ? QCoreApplication::translate("ferry", "%n skipped by the receiver", "files", skipped)
             : QCoreApplication::translate("ferry", "%n not taken", "files", skipped);
}

}  // namespace ferry::gui
