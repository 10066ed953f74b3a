// SPDX-License-Identifier: Apache-2.0
#pragma once
// ferry-cli's exit statuses, one per kind of outcome a script may tell apart
// (listed in `ferry-cli --help` and the README).
#include <span>

#include "ferry/core/events.hpp"

namespace ferry::cli {

enum ExitStatus : int {
  kExitOk = 0,             // every file arrived verified
  kExitFailed = 1,         // the transfer failed midway (or another error)
  kExitUsage = 2,          // the command line is wrong
  kExitNotConnected = 3,   // no connection to the receiver, or not the device expected
  kExitDeclined = 4,       // the receiver (its user, or itself) declined the offer
  kExitPartial = 5,        // several receivers: some got every file, others did not
  kExitInterrupted = 130,  // the user stopped it (Ctrl-C), as shells count SIGINT
};

ExitStatus exit_status_of(const SessionDone& done);

// One status for a send to several receivers, from each one's: 0 when all
// succeeded; kExitPartial when some did; else the failures' common status,
// kExitFailed when they differ.
ExitStatus combined_exit_status(std::span<const ExitStatus> statuses);

}  // namespace ferry::cli
