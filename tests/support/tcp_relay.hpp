// SPDX-License-Identifier: Apache-2.0
#pragma once
// Test support: a TCP relay on 127.0.0.1 between a sender and a receiver
// that misbehaves on cue. After `limit` bytes from the sender on its first
// connection it either cuts that connection (a cable pulled mid-transfer),
// stops relaying it while keeping it open (a peer that hangs), or changes one
// bit of the next byte and relays everything else (an attacker on the wire).
// Later connections pass whole (the cable plugged back in). Runs on its own
// thread.
#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>

namespace ferry::test {

class TcpRelay {
 public:
  enum class AtLimit { Cut, Stall, Flip };

  TcpRelay(std::uint16_t target_port, std::uint64_t limit, AtLimit at_limit);
  ~TcpRelay();  // closes everything and joins its thread
  TcpRelay(const TcpRelay&) = delete;
  TcpRelay& operator=(const TcpRelay&) = delete;

  std::uint16_t port() const;
  bool limit_reached() const { return limit_reached_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> limit_reached_{false};
  std::thread thread_;
};

}  // namespace ferry::test
