// SPDX-License-Identifier: Apache-2.0
#include "send_command.hpp"

#include <array>
#include <iostream>
#include <optional>
#include <system_error>

#include <fmt/core.h>

#include "console_output.hpp"
#include "device_setup.hpp"
#include "engine_wakeup.hpp"
#include "exit_status.hpp"
#include "ferry/core/offer_text.hpp"
#include "ferry/core/transfer_engine.hpp"
#include "json_events.hpp"
#include "logging.hpp"
#include "overloaded.hpp"
#include "progress_bar.hpp"
#include "recipients_console.hpp"
#include "stop_signal.hpp"
#include "terminal.hpp"
#include "usage_error.hpp"

namespace ferry::cli {
namespace {

namespace fs = std::filesystem;
using Clock = ProgressBar::Clock;

// Checks that every path exists and makes it absolute without a trailing
// separator, so "." or "photos/" are offered under their real names.
std::vector<fs::path> resolve_sources(const std::vector<fs::path>& paths) {
  std::vector<fs::path> sources;
  for (const fs::path& path : paths) {
    std::error_code error;
    const bool exists = fs::exists(path, error);
    if (error) throw UsageError(fmt::format("cannot access '{}': {}", path.string(), error.message()));
    if (!exists) throw UsageError(fmt::format("no such file or folder: '{}'", path.string()));
    fs::path source = fs::absolute(path).lexically_normal();
    if (!source.has_filename() && source.has_relative_path()) source = source.parent_path();
    sources.push_back(std::move(source));
  }
  return sources;
}

// --text's message; "-" reads standard input to its end.
std::string text_to_send(const SendOptions& options) {
  if (!options.text) return {};
  std::string text = *options.text;
  if (text == "-") {
    text.clear();
    std::array<char, 64 * 1024> chunk{};
    while (std::cin.read(chunk.data(), chunk.size()) || std::cin.gcount() > 0) {
      text.append(chunk.data(), static_cast<std::size_t>(std::cin.gcount()));
      if (text.size() > kMaxOfferTextBytes) break;
    }
    if (text.empty()) throw UsageError("send: --text -: standard input is empty");
  }
  if (text.size() > kMaxOfferTextBytes)
    throw UsageError(fmt::format("send: the text is longer than {} (the most an offer carries)",
                                 format_bytes(kMaxOfferTextBytes)));
  return text;
}

EngineSettings settings_for(const SendOptions& options, const Device& device) {
  EngineSettings settings;
  settings.device_name = device.name;
  settings.identity = device.identity;
  settings.known_peers = device.known_peers;
  settings.direct_threshold = options.threshold;
  settings.forced_strategy = options.strategy;
  settings.resume = options.resume;
  settings.idle_timeout = options.idle_timeout;
  settings.connect_timeout = options.connect_timeout;
  settings.upload_limit = options.upload_limit;
  return settings;
}

// Shows one send session: JSON lines, or human lines plus a progress bar.
class SendConsole {
 public:
  explicit SendConsole(const SendOptions& options) : json_(options.json), bar_(!options.json && stdout_is_terminal()) {}

  void show(const Event& event, std::string_view recipient) {
    if (json_) {
      print_line(to_json(event, recipient));
      return;
    }
    std::visit(
        Overloaded{
            [](const SendPhaseChanged& phase) { print_line(format_send_phase(phase)); },
            [this](const SessionStarted& started) {
              print_line(format_session_started(started));
              bar_.update(0, started.total_bytes, Clock::now());
            },
            [this](const Progress& progress) { bar_.update(progress.bytes_done, progress.total_bytes, Clock::now()); },
            [this](const FileDone& file) {
              bar_.clear();
              print_line(format_file_done(file));
            },
            [this](const SessionDone& done) {
              bar_.clear();
              // A failure is printed once, as the error (see ended).
              if (done.ok) print_line(format_session_done(done));
            },
            [this](const EngineError&) { bar_.clear(); },
            // A sending engine neither listens nor receives offers.
            [](const ListeningStarted&) {},
            [](const OfferReceived&) {},
        },
        event);
  }

  // A failure is told on stderr (in JSON mode, by its session_done line alone).
  void ended(const SessionDone& done, std::string_view) const {
    if (!done.ok && !json_) print_error(session_failure(done));
  }

  void tick() { bar_.redraw(Clock::now()); }
  void finish(std::span<const Recipient>, ExitStatus) { bar_.clear(); }

 private:
  bool json_;
  ProgressBar bar_;
};

// The index of the recipient whose session `event` belongs to.
std::optional<std::size_t> recipient_of(const Event& event, std::span<const Recipient> recipients) {
  const std::optional<TransferId> id =
      std::visit(Overloaded{[](const EngineError&) -> std::optional<TransferId> { return std::nullopt; },
                            [](const ListeningStarted&) -> std::optional<TransferId> { return std::nullopt; },
                            [](const auto& session_event) -> std::optional<TransferId> { return session_event.id; }},
                 event);
  for (std::size_t i = 0; id && i < recipients.size(); ++i)
    if (recipients[i].id == *id) return i;
  return std::nullopt;
}

// Drives the sessions to their ends through `console`; returns the exit status.
template <typename Console>
int run_sessions(TransferEngine& engine, EngineWakeup& wakeup, std::vector<Recipient>& recipients, Console& console) {
  bool cancelled = false;
  std::size_t open = recipients.size();
  while (true) {
    wakeup.wait(kEventLoopTick);
    if (stop_requests() > 0 && !cancelled) {
      for (const Recipient& recipient : recipients)
        if (!recipient.status) engine.cancel(recipient.id);  // each ends with a failed SessionDone
      cancelled = true;
    }
    if (stop_requests() > 1) {  // asked twice: stop waiting for the engine
      console.finish(recipients, kExitInterrupted);
      print_error("interrupted");
      return kExitInterrupted;
    }
    for (const Event& event : engine.drain_events()) {
      if (const auto* error = std::get_if<EngineError>(&event)) {
        console.show(event, {});
        console.finish(recipients, kExitFailed);
        print_error(error->message);
        return kExitFailed;
      }
      const auto index = recipient_of(event, recipients);
      if (!index) continue;
      Recipient& recipient = recipients[*index];
      console.show(event, recipient.label);
      const auto* done = std::get_if<SessionDone>(&event);
      if (done == nullptr || recipient.status) continue;
      recipient.status = exit_status_of(*done);
      recipient.done = *done;
      console.ended(*done, recipient.label);
      if (--open > 0) continue;
      std::vector<ExitStatus> statuses;
      for (const Recipient& each : recipients) statuses.push_back(*each.status);
      const ExitStatus status = cancelled ? kExitInterrupted : combined_exit_status(statuses);
      console.finish(recipients, status);
      return status;
    }
    console.tick();
  }
}

}  // namespace

int run_send(const SendOptions& options) {
  const std::vector<fs::path> sources = resolve_sources(options.paths);
  const std::string text = text_to_send(options);
  set_up_logging(options.verbose);
  install_stop_handlers();
  EngineWakeup wakeup;
  const Device device = load_device(options.config_dir);
  TransferEngine engine(settings_for(options, device), [&wakeup] { wakeup.notify(); });
  // Every receiver's session starts at once; each reads the files itself.
  std::vector<Recipient> recipients;
  for (const Endpoint& target : options.targets) {
    const TransferId id =
        engine.send(target.host, target.port, sources, SendPolicy{options.peer_id, options.fast}, text);
    recipients.push_back(Recipient{.label = format_endpoint(target), .id = id});
  }
  if (recipients.size() == 1) {
    SendConsole console(options);
    return run_sessions(engine, wakeup, recipients, console);
  }
  RecipientsConsole console(options.json, stdout_is_terminal(), recipients);
  return run_sessions(engine, wakeup, recipients, console);
}

}  // namespace ferry::cli
