// SPDX-License-Identifier: Apache-2.0
#pragma once
// What `send` shows when it sends to several receivers at once: every line
// names its receiver, one status line shows each one's progress, and a
// summary per receiver ends it (in JSON mode, a send_summary line).
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "exit_status.hpp"
#include "ferry/core/events.hpp"
#include "recipients_progress.hpp"

namespace ferry::cli {

// One receiver of a send: as asked, its session, and how that ended.
struct Recipient {
  std::string label;  // HOST:PORT
  TransferId id;
  std::optional<ExitStatus> status;
  std::optional<SessionDone> done;
};

class RecipientsConsole {
 public:
  RecipientsConsole(bool json, bool terminal, std::span<const Recipient> recipients);

  void show(const Event& event, std::string_view recipient);
  // A failure is told once on stderr, naming its receiver.
  void ended(const SessionDone& done, std::string_view recipient);
  void tick();
  void finish(std::span<const Recipient> recipients, ExitStatus status);

 private:
  std::size_t index_of(std::string_view recipient) const;

  bool json_;
  std::vector<std::string> labels_;
  RecipientsProgress progress_;
};

}  // namespace ferry::cli
