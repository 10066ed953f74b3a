// SPDX-License-Identifier: Apache-2.0
#include "exit_status.hpp"

#include <algorithm>

namespace ferry::cli {

ExitStatus exit_status_of(const SessionDone& done) {
  if (done.ok) return kExitOk;
  switch (done.cause) {
    case FailureCause::CancelledByUser:
      return kExitInterrupted;
    case FailureCause::ConnectFailed:
    case FailureCause::ConnectTimedOut:
    case FailureCause::PeerIdentityMismatch:
      return kExitNotConnected;
    case FailureCause::DeclinedByPeer:
    case FailureCause::DeclinedByUser:
    case FailureCause::DeclinedAutomatically:
      return kExitDeclined;
    default:
      return kExitFailed;
  }
}

ExitStatus combined_exit_status(std::span<const ExitStatus> statuses) {
  const auto succeeded = std::count(statuses.begin(), statuses.end(), kExitOk);
  if (succeeded == static_cast<std::ptrdiff_t>(statuses.size())) return kExitOk;
  if (succeeded > 0) return kExitPartial;
  const bool alike = std::all_of(statuses.begin(), statuses.end(), [&](ExitStatus s) { return s == statuses.front(); });
  return alike ? statuses.front() : kExitFailed;
}

}  // namespace ferry::cli
