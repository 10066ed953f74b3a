// SPDX-License-Identifier: Apache-2.0
#include "exit_status.hpp"

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

}  // namespace ferry::cli
