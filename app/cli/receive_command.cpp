// SPDX-License-Identifier: Apache-2.0
#include "receive_command.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <ranges>
#include <system_error>

#include <fmt/core.h>

#include "console_output.hpp"
#include "device_setup.hpp"
#include "discovery_output.hpp"
#include "engine_wakeup.hpp"
#include "exit_status.hpp"
#include "ferry/core/endpoint.hpp"
#include "ferry/core/transfer_engine.hpp"
#include "logging.hpp"
#include "offer_choice.hpp"
#include "offer_prompt.hpp"
#include "overloaded.hpp"
#include "stop_signal.hpp"
#include "terminal.hpp"
#include "usage_error.hpp"

namespace ferry::cli {
namespace {

namespace fs = std::filesystem;

fs::path checked_receive_dir(const fs::path& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    throw UsageError(fmt::format("receive folder '{}' does not exist or is not a folder", dir.string()));
  }
  return fs::absolute(dir);
}

EngineSettings settings_for(const ReceiveOptions& options, const fs::path& dir, const Device& device) {
  EngineSettings settings;
  settings.device_name = device.name;
  settings.identity = device.identity;
  settings.known_peers = device.known_peers;
  settings.receive_dir = dir;
  settings.state_dir = device.config_dir;
  // What a receiver's engine may write besides the receive folder: its
  // configuration and temporary files; the kernel refuses the rest.
  std::error_code no_temp;
  const fs::path temp = fs::temp_directory_path(no_temp);
  settings.writable_folders = std::vector<fs::path>{device.config_dir};
  if (!no_temp) settings.writable_folders->push_back(temp);
  settings.port = options.port;
  settings.direct_threshold = options.threshold;
  settings.durable_commit = options.durable;
  settings.keep_attributes = options.keep_attributes;
  settings.idle_timeout = options.idle_timeout;
  if (options.bind_address) settings.bind_address = *options.bind_address;
  // --accept-all: the engine answers at once, except for a Changed identity;
  // with --only, this command answers, taking the part chosen.
  settings.consent = options.accept_all && options.only.empty() ? ConsentPolicy::AcceptAll : ConsentPolicy::Ask;
  return settings;
}

// What discovery announces for a receiver listening on `port`.
DiscoverySettings announcement_for(const ReceiveOptions& options, const Device& device, std::uint16_t port) {
  DiscoverySettings settings;
  settings.device_name = device.name;
  settings.device_id = device.identity->fingerprint;
  settings.receive_port = port;
  settings.interval = options.announce_interval;
  settings.bind_address = options.bind_address.value_or(EngineSettings{}.bind_address);
  return settings;
}

// Reacts to the events of a listening engine.
class Receiver {
 public:
  Receiver(TransferEngine& engine, const ReceiveOptions& options, fs::path dir, std::string device)
      : engine_(engine), options_(options), dir_(std::move(dir)), device_(std::move(device)) {}

  // The exit status once the command is over.
  std::optional<int> handle(const Event& event) {
    return std::visit(Overloaded{
                          [this](const ListeningStarted& listening) -> std::optional<int> {
                            print_line(fmt::format("Listening on {}, receiving into {} as {}",
                                                   format_endpoint({listening.address, listening.port}),
                                                   printable(dir_.string()), device_));
                            return std::nullopt;
                          },
                          [this](const OfferReceived& offer) -> std::optional<int> {
                            answer(offer);
                            return std::nullopt;
                          },
                          // A receiving engine sends nothing.
                          [](const SendPhaseChanged&) -> std::optional<int> { return std::nullopt; },
                          [](const SessionStarted& started) -> std::optional<int> {
                            print_line(format_session_started(started));
                            return std::nullopt;
                          },
                          [](const Progress&) -> std::optional<int> { return std::nullopt; },
                          [](const FileDone& file) -> std::optional<int> {
                            print_line(format_file_done(file));
                            return std::nullopt;
                          },
                          [this](const SessionDone& done) { return session_done(done); },
                          [](const EngineError& error) -> std::optional<int> {
                            print_error(error.message);
                            return kExitFailed;
                          },
                      },
                      event);
  }

  int interrupted() const {
    if (options_.once) {
      print_error("interrupted before a session finished");
      return kExitInterrupted;
    }
    print_line("Stopped.");
    return 0;
  }

 private:
  void answer(const OfferReceived& offer) {
    if (!offer.text.empty()) texts_[offer.id] = Text{offer.device_name, offer.text};
    if (offer.identity.trust == PeerTrust::Changed) print_notice(identity_warning(offer));
    if (offer.accepted_automatically) return;
    OfferAnswer choice{true, entries_taken(*offer.entries, options_.only), {}};
    for (const std::string& path : unmatched(*offer.entries, options_.only))
      print_notice(fmt::format("--only {}: nothing offered by {} is there", printable(path),
                               printable(format_endpoint(offer.peer))));
    if (!choice.take.empty() && std::ranges::find(choice.take, true) == choice.take.end() && offer.text.empty()) {
      print_notice(fmt::format("declined the offer from {}: nothing in it matches --only",
                               printable(format_endpoint(offer.peer))));
      return engine_.respond(offer.id, false);
    }
    if (options_.accept_all && offer.identity.trust != PeerTrust::Changed) return engine_.respond(offer.id, choice);
    if (!stdin_is_terminal()) {
      print_notice(
          fmt::format("declined the offer from {}: standard input is not a terminal to ask "
                      "(use --accept-all to accept every offer)",
                      printable(format_endpoint(offer.peer))));
      engine_.decline_unanswered(offer.id);
      return;
    }
    print_line(describe_offer(offer));
    if (!choice.take.empty()) {
      const auto taken = std::ranges::count_if(
          std::views::iota(std::size_t{0}, offer.entries->size()),
          [&](std::size_t i) { return choice.take[i] && (*offer.entries)[i].kind == EntryKind::File; });
      print_line(fmt::format("--only takes {} of them", count_of(static_cast<std::uint64_t>(taken), "file")));
    }
    if (const std::string space = describe_space(offer, choice.take); !space.empty()) print_line(space);
    choice.accept = ask_to_accept();
    engine_.respond(offer.id, std::move(choice));
  }

  // A text arrives with its session: shown whole once the session succeeded.
  void show_text(const SessionDone& done) {
    const auto found = texts_.find(done.id);
    if (found == texts_.end()) return;
    if (done.ok) {
      // A terminal sees no control character of the peer's; a pipe or file gets the text as sent.
      if (stdout_is_terminal())
        print_line(
            fmt::format("Text from \"{}\":\n{}", printable(found->second.device_name), text_block(found->second.text)));
      else
        print_line(found->second.text);
    }
    texts_.erase(found);
  }

  // Every session's line; with --once, a failure is told once, as the error.
  std::optional<int> session_done(const SessionDone& done) {
    show_text(done);
    if (!options_.once || done.ok) print_line(format_session_done(done, options_.dir));
    if (!options_.once) return std::nullopt;
    if (!done.ok) print_error(session_failure(done, options_.dir));
    return exit_status_of(done);
  }

  struct Text {
    std::string device_name;
    std::string text;
  };

  TransferEngine& engine_;
  const ReceiveOptions& options_;
  std::map<TransferId, Text> texts_;  // of offers not yet over
  fs::path dir_;
  std::string device_;  // this device's name, code and fingerprint
};

}  // namespace

int run_receive(const ReceiveOptions& options) {
  const fs::path dir = checked_receive_dir(options.dir);
  set_up_logging(options.verbose);
  install_stop_handlers();
  EngineWakeup wakeup;
  Device device = load_device(options.config_dir);
  if (options.name) device.name = *options.name;
  TransferEngine engine(settings_for(options, dir, device), [&wakeup] { wakeup.notify(); });
  Receiver receiver(engine, options, dir, describe_identity(device));
  std::optional<Discovery> discovery;  // announces once the real port is known
  engine.listen();
  while (stop_requests() == 0) {
    wakeup.wait(kEventLoopTick);
    for (const Event& event : engine.drain_events()) {
      const auto* listening = std::get_if<ListeningStarted>(&event);
      if (listening && options.announce)
        discovery.emplace(announcement_for(options, device, listening->port), [&wakeup] { wakeup.notify(); });
      if (const auto status = receiver.handle(event)) return *status;
    }
    if (discovery) {
      for (const DiscoveryEvent& event : discovery->drain_events()) note_discovery(event);
    }
  }
  return receiver.interrupted();
}

}  // namespace ferry::cli
