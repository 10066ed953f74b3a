// SPDX-License-Identifier: Apache-2.0
#include "recipients_console.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "console_output.hpp"
#include "json_events.hpp"
#include "json_writer.hpp"
#include "overloaded.hpp"

namespace ferry::cli {
namespace {

std::vector<std::string> labels_of(std::span<const Recipient> recipients) {
  std::vector<std::string> labels;
  for (const Recipient& recipient : recipients) labels.push_back(printable(recipient.label));
  return labels;
}

std::string summary_json(std::span<const Recipient> recipients, ExitStatus status) {
  std::string array = "[";
  for (const Recipient& recipient : recipients) {
    if (array.size() > 1) array += ',';
    const bool ok = recipient.status == kExitOk;
    array += JsonObject{}
                 .string("recipient", recipient.label)
                 .unsigned_number("id", recipient.id.value)
                 .boolean("ok", ok)
                 .signed_number("exit_status", recipient.status.value_or(kExitInterrupted))
                 .str();
  }
  return JsonObject{}
      .string("type", "send_summary")
      .signed_number("exit_status", status)
      .raw("recipients", array + "]")
      .str();
}

// "done: 3 files, 12.0 MiB in 0.52 s (23.1 MiB/s)" or "FAILED: " and why.
std::string outcome_words(const Recipient& recipient) {
  if (!recipient.done) return "interrupted";
  if (recipient.done->ok) {
    std::string done = format_session_done(*recipient.done);  // "Done: …"
    done[0] = 'd';
    return done;
  }
  return "FAILED: " + session_failure(*recipient.done);
}

}  // namespace

RecipientsConsole::RecipientsConsole(bool json, bool terminal, std::span<const Recipient> recipients)
    : json_(json), labels_(labels_of(recipients)), progress_(!json && terminal, labels_) {}

std::size_t RecipientsConsole::index_of(std::string_view recipient) const {
  return static_cast<std::size_t>(std::find(labels_.begin(), labels_.end(), printable(recipient)) - labels_.begin());
}

void RecipientsConsole::show(const Event& event, std::string_view recipient) {
  if (json_) {
    print_line(to_json(event, recipient));
    return;
  }
  const std::size_t index = index_of(recipient);
  // A line of the console, after its receiver's name.
  const auto line = [this, index](const std::string& text) {
    progress_.clear();
    print_line(fmt::format("{}: {}", labels_.at(index), text));
  };
  std::visit(Overloaded{
                 [&](const SendPhaseChanged& phase) {
                   // The address is the line's first word already.
                   line(phase.phase == SendPhase::Connecting ? "connecting…" : "waiting for it to accept…");
                 },
                 [&](const SessionStarted& started) {
                   line(format_session_started(started));
                   progress_.update(index, 0, started.total_bytes);
                 },
                 [&](const Progress& progress) { progress_.update(index, progress.bytes_done, progress.total_bytes); },
                 [&](const FileDone& file) { line(format_file_done(file)); },
                 [&](const SessionDone& done) {
                   progress_.finished(index, done.ok);
                   if (done.ok) line(format_session_done(done));
                 },
                 [](const EngineError&) {},
                 [](const ListeningStarted&) {},
                 [](const OfferReceived&) {},
             },
             event);
}

void RecipientsConsole::ended(const SessionDone& done, std::string_view recipient) {
  if (done.ok || json_) return;
  progress_.clear();
  print_error(fmt::format("{}: {}", printable(recipient), session_failure(done)));
}

void RecipientsConsole::tick() { progress_.redraw(RecipientsProgress::Clock::now()); }

void RecipientsConsole::finish(std::span<const Recipient> recipients, ExitStatus status) {
  progress_.clear();
  if (json_) {
    print_line(summary_json(recipients, status));
    return;
  }
  const auto succeeded = std::count_if(recipients.begin(), recipients.end(),
                                       [](const Recipient& recipient) { return recipient.status == kExitOk; });
  print_line(fmt::format("Summary: {} of {} got every file", succeeded, count_of(recipients.size(), "receiver")));
  for (std::size_t i = 0; i < recipients.size(); ++i)
    print_line(fmt::format("  {}: {}", labels_[i], outcome_words(recipients[i])));
}

}  // namespace ferry::cli
