// SPDX-License-Identifier: Apache-2.0
#include "arguments.hpp"

#include <fmt/core.h>

#include "ferry/core/announce_interval.hpp"
#include "ferry/core/trust.hpp"
#include "help_text.hpp"
#include "nearest_word.hpp"
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

  // `options`: the command's, to suggest the one meant.
  [[noreturn]] void reject(std::string_view command, std::span<const std::string_view> options) const {
    if (!is_option()) throw UsageError(fmt::format("{}: unexpected argument '{}'", command, current_));
    std::string message = fmt::format("{}: unknown option {}", command, name());
    if (const auto meant = nearest_word(name(), options)) message += fmt::format(" (did you mean {}?)", *meant);
    throw UsageError(message);
  }

 private:
  std::span<const std::string_view> arguments_;
  std::size_t next_index_ = 0;
  std::string_view current_;
  bool options_ended_ = false;
};

bool is_help(std::string_view name) { return name == "-h" || name == "--help"; }

// Each command's options, for suggestions.
constexpr std::string_view kReceiveOptions[] = {
    "--dir",     "--config-dir", "--port",          "--bind", "--threshold",   "--accept-all",
    "--once",    "--no-sync",    "--idle-timeout",  "--name", "--no-announce", "--announce-interval",
    "--verbose", "--help",       "--no-attributes", "--only"};
constexpr std::string_view kSendOptions[] = {
    "--to",        "--config-dir",   "--peer-id",         "--fast",  "--threshold", "--strategy", "--json",
    "--no-resume", "--idle-timeout", "--connect-timeout", "--limit", "--verbose",   "--help",     "--text"};
constexpr std::string_view kPeersOptions[] = {"--timeout", "--config-dir", "--json", "--verbose", "--help"};
constexpr std::string_view kIdentityOptions[] = {"--config-dir", "--help"};
constexpr std::string_view kTrustOptions[] = {"--config-dir", "--name", "--auto-accept", "--fast", "--help"};
constexpr std::string_view kUntrustOptions[] = {"--config-dir", "--help"};

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
    throw UsageError(
        fmt::format("{}: '{}' is not a fingerprint (64 lowercase hex digits, see ferry-cli identity)", what, value));
  return std::string(value);
}

Command parse_receive(ArgumentReader& reader) {
  ReceiveOptions options;
  while (reader.next()) {
    if (!reader.is_option()) reader.reject("receive", kReceiveOptions);
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
    } else if (name == "--no-attributes") {
      reader.flag();
      options.keep_attributes = false;
    } else if (name == "--only") {
      options.only.push_back(non_empty(reader.value(), name));
    } else if (name == "--idle-timeout") {
      options.idle_timeout = parse_duration(reader.value());
    } else if (name == "--name") {
      options.name = non_empty(reader.value(), name);
    } else if (name == "--no-announce") {
      reader.flag();
      options.announce = false;
    } else if (name == "--announce-interval") {
      options.announce_interval = parse_duration(reader.value());
      if (options.announce_interval < kMinAnnounceInterval || options.announce_interval > kMaxAnnounceInterval)
        throw UsageError("option --announce-interval takes 100ms to 3600s");
    } else if (name == "-v" || name == "--verbose") {
      reader.flag();
      options.verbose = true;
    } else if (is_help(name)) {
      return ShowHelp{"receive"};
    } else {
      reader.reject("receive", kReceiveOptions);
    }
  }
  if (options.dir.empty()) throw UsageError("receive: --dir DIR is required");
  return options;
}

// The same receiver twice would get the same files twice, at once.
void add_target(std::vector<Endpoint>& targets, Endpoint target) {
  for (const Endpoint& known : targets)
    if (known == target) throw UsageError(fmt::format("send: --to {} is given twice", format_endpoint(target)));
  targets.push_back(std::move(target));
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
    if (name == "--to") {
      add_target(options.targets, parse_endpoint(reader.value()));
    } else if (name == "--config-dir") {
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
    } else if (name == "--limit") {
      options.upload_limit = parse_upload_limit(reader.value());
    } else if (name == "--text") {
      if (options.text) throw UsageError("send: --text is given twice");
      options.text = non_empty(reader.value(), name);
    } else if (name == "-v" || name == "--verbose") {
      reader.flag();
      options.verbose = true;
    } else if (is_help(name)) {
      return ShowHelp{"send"};
    } else {
      reader.reject("send", kSendOptions);
    }
  }
  // Without --to, the first positional is the one receiver; a text needs no PATH.
  const bool positional_target = options.targets.empty();
  const std::size_t paths_needed = options.text ? 0 : 1;
  if (positional_target && positionals.size() < 1 + paths_needed)
    throw UsageError("send: expected HOST[:PORT] (or --to HOST[:PORT]) and at least one PATH (or --text)");
  if (positionals.size() < (positional_target ? 1 : 0) + paths_needed)
    throw UsageError("send: expected at least one PATH (or --text)");
  if (positional_target) options.targets.push_back(parse_endpoint(positionals.front()));
  // One fingerprint names one device.
  if (options.targets.size() > 1 && !options.peer_id.empty())
    throw UsageError("send: --peer-id checks one receiver; it cannot be used with several --to");
  for (const std::string_view path : std::span(positionals).subspan(positional_target ? 1 : 0)) {
    if (path.empty()) throw UsageError("send: a PATH is empty");
    options.paths.push_back(utf8_path(path));
  }
  return options;
}

Command parse_identity(ArgumentReader& reader) {
  IdentityOptions options;
  while (reader.next()) {
    if (!reader.is_option()) reader.reject("identity", kIdentityOptions);
    const std::string_view name = reader.name();
    if (name == "--config-dir")
      options.config_dir = utf8_path(non_empty(reader.value(), name));
    else if (is_help(name))
      return ShowHelp{"identity"};
    else
      reader.reject("identity", kIdentityOptions);
  }
  return options;
}

Command parse_trust(ArgumentReader& reader, bool remove) {
  const char* command = remove ? "untrust" : "trust";
  using Options = std::span<const std::string_view>;
  const Options known = remove ? Options(kUntrustOptions) : Options(kTrustOptions);
  TrustOptions options;
  options.remove = remove;
  while (reader.next()) {
    if (!reader.is_option()) {
      if (!options.fingerprint.empty()) reader.reject(command, known);
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
      return ShowHelp{command};
    } else {
      reader.reject(command, known);
    }
  }
  if (remove && options.fingerprint.empty()) throw UsageError("untrust: expected a FINGERPRINT");
  return options;
}

Command parse_peers(ArgumentReader& reader) {
  PeersOptions options;
  while (reader.next()) {
    if (!reader.is_option()) reader.reject("peers", kPeersOptions);
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
      return ShowHelp{"peers"};
    } else {
      reader.reject("peers", kPeersOptions);
    }
  }
  return options;
}

// `help [COMMAND]`.
Command parse_help(std::span<const std::string_view> arguments) {
  if (arguments.size() > 1) throw UsageError(fmt::format("help: unexpected argument '{}'", arguments[1]), "help");
  if (arguments.empty()) return ShowHelp{};
  return ShowHelp{std::string(known_command(arguments.front()))};
}

Command parse_command(std::string_view command, std::span<const std::string_view> arguments) {
  ArgumentReader reader(arguments);
  if (command == "receive") return parse_receive(reader);
  if (command == "send") return parse_send(reader);
  if (command == "identity") return parse_identity(reader);
  if (command == "trust") return parse_trust(reader, false);
  if (command == "untrust") return parse_trust(reader, true);
  if (command == "peers") return parse_peers(reader);
  return parse_help(arguments);
}

}  // namespace

std::string_view known_command(std::string_view command) {
  for (const std::string_view known : command_names())
    if (command == known) return known;
  std::string message = fmt::format("unknown command '{}'", command);
  if (const auto meant = nearest_word(command, command_names())) message += fmt::format(" (did you mean {}?)", *meant);
  throw UsageError(message);
}

Command parse_command_line(std::span<const std::string_view> arguments) {
  if (arguments.empty()) throw UsageError("expected a command: receive, send, peers, identity, trust, untrust or help");
  const std::string_view first = arguments.front();
  if (is_help(first) || first == "--version") {
    if (arguments.size() > 1) throw UsageError(fmt::format("unexpected argument '{}' after {}", arguments[1], first));
    return is_help(first) ? Command{ShowHelp{}} : Command{ShowVersion{}};
  }
  const std::string_view command = known_command(first);
  try {
    return parse_command(command, arguments.subspan(1));
  } catch (const UsageError& error) {
    // `help NOSUCH` points to the overview, not to help's own help.
    throw UsageError(error.what(), command == "help" ? std::string() : std::string(command));
  }
}

}  // namespace ferry::cli
