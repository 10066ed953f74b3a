// SPDX-License-Identifier: Apache-2.0
#pragma once
// The devices that reached this one by unicast, sans I/O: where multicast
// does not carry, they and this device keep each other listed by sending
// their periodic datagrams (and answers) to each other directly. Each contact
// is an IPv4 address and port (the sender's unicast socket) and lasts as long
// as a peer heard there would (peer_table.hpp), renewed by every datagram;
// at most kMaxContacts, the one heard least recently making room for a
// newcomer.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "ferry/core/protocol/announcement.hpp"
#include "ferry/platform/network_interfaces.hpp"

namespace ferry::discovery {

inline constexpr std::size_t kMaxContacts = 256;

struct Contact {
  platform::Ipv4Address address{};
  std::uint16_t port = 0;
  auto operator<=>(const Contact&) const = default;
};

class UnicastContacts {
 public:
  using Clock = std::chrono::steady_clock;

  // A datagram from `contact`: a LEAVE forgets it, anything else keeps it.
  // True when it is a new contact.
  bool heard(const Contact& contact, const protocol::Announcement& announcement, Clock::time_point now);
  // Those not expired by `now`, the expired ones forgotten.
  std::vector<Contact> current(Clock::time_point now);

 private:
  struct State {
    Clock::time_point last_heard;
    Clock::time_point deadline;
  };
  std::map<Contact, State> contacts_;
};

}  // namespace ferry::discovery
