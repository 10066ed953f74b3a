// SPDX-License-Identifier: Apache-2.0
#include "failure.hpp"

#include <array>
#include <utility>

namespace ferry {
namespace {

// The fixed sentence each cause goes on the wire with.
constexpr std::array<std::pair<FailureCause, std::string_view>, 9> kWireTexts{{
    {FailureCause::CancelledByUser, "cancelled by the user"},
    {FailureCause::ReceiveFolderUnwritable, "the receive folder cannot be written"},
    {FailureCause::DiskFull, "the receiving disk is full"},
    {FailureCause::IdleTimeout, "nothing received"},
    {FailureCause::SourceUnreadable, "the file could not be read"},
    {FailureCause::SourceChanged, "the file changed after it was offered"},
    {FailureCause::VerificationFailed, "the data did not verify"},
    {FailureCause::ProtocolError, "protocol error"},
    {FailureCause::Other, "the transfer failed"},
}};

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// Reasons earlier Ferry versions sent for a user's cancel.
constexpr std::array<std::string_view, 2> kLegacyCancelTexts{"the user cancelled", "cancelled by the receiver"};

}  // namespace

std::string_view to_string(FailureCause cause) {
  switch (cause) {
    case FailureCause::None:
      return "none";
    case FailureCause::CancelledByUser:
      return "cancelled_by_user";
    case FailureCause::CancelledByPeer:
      return "cancelled_by_peer";
    case FailureCause::DeclinedByPeer:
      return "declined_by_peer";
    case FailureCause::DeclinedByUser:
      return "declined_by_user";
    case FailureCause::DeclinedAutomatically:
      return "declined_automatically";
    case FailureCause::ConnectFailed:
      return "connect_failed";
    case FailureCause::ConnectTimedOut:
      return "connect_timed_out";
    case FailureCause::PeerIdentityMismatch:
      return "peer_identity_mismatch";
    case FailureCause::ConnectionLost:
      return "connection_lost";
    case FailureCause::IdleTimeout:
      return "idle_timeout";
    case FailureCause::ReceiveFolderUnwritable:
      return "receive_folder_unwritable";
    case FailureCause::DiskFull:
      return "disk_full";
    case FailureCause::SourceUnreadable:
      return "source_unreadable";
    case FailureCause::SourceChanged:
      return "source_changed";
    case FailureCause::VerificationFailed:
      return "verification_failed";
    case FailureCause::ProtocolError:
      return "protocol_error";
    case FailureCause::Other:
      return "other";
  }
  return "other";
}

std::string describe(const ErrorDetail& detail) {
  std::string text = detail.operation;
  if (!detail.subject.empty()) text += (text.empty() ? "" : " ") + detail.subject;
  if (detail.code) text += (text.empty() ? "" : ": ") + detail.code.message();
  if (!detail.peer_said.empty()) text += (text.empty() ? "the peer said: " : "; the peer said: ") + detail.peer_said;
  return text;
}

std::string wire_reason(FailureCause cause, std::string_view safe_detail) {
  std::string_view text = "the transfer failed";
  for (const auto& [known, sentence] : kWireTexts)
    if (known == cause) text = sentence;
  std::string reason(text);
  if (!safe_detail.empty()) reason.append(": ").append(safe_detail);
  return reason.substr(0, protocol::kMaxTextBytes);
}

FailureCause cause_of_cancel(std::string_view reason) {
  for (const auto legacy : kLegacyCancelTexts)
    if (starts_with(reason, legacy)) return FailureCause::CancelledByPeer;
  for (const auto& [cause, sentence] : kWireTexts) {
    if (!starts_with(reason, sentence)) continue;
    return cause == FailureCause::CancelledByUser ? FailureCause::CancelledByPeer : cause;
  }
  if (reason.find("protocol") != std::string_view::npos) return FailureCause::ProtocolError;
  return FailureCause::Other;
}

FailureCause cause_of_decline(protocol::DeclineReason reason) {
  return reason == protocol::DeclineReason::Declined ? FailureCause::DeclinedByPeer
                                                     : FailureCause::DeclinedAutomatically;
}

FailureCause cause_of_file_result(protocol::FileStatus status, std::string_view message) {
  switch (status) {
    case protocol::FileStatus::Ok:
      return FailureCause::None;
    case protocol::FileStatus::DigestMismatch:
    case protocol::FileStatus::SizeMismatch:
      return FailureCause::VerificationFailed;
    case protocol::FileStatus::SourceFailed:
      return message.find("changed") != std::string_view::npos ? FailureCause::SourceChanged
                                                               : FailureCause::SourceUnreadable;
    case protocol::FileStatus::WriteFailed: {
      const auto cause = cause_of_cancel(message);
      return cause == FailureCause::DiskFull ? cause : FailureCause::ReceiveFolderUnwritable;
    }
  }
  return FailureCause::Other;
}

FailureCause cause_of_write_error(const IoError& error) {
  if (error.code == std::errc::no_space_on_device || error.code == std::errc::file_too_large)
    return FailureCause::DiskFull;
  return FailureCause::ReceiveFolderUnwritable;
}

}  // namespace ferry
