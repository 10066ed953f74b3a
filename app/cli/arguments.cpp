#include "arguments.hpp"

#include <fmt/core.h>

#include "ferry/core/protocol/announcement.hpp"
#include "ferry/core/trust.hpp"
#include "usage_error.hpp"

namespace ferry::cli {
namespace {

// Walks the arguments of one command: options ("--name VALUE", "--name=VALUE",
// flags) anywhere, positionals in order, "--" ends the options.
class ArgumentReader {
 public:
  explicit ArgumentReader(std::span<const std::string_view> arguments) : arguments_(arguments) {}

  bool next() {
    if (next_index_ >= arguments_.size()) return false;
    current_ = arguments_[next_index_++];
    if (!options_ended_ && current_ == "--") {
      options_ended_ = true;
      return next();
    }
    return true;
  }

  bool is_option() const { return !options_ended_ && current_.size() > 1 && current_.starts_with('-'); }

  std::string_view positional() const { return current_; }

  std::string_view name() const { return current_.substr(0, current_.find('=')); }

  // The option's value: after '=' or the next argument.
  std::string_view value() {
    if (const auto equals = current_.find('='); equals != std::string_view::npos) {
      return current_.substr(equals + 1);
    }
    if (next_index_ >= arguments_.size()) {
      throw UsageError(fmt::format("option {} needs a value", current_));
    }
    return arguments_[next_index_++];
  }

  // The option is a flag: "--flag=VALUE" is an error.
  void flag() const {
    if (current_.find('=') != std::string_view::npos) {
      throw UsageError(fmt::format("option {} takes no value", name()));
    }
  }

  [[noreturn]] void reject(std::string_view command) const {
    if (is_option()) throw UsageError(fmt::format("{}: unknown option {}", command, name()));
    throw UsageError(fmt::format("{}: unexpected argument '{}'", command, current_));
  }

 private:
  std::span<const std::string_view> arguments_;
  std::size_t next_index_ = 0;
  std::string_view current_;
  bool options_ended_ = false;
};

bool is_help(std::string_view name) { return name == "-h" || name == "--help"; }

// Arguments are UTF-8 (see command_line.hpp); a path made from a plain
// std::string would be read in Windows' ANSI code page instead.
std::filesystem::path utf8_path(std::string_view text) {
  return std::filesystem::path(std::u8string(text.begin(), text.end()));
}

std::string non_empty(std::string_view value, std::string_view option) {
  if (value.empty()) throw UsageError(fmt::format("option {} needs a non-empty value", option));
  return std::string(value);
}

std::string fingerprint_argument(std::string_view value, std::string_view what) {
  if (!is_fingerprint(value))
    throw UsageError(fmt::format("{}: '{}' is not a fingerprint (64 lowercase hex digits, see ferry-cli identity)",
                                 what, value));
  return std::string(value);
}

Command parse_receive(ArgumentReader& reader) {
  ReceiveOptions options;
  while (reader.next()) {
    if (!reader.is_option()) reader.reject("receive");
    const std::string_view name = reader.name();
    if (name == "--config-dir") {
      options.config_dir = utf8_path(non_empty(reader.value(), name));
    } else if (name == "--dir") {
      options.dir = utf8_path(non_empty(reader.value(), name));
    } else if (name == "--port") {
      options.port = parse_port(reader.value(), PortZero::Allowed);
    } else if (name == "--bind") {
      options.bind_address = non_empty(reader.value(), name);
    } else if (name == "--threshold") {
      options.threshold = parse_size(reader.value());
    } else if (name == "--accept-all") {
      reader.flag();
      options.accept_all = true;
    } else if (name == "--once") {
      reader.flag();
      options.once = true;
    } else if (name == "--no-sync") {
      reader.flag();
      options.durable = false;
    } else if (name == "--idle-timeout") {
      options.idle_timeout = parse_duration(reader.value());
    } else if (name == "--name") {
      options.name = non_empty(reader.value(), name);
    } else if (name == "--no-announce") {
      reader.flag();
      options.announce = false;
    } else if (name == "--announce-interval") {
      options.announce_interval = parse_duration(reader.value());
      if (options.announce_interval < protocol::kMinAnnounceInterval ||
          options.announce_interval > protocol::kMaxAnnounceInterval)
        throw UsageError("option --announce-interval takes 100ms to 3600s");
    } else if (name == "-v" || name == "--verbose") {
      reader.flag();
      options.verbose = true;
    } else if (is_help(name)) {
      return ShowHelp{};
    } else {
      reader.reject("receive");
    }
  }
  if (options.dir.empty()) throw UsageError("receive: --dir DIR is required");
  return options;
}

Command parse_send(ArgumentReader& reader) {
  SendOptions options;
  std::vector<std::string_view> positionals;
  while (reader.next()) {
    if (!reader.is_option()) {
      positionals.push_back(reader.positional());
      continue;
    }
    const std::string_view name = reader.name();
    if (name == "--config-dir") {
      options.config_dir = utf8_path(non_empty(reader.value(), name));
    } else if (name == "--peer-id") {
      options.peer_id = fingerprint_argument(reader.value(), "send --peer-id");
    } else if (name == "--fast") {
      reader.flag();
      options.fast = true;
    } else if (name == "--threshold") {
      options.threshold = parse_size(reader.value());
    } else if (name == "--strategy") {
      options.strategy = parse_strategy_choice(reader.value());
    } else if (name == "--json") {
      reader.flag();
      options.json = true;
    } else if (name == "--no-resume") {
      reader.flag();
      options.resume = false;
    } else if (name == "--idle-timeout") {
      options.idle_timeout = parse_duration(reader.value());
    } else if (name == "--connect-timeout") {
      options.connect_timeout = parse_duration(reader.value());
    } else if (name == "-v" || name == "--verbose") {
      reader.flag();
      options.verbose = true;
    } else if (is_help(name)) {
      return ShowHelp{};
    } else {
      reader.reject("send");
    }
  }
  if (positionals.size() < 2) throw UsageError("send: expected HOST:PORT and at least one PATH");
  options.target = parse_endpoint(positionals.front());
  for (const std::string_view path : std::span(positionals).subspan(1)) {
    if (path.empty()) throw UsageError("send: a PATH is empty");
    options.paths.push_back(utf8_path(path));
  }
  return options;
}

Command parse_identity(ArgumentReader& reader) {
  IdentityOptions options;
  while (reader.next()) {
    if (!reader.is_option()) reader.reject("identity");
    const std::string_view name = reader.name();
    if (name == "--config-dir") options.config_dir = utf8_path(non_empty(reader.value(), name));
    else if (is_help(name)) return ShowHelp{};
    else reader.reject("identity");
  }
  return options;
}

Command parse_trust(ArgumentReader& reader, bool remove) {
  const char* command = remove ? "untrust" : "trust";
  TrustOptions options;
  options.remove = remove;
  while (reader.next()) {
    if (!reader.is_option()) {
      if (!options.fingerprint.empty()) reader.reject(command);
      options.fingerprint = fingerprint_argument(reader.positional(), command);
      continue;
    }
    const std::string_view name = reader.name();
    if (name == "--config-dir") {
      options.config_dir = utf8_path(non_empty(reader.value(), name));
    } else if (name == "--name" && !remove) {
      options.name = non_empty(reader.value(), name);
    } else if (name == "--auto-accept" && !remove) {
      reader.flag();
      options.auto_accept = true;
    } else if (name == "--fast" && !remove) {
      reader.flag();
      options.fast_mode = true;
    } else if (is_help(name)) {
      return ShowHelp{};
    } else {
      reader.reject(command);
    }
  }
  if (remove && options.fingerprint.empty()) throw UsageError("untrust: expected a FINGERPRINT");
  return options;
}

Command parse_peers(ArgumentReader& reader) {
  PeersOptions options;
  while (reader.next()) {
    if (!reader.is_option()) reader.reject("peers");
    const std::string_view name = reader.name();
    if (name == "--timeout") {
      options.timeout = parse_duration(reader.value());
    } else if (name == "--config-dir") {
      options.config_dir = utf8_path(non_empty(reader.value(), name));
    } else if (name == "--json") {
      reader.flag();
      options.json = true;
    } else if (name == "-v" || name == "--verbose") {
      reader.flag();
      options.verbose = true;
    } else if (is_help(name)) {
      return ShowHelp{};
    } else {
      reader.reject("peers");
    }
  }
  return options;
}

}  // namespace

Command parse_command_line(std::span<const std::string_view> arguments) {
  if (arguments.empty()) throw UsageError("expected a command: receive, send, peers, identity, trust or untrust");
  const std::string_view command = arguments.front();
  ArgumentReader reader(arguments.subspan(1));
  if (command == "receive") return parse_receive(reader);
  if (command == "send") return parse_send(reader);
  if (command == "identity") return parse_identity(reader);
  if (command == "trust") return parse_trust(reader, false);
  if (command == "untrust") return parse_trust(reader, true);
  if (command == "peers") return parse_peers(reader);
  if (is_help(command) || command == "--version") {
    if (arguments.size() > 1) {
      throw UsageError(fmt::format("unexpected argument '{}' after {}", arguments[1], command));
    }
    return is_help(command) ? Command{ShowHelp{}} : Command{ShowVersion{}};
  }
  throw UsageError(fmt::format(
      "unknown command '{}': expected receive, send, peers, identity, trust, untrust, --help or --version", command));
}

std::string usage_text() {
  return fmt::format(R"(Usage:
  ferry-cli receive --dir DIR [--config-dir DIR] [--port N] [--bind ADDR] [--threshold SIZE] [--accept-all] [--once]
                    [--no-sync] [--idle-timeout T] [--name NAME] [--no-announce]
                    [--announce-interval T] [-v]
  ferry-cli send [--config-dir DIR] [--peer-id FINGERPRINT] [--fast] [--threshold SIZE] [--strategy auto|zerocopy|direct|buffered] [--no-resume]
                 [--idle-timeout T] [--connect-timeout T] [--json] [-v] HOST:PORT PATH...
  ferry-cli peers [--config-dir DIR] [--timeout T] [--json] [-v]
  ferry-cli identity [--config-dir DIR]
  ferry-cli trust [FINGERPRINT [--name NAME] [--auto-accept] [--fast]] [--config-dir DIR]
  ferry-cli untrust FINGERPRINT [--config-dir DIR]
  ferry-cli --version | --help

Every session is TLS 1.3 between device certificates; this device's key and
the pinned peers live in the configuration folder (--config-dir, else
$FERRY_CONFIG_DIR, else the user's configuration folder).

receive   Listen for offers and store accepted files under DIR.
  --dir DIR        folder that receives the files (must exist)
  --port N         TCP port to listen on (default 53740; 0 picks a free one)
  --bind ADDR      address to listen on (default: all addresses, IPv4 and IPv6)
  --threshold SIZE files of at least SIZE are written with direct I/O (default {0})
  --accept-all     accept every offer without asking (except from a device
                   using the name of a pinned one with another identity)
  --once           exit after the first session: 0 if every file arrived verified
  --no-sync        name received files without first making their data durable
                   (faster for many small files; a crash may then leave a named
                   file with unwritten data)
  --idle-timeout T fail a session whose sender sends nothing for T (default {1}s)
  --name NAME      the name peers see (default: this computer's host name)
  --no-announce    do not announce this receiver on the local network (by
                   default it does, where --bind lets peers reach it)
  --announce-interval T
                   announce every T (default {2}s); peers forget this receiver
                   after three silent intervals
  -v, --verbose    debug logging on stderr

send      Send files and folders (recursively) to a receiver.
  --threshold SIZE files of at least SIZE use direct I/O (bytes or K/M/G, default {0})
  --peer-id FP     refuse a receiver whose fingerprint is not FP
  --fast           fast mode: file bytes go as plain TCP after the TLS handshake
                   (zero-copy), each file's digest keyed by the handshake; the
                   receiver grants it only to a device pinned with --fast
  --strategy S     force one strategy for every file (default auto)
  --no-resume      send every file whole, even what the receiver already holds
                   (by default an interrupted file continues where its longest
                   verified prefix ends, and files already there are skipped)
  --idle-timeout T fail when the receiver takes nothing for T (default {1}s)
  --connect-timeout T
                   fail when no connection to the receiver is made within T
                   (default {3}s)
  --json           one JSON object per line for every event
  -v, --verbose    debug logging on stderr
  HOST:PORT        the receiver, e.g. 192.168.1.7:53740 or [::1]:53740

peers     List the Ferry receivers on the local network: name, verification
          code and HOST:PORT, one line each.
  --timeout T      listen for T (default 3s)
  --json           one JSON object per line: peer_found, peer_updated and
                   peer_expired as they happen, then one "peer" per peer still there
  -v, --verbose    debug logging on stderr

identity  Print this device's name, verification code and fingerprint.
trust     Pin a peer by fingerprint (--auto-accept: accept its offers without
          asking; --fast: let it use fast mode); without one, list pinned peers.
untrust   Unpin a peer.

Exit status: 0 when every file arrived verified, 1 when a transfer failed,
2 when the command line is wrong.
)",
                     format_size(kDefaultDirectThreshold),
                     std::chrono::duration_cast<std::chrono::seconds>(EngineSettings{}.idle_timeout).count(),
                     std::chrono::duration_cast<std::chrono::seconds>(kDefaultAnnounceInterval).count(),
                     std::chrono::duration_cast<std::chrono::seconds>(EngineSettings{}.connect_timeout).count());
}

}  // namespace ferry::cli
