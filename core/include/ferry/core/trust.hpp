// SPDX-License-Identifier: Apache-2.0
#pragma once
// Who a peer is: its certificate's fingerprint, checked against the devices
// the user trusts (pinned when first accepted), with the rules of consent.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ferry/base/io_result.hpp"

namespace ferry {

// A device the user pinned, with what it may do without asking.
struct KnownPeer {
  std::string fingerprint;   // 64 lowercase hex digits
  std::string name;          // its device name when pinned, for display and warnings
  bool auto_accept = false;  // its offers are accepted without asking
  bool fast_mode = false;    // file bytes to and from it may skip TLS (fast mode)
  bool operator==(const KnownPeer&) const = default;
};

enum class PeerTrust {
  New,      // never pinned, and no pinned device has its name
  Known,    // pinned
  Changed,  // not pinned, but a pinned device has a name that looks like its own: maybe an impostor
};

constexpr std::string_view to_string(PeerTrust trust) {
  switch (trust) {
    case PeerTrust::Known:
      return "pinned";
    case PeerTrust::Changed:
      return "NOT the pinned device of that name";
    case PeerTrust::New:
      break;
  }
  return "new device";
}

struct PeerIdentity {
  std::string fingerprint;
  std::string verification_code;
  PeerTrust trust = PeerTrust::New;
  std::optional<KnownPeer> pinned;  // when Known
};

// What `known` says of a peer presenting `fingerprint` and calling itself `name`.
PeerIdentity identify_peer(const std::vector<KnownPeer>& known, std::string_view fingerprint, std::string_view name);

// The known-peers file: one device per line, "fingerprint flags name" (flags
// a string of 'a' auto-accept, 'f' fast mode, or '-'). Lines that do not
// parse are skipped.
std::vector<KnownPeer> parse_known_peers(std::string_view text);
std::string format_known_peers(const std::vector<KnownPeer>& peers);

// Adds or replaces (by fingerprint) one entry.
void pin_peer(std::vector<KnownPeer>& known, KnownPeer peer);

bool is_fingerprint(std::string_view text);

// config_dir/known-peers (0600): nothing yet is an empty list.
Result<std::vector<KnownPeer>> load_known_peers(const std::filesystem::path& config_dir);
Result<void> save_known_peers(const std::filesystem::path& config_dir, const std::vector<KnownPeer>& peers);

}  // namespace ferry
