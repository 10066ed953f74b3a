// SPDX-License-Identifier: Apache-2.0
#pragma once
// The command line of ferry-cli, parsed into one value per command.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ferry/core/discovery.hpp"
#include "ferry/core/settings.hpp"
#include "value_parsers.hpp"

namespace ferry::cli {

// The help of `command`; the overview of every command when empty.
struct ShowHelp {
  std::string command;
};
struct ShowVersion {};

struct ReceiveOptions {
  std::optional<std::filesystem::path> config_dir;  // identity and pinned peers
  std::filesystem::path dir;
  std::uint16_t port = kDefaultReceivePort;
  std::optional<std::string> bind_address;            // nullopt: the engine's default
  std::uint64_t threshold = kDefaultDirectThreshold;  // files this big are written direct
  bool accept_all = false;
  bool once = false;
  bool durable = true;          // sync before naming received files
  bool keep_attributes = true;  // the executable bit and read-only flag the sender's files had
  // --only: take just these offered paths (a folder with everything in it);
  // empty: everything offered.
  std::vector<std::string> only;
  std::chrono::milliseconds idle_timeout = EngineSettings{}.idle_timeout;
  std::optional<std::string> name;  // nullopt: this computer's host name
  bool announce = true;             // tell peers on the local network about this receiver
  std::chrono::milliseconds announce_interval = kDefaultAnnounceInterval;
  bool verbose = false;
};

struct PeersOptions {
  std::optional<std::filesystem::path> config_dir;
  std::chrono::milliseconds timeout = std::chrono::seconds(3);
  bool json = false;
  bool verbose = false;
};

struct SendOptions {
  std::optional<std::filesystem::path> config_dir;
  std::string peer_id;  // the receiver's expected fingerprint; empty: any
  bool fast = false;    // ask for fast mode
  std::uint64_t threshold = kDefaultDirectThreshold;
  std::optional<Strategy> strategy;  // nullopt: auto
  bool resume = true;
  std::uint64_t upload_limit = 0;  // bytes per second, every receiver together; 0: none
  std::chrono::milliseconds idle_timeout = EngineSettings{}.idle_timeout;
  std::chrono::milliseconds connect_timeout = EngineSettings{}.connect_timeout;  // TCP connect
  bool json = false;
  bool verbose = false;
  // The receivers, in the order given; each gets its own session at once.
  std::vector<Endpoint> targets;
  std::vector<std::filesystem::path> paths;
  // --text: a message to send with the paths or alone; "-" reads it from stdin.
  std::optional<std::string> text;
};

struct IdentityOptions {
  std::optional<std::filesystem::path> config_dir;
};

// Pins (or with `remove` unpins) a peer; no fingerprint lists the pinned ones.
struct TrustOptions {
  std::optional<std::filesystem::path> config_dir;
  std::string fingerprint;
  std::string name;
  bool auto_accept = false;
  bool fast_mode = false;
  bool remove = false;
};

using Command =
    std::variant<ShowHelp, ShowVersion, ReceiveOptions, SendOptions, IdentityOptions, TrustOptions, PeersOptions>;

// `arguments` excludes the program name. Throws UsageError.
Command parse_command_line(std::span<const std::string_view> arguments);

// `command` when it is one; else throws UsageError suggesting the nearest.
std::string_view known_command(std::string_view command);

}  // namespace ferry::cli
