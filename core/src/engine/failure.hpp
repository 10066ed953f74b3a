// SPDX-License-Identifier: Apache-2.0
#pragma once
// Failure causes on the wire. CANCEL, DECLINE and FILE_RESULT carry only
// text; this side writes fixed, path-free sentences for its causes and reads
// the peer's back into causes. Local detail (paths, errno text) stays local.
#include <string>
#include <string_view>

#include "ferry/base/io_result.hpp"
#include "ferry/core/events.hpp"
#include "ferry/core/protocol/messages.hpp"

namespace ferry {

// A failure as a session carries it: the cause, and the local detail.
struct Failure {
  FailureCause cause = FailureCause::Other;
  ErrorDetail detail;
};

// A failure of the session as a whole: `operation` and the system's error.
inline Failure session_failure(FailureCause cause, std::string operation, std::error_code code = {}) {
  return {cause, {std::move(operation), {}, code, {}}};
}

// `error`, a system call's failure on the transfer's file `subject` (its
// path as offered: the detail names no local path).
inline Failure io_failure(FailureCause cause, const IoError& error, std::string subject) {
  return {cause, {error.operation, std::move(subject), error.code, {}}};
}

// The CANCEL reason (or FILE_RESULT message) for `cause`; `safe_detail`, which
// must hold no local path, follows it after a colon when given.
std::string wire_reason(FailureCause cause, std::string_view safe_detail = {});

// Ends a receiver's CANCEL reason when it keeps what arrived for the next
// session: the sender cannot know how much of what it sent was written.
inline constexpr std::string_view kKeptForResume = "; what arrived is kept for resuming";

// What a peer's CANCEL reason means on this side (its user's cancel is our
// CancelledByPeer).
FailureCause cause_of_cancel(std::string_view reason);

FailureCause cause_of_decline(protocol::DeclineReason reason);

// A receiver's FILE_RESULT (status and message) as a cause on the sender.
FailureCause cause_of_file_result(protocol::FileStatus status, std::string_view message);

// A failed write into the receive folder.
FailureCause cause_of_write_error(const IoError& error);

}  // namespace ferry
