// SPDX-License-Identifier: Apache-2.0
#include "failure_words.hpp"

#include <fmt/core.h>

namespace ferry::cli {
namespace {

constexpr const char* kCheckTheReceiver =
    "check the address and port, that Ferry is running and receiving there, and that no firewall blocks the port";

}  // namespace

std::string failure_words(FailureCause cause, Direction direction, const std::filesystem::path& receive_dir) {
  const bool sending = direction == Direction::Send;
  const std::string folder = receive_dir.empty() ? "the receive folder" : "the receive folder " + receive_dir.string();
  switch (cause) {
    case FailureCause::None:
    case FailureCause::Other:
      return {};
    case FailureCause::CancelledByUser:
      return "cancelled";
    case FailureCause::CancelledByPeer:
      return sending ? "the receiver cancelled" : "the sender cancelled";
    case FailureCause::DeclinedByPeer:
      return "the receiver declined the offer";
    case FailureCause::DeclinedByUser:
      return "declined";
    case FailureCause::DeclinedAutomatically:
      return sending ? "the receiver declined the offer without asking (busy, short of space, or the offer was not "
                       "valid)"
                     : "declined without asking (busy, short of space, or the offer was not valid)";
    case FailureCause::ConnectFailed:
      return fmt::format("could not connect: {}", kCheckTheReceiver);
    case FailureCause::ConnectTimedOut:
      return fmt::format("the receiver did not answer: {}", kCheckTheReceiver);
    case FailureCause::PeerIdentityMismatch:
      return "another device answered at that address, so nothing was sent: check its verification code";
    case FailureCause::ConnectionLost:
      return "the connection was lost";
    case FailureCause::IdleTimeout:
      return sending ? "the receiver stopped responding" : "the sender stopped sending";
    case FailureCause::ReceiveFolderUnwritable:
      return sending ? "the receiver's receive folder cannot be written"
                     : folder + " cannot be written: choose another with --dir, or make it writable";
    case FailureCause::DiskFull:
      return sending ? "the receiver's disk is full"
                     : "the disk of " + folder + " is full: make room, or choose another with --dir";
    case FailureCause::SourceUnreadable:
      return sending ? "a file could not be read: check that it exists and that you may read it"
                     : "the sender could not read a file";
    case FailureCause::SourceChanged:
      return "a file changed while it was sent: send it again when it is finished";
    case FailureCause::VerificationFailed:
      return "what arrived did not match what was sent, so it was not kept";
    case FailureCause::ProtocolError:
      return sending ? "the receiver broke the protocol (another version of Ferry?)"
                     : "the sender broke the protocol (another version of Ferry?)";
  }
  return {};
}

}  // namespace ferry::cli
