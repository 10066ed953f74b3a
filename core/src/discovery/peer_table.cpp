// SPDX-License-Identifier: Apache-2.0
#include "discovery/peer_table.hpp"

#include <algorithm>

namespace ferry::discovery {
namespace {

DiscoveredPeer describe(const protocol::Announcement& announcement) {
  DiscoveredPeer peer;
  peer.device_id = protocol::to_hex(announcement.device_id);
  peer.device_name = announcement.device_name;
  peer.os = std::string(to_string(announcement.os));
  peer.protocol_version = announcement.protocol_version;
  peer.port = announcement.port;
  return peer;
}

bool is_ipv4(const std::string& host) { return host.find(':') == std::string::npos; }

}  // namespace

PeerTable::Heard PeerTable::hear(const protocol::Announcement& announcement, const std::string& host,
                                 Clock::time_point now) {
  if (announcement.device_id == own_id_) return {};
  const auto known = peers_.find(announcement.device_id);
  switch (announcement.kind) {
    case protocol::AnnouncementKind::Probe:
      return {.answer = true};
    case protocol::AnnouncementKind::Leave: {
      if (known == peers_.end()) return {};
      PeerExpired gone{std::move(known->second.peer), true};
      peers_.erase(known);
      return {.event = std::move(gone)};
    }
    case protocol::AnnouncementKind::Announce:
      break;
  }
  const auto interval = std::min<std::chrono::milliseconds>(announcement.interval, kMaxExpiryInterval);
  const Clock::time_point deadline = now + kSilentIntervals * interval + kExpiryMargin;
  if (known == peers_.end()) {
    std::optional<PeerExpired> evicted;
    if (!pinned(announcement.device_id) && !make_room(now, evicted)) return {};
    Entry& entry = peers_[announcement.device_id];
    entry.peer = describe(announcement);
    entry.deadlines[host] = deadline;
    entry.host_order.push_back(host);
    entry.last_heard = now;
    list_hosts(entry);
    return {.event = PeerFound{entry.peer}, .evicted = std::move(evicted), .answer = true};
  }
  Entry& entry = known->second;
  entry.last_heard = now;
  const DiscoveredPeer before = entry.peer;
  if (const auto at = entry.deadlines.find(host); at != entry.deadlines.end()) {
    at->second = deadline;
  } else if (entry.deadlines.size() < kMaxHostsPerPeer) {
    entry.deadlines.emplace(host, deadline);
    entry.host_order.push_back(host);
  }
  entry.peer = describe(announcement);
  list_hosts(entry);
  if (entry.peer == before) return {};
  return {.event = PeerUpdated{entry.peer}};
}

std::vector<DiscoveryEvent> PeerTable::expire(Clock::time_point now) {
  std::vector<DiscoveryEvent> events;
  for (auto it = peers_.begin(); it != peers_.end();) {
    Entry& entry = it->second;
    const std::size_t before = entry.deadlines.size();
    std::erase_if(entry.deadlines, [now](const auto& item) { return item.second <= now; });
    if (entry.deadlines.empty()) {
      events.emplace_back(PeerExpired{std::move(entry.peer)});
      it = peers_.erase(it);
      continue;
    }
    if (entry.deadlines.size() != before) {
      std::erase_if(entry.host_order, [&entry](const std::string& host) { return !entry.deadlines.contains(host); });
      list_hosts(entry);
      events.emplace_back(PeerUpdated{entry.peer});
    }
    ++it;
  }
  return events;
}

std::optional<PeerTable::Clock::time_point> PeerTable::next_expiry() const {
  std::optional<Clock::time_point> next;
  for (const auto& [id, entry] : peers_) {
    for (const auto& [host, deadline] : entry.deadlines) {
      if (!next || deadline < *next) next = deadline;
    }
  }
  return next;
}

void PeerTable::set_pinned(std::vector<protocol::DeviceId> pinned) { pinned_ = std::move(pinned); }

bool PeerTable::pinned(const protocol::DeviceId& id) const {
  return std::find(pinned_.begin(), pinned_.end(), id) != pinned_.end();
}

bool PeerTable::make_room(Clock::time_point now, std::optional<PeerExpired>& evicted) {
  std::size_t unpinned = 0;
  auto stalest = peers_.end();
  for (auto it = peers_.begin(); it != peers_.end(); ++it) {
    if (pinned(it->first)) continue;
    ++unpinned;
    if (stalest == peers_.end() || it->second.last_heard < stalest->second.last_heard) stalest = it;
  }
  if (unpinned < kMaxPeers) return true;
  if (stalest == peers_.end() || now - stalest->second.last_heard < kEvictableSilence) return false;
  evicted = PeerExpired{std::move(stalest->second.peer)};
  peers_.erase(stalest);
  return true;
}

void PeerTable::list_hosts(Entry& entry) {
  entry.peer.hosts = entry.host_order;
  std::stable_partition(entry.peer.hosts.begin(), entry.peer.hosts.end(), is_ipv4);
}

}  // namespace ferry::discovery
