// SPDX-License-Identifier: Apache-2.0
#pragma once
// Which incoming connections the engine takes on, sans I/O. A connection
// costs a descriptor and a session until it offers something or times out,
// so hostile peers could otherwise hold every descriptor the process has:
// - one address gets at most kMaxSessionsPerAddress sessions at once, and
//   further connections from it are closed (a slowloris from one host);
// - at most kMaxHandshaking sessions are still before their offer (TLS
//   handshake, HELLO, OFFER) at once, from all addresses together: a newcomer
//   past that displaces the oldest of them, which a legitimate peer, done in
//   milliseconds, has long left behind (idle connections from many hosts).
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "ferry/core/events.hpp"

namespace ferry {

inline constexpr std::size_t kMaxSessionsPerAddress = 16;
inline constexpr std::size_t kMaxHandshaking = 64;

class ConnectionGate {
 public:
  struct Admission {
    bool admitted = false;
    std::optional<TransferId> displaced;  // to be closed to make room
  };

  Admission admit(TransferId id, const std::string& address);
  // The session got its offer: it no longer counts as handshaking.
  void offered(TransferId id);
  void ended(TransferId id);
  std::optional<TransferId> oldest_handshaking() const;
  std::size_t sessions() const { return address_of_.size(); }

 private:
  std::map<TransferId, std::string> address_of_;
  std::map<std::string, std::size_t> per_address_;
  std::deque<TransferId> handshaking_;  // oldest first
};

}  // namespace ferry
