// SPDX-License-Identifier: Apache-2.0
#pragma once
// The peers heard so far, sans I/O: announcements in, discovery events out,
// with the time passed in. Each address of a peer expires on its own, three
// of the peer's intervals (counted as at most a minute) plus a second after
// it was last heard from; the peer expires with its last address. The table
// holds at most kMaxPeers unpinned peers of at most kMaxHostsPerPeer
// addresses each, so a flood of made-up devices or addresses cannot grow it
// without bound. A full table makes room for a newcomer by dropping the
// unpinned peer heard least recently, once that one has been silent for
// kEvictableSilence: a burst of made-up devices cannot keep a real one out
// for long, nor can a steady flood churn the peers already listed. Pinned
// devices are always listed: they never count against the limit.
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ferry/core/discovery.hpp"
#include "ferry/core/protocol/announcement.hpp"

namespace ferry::discovery {

inline constexpr std::size_t kMaxPeers = 256;
inline constexpr std::size_t kMaxHostsPerPeer = 16;
inline constexpr int kSilentIntervals = 3;
inline constexpr std::chrono::seconds kExpiryMargin{1};
// Announced intervals above this count as this for expiry (an announcement
// of a one-hour interval cannot hold a place for three hours).
inline constexpr std::chrono::seconds kMaxExpiryInterval{60};
inline constexpr std::chrono::seconds kEvictableSilence{10};

class PeerTable {
 public:
  using Clock = std::chrono::steady_clock;

  struct Heard {
    std::optional<DiscoveryEvent> event;
    std::optional<PeerExpired> evicted;  // dropped to make room for this one
    bool answer = false;                 // a device we did not know, or a probe: announce ourselves soon
  };

  explicit PeerTable(const protocol::DeviceId& own_id) : own_id_(own_id) {}

  // The devices the user pinned: listed whenever heard, never evicted.
  void set_pinned(std::vector<protocol::DeviceId> pinned);

  // `host` is the datagram's source address as parse_endpoint takes it.
  Heard hear(const protocol::Announcement& announcement, const std::string& host, Clock::time_point now);
  std::vector<DiscoveryEvent> expire(Clock::time_point now);
  bool empty() const { return peers_.empty(); }
  // When expire() next has something to do.
  std::optional<Clock::time_point> next_expiry() const;

 private:
  struct Entry {
    DiscoveredPeer peer;
    std::map<std::string, Clock::time_point> deadlines;  // per host
    std::vector<std::string> host_order;                 // as first heard
    Clock::time_point last_heard;
  };

  static void list_hosts(Entry& entry);
  bool pinned(const protocol::DeviceId& id) const;
  // Room for one more unpinned peer, evicting one if the table is full.
  bool make_room(Clock::time_point now, std::optional<PeerExpired>& evicted);

  protocol::DeviceId own_id_;
  std::map<protocol::DeviceId, Entry> peers_;
  std::vector<protocol::DeviceId> pinned_;
};

}  // namespace ferry::discovery
