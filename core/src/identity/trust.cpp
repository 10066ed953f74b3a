// SPDX-License-Identifier: Apache-2.0
#include "ferry/core/trust.hpp"

#include <algorithm>

#include "ferry/core/identity.hpp"
#include "ferry/platform/private_files.hpp"
#include "name_likeness.hpp"

namespace ferry {

PeerIdentity identify_peer(const std::vector<KnownPeer>& known, std::string_view fingerprint, std::string_view name) {
  PeerIdentity identity{std::string(fingerprint), verification_code(fingerprint), PeerTrust::New, std::nullopt};
  for (const auto& peer : known) {
    if (peer.fingerprint == fingerprint) {
      identity.trust = PeerTrust::Known;
      identity.pinned = peer;
      return identity;
    }
    if (!name_skeleton(name).empty() && names_look_alike(peer.name, name)) identity.trust = PeerTrust::Changed;
  }
  return identity;
}

bool is_fingerprint(std::string_view text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::vector<KnownPeer> parse_known_peers(std::string_view text) {
  std::vector<KnownPeer> peers;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    const auto first_space = line.find(' ');
    const auto second_space = line.find(' ', first_space + 1);
    if (first_space == std::string_view::npos || second_space == std::string_view::npos) continue;
    KnownPeer peer;
    peer.fingerprint = std::string(line.substr(0, first_space));
    const auto flags = line.substr(first_space + 1, second_space - first_space - 1);
    peer.name = std::string(line.substr(second_space + 1));
    if (!is_fingerprint(peer.fingerprint)) continue;
    peer.auto_accept = flags.find('a') != std::string_view::npos;
    peer.fast_mode = flags.find('f') != std::string_view::npos;
    pin_peer(peers, std::move(peer));
  }
  return peers;
}

std::string format_known_peers(const std::vector<KnownPeer>& peers) {
  std::string text;
  for (const auto& peer : peers) {
    std::string flags;
    if (peer.auto_accept) flags += 'a';
    if (peer.fast_mode) flags += 'f';
    if (flags.empty()) flags = "-";
    std::string name = peer.name;
    std::replace(name.begin(), name.end(), '\n', ' ');
    text += peer.fingerprint + " " + flags + " " + name + "\n";
  }
  return text;
}

void pin_peer(std::vector<KnownPeer>& known, KnownPeer peer) {
  auto same =
      std::find_if(known.begin(), known.end(), [&](const KnownPeer& p) { return p.fingerprint == peer.fingerprint; });
  if (same != known.end())
    *same = std::move(peer);
  else
    known.push_back(std::move(peer));
}

namespace {
constexpr std::size_t kMaxKnownPeersBytes = 4 * 1024 * 1024;
std::filesystem::path known_peers_path(const std::filesystem::path& config_dir) { return config_dir / "known-peers"; }
}  // namespace

Result<std::vector<KnownPeer>> load_known_peers(const std::filesystem::path& config_dir) {
  const auto path = known_peers_path(config_dir);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::vector<KnownPeer>{};
  auto text = platform::read_small_file(path, kMaxKnownPeersBytes);
  if (!text) return text.error();
  return parse_known_peers(text.value());
}

Result<void> save_known_peers(const std::filesystem::path& config_dir, const std::vector<KnownPeer>& peers) {
  return platform::replace_private_file(known_peers_path(config_dir), format_known_peers(peers));
}

}  // namespace ferry
