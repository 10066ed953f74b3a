#pragma once
// The peers heard so far, sans I/O: announcements in, discovery events out,
// with the time passed in. Each address of a peer expires on its own, three
// of the peer's intervals plus a second after it was last heard from; the
// peer expires with its last address. The table holds at most kMaxPeers of
// at most kMaxHostsPerPeer addresses each, so a flood of made-up devices or
// addresses cannot grow it without bound.
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

class PeerTable {
 public:
  using Clock = std::chrono::steady_clock;

  struct Heard {
    std::optional<DiscoveryEvent> event;
    bool answer = false;  // a device we did not know, or a probe: announce ourselves soon
  };

  explicit PeerTable(const protocol::DeviceId& own_id) : own_id_(own_id) {}

  // `host` is the datagram's source address as parse_endpoint takes it.
  Heard hear(const protocol::Announcement& announcement, const std::string& host, Clock::time_point now);
  std::vector<DiscoveryEvent> expire(Clock::time_point now);
  // When expire() next has something to do.
  std::optional<Clock::time_point> next_expiry() const;

 private:
  struct Entry {
    DiscoveredPeer peer;
    std::map<std::string, Clock::time_point> deadlines;  // per host
    std::vector<std::string> host_order;                 // as first heard
  };

  static void list_hosts(Entry& entry);

  protocol::DeviceId own_id_;
  std::map<protocol::DeviceId, Entry> peers_;
};

}  // namespace ferry::discovery
