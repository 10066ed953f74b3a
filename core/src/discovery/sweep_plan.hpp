// SPDX-License-Identifier: Apache-2.0
#pragma once
// The unicast sweep, sans I/O: where multicast finds nobody, the discovery
// datagram goes by unicast to every host of the /24 around each IPv4 address
// of each interface (docs/discovery.md section 4). This decides which
// addresses and when: never the /24's network or broadcast address nor the
// interface's own, and at most kSweepBudget datagrams per interface in any
// kSweepWindow, sent kSweepBatch at a time.
#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ferry/platform/network_interfaces.hpp"

namespace ferry::discovery {

inline constexpr std::size_t kSweepBudget = 256;
inline constexpr std::chrono::seconds kSweepWindow{60};
inline constexpr std::size_t kSweepBatch = 64;
inline constexpr std::chrono::milliseconds kSweepStep{250};

// The hosts of the /24 around `own`: x.y.z.1 .. x.y.z.254 without `own`.
std::vector<platform::Ipv4Address> sweep_targets(const platform::Ipv4Address& own);

// True when `address` lies in the /24 around `own`.
bool same_slash24(const platform::Ipv4Address& address, const platform::Ipv4Address& own);

// How many datagrams may leave one interface: kSweepBudget in any kSweepWindow.
class SweepPacer {
 public:
  using Clock = std::chrono::steady_clock;

  std::size_t allowance(Clock::time_point now);
  void sent(std::size_t count, Clock::time_point now);
  // When allowance() turns non-zero; `now` when it is already.
  Clock::time_point next_allowed(Clock::time_point now);

 private:
  void forget_before(Clock::time_point now);
  std::deque<Clock::time_point> sent_;  // at most kSweepBudget send times
};

class SweepPlanner {
 public:
  using Clock = std::chrono::steady_clock;

  struct Subnet {
    std::string interface;  // the pacing is per interface
    platform::Ipv4Address own;
  };

  // Queues every host of these subnets; a sweep still queued goes on.
  void start(const std::vector<Subnet>& subnets);
  bool active() const { return !queued_.empty(); }
  // What may be sent now: per interface at most kSweepBatch and what its pacer allows.
  std::vector<platform::Ipv4Address> take(Clock::time_point now);
  // When take() next returns something; nullopt when nothing is queued.
  std::optional<Clock::time_point> next_send(Clock::time_point now);

 private:
  std::map<std::string, std::deque<platform::Ipv4Address>> queued_;  // by interface, none empty
  std::map<std::string, SweepPacer> pacers_;                         // kept between sweeps
};

}  // namespace ferry::discovery
