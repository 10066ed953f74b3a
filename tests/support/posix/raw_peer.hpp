// SPDX-License-Identifier: Apache-2.0
#pragma once
// Test support: a peer that speaks the wire protocol by hand over TLS 1.3 on
// a blocking socket on 127.0.0.1 (OpenSSL directly, its own identity), to drive a real engine into corners a
// well-behaved peer never reaches, and a sending engine to face it. Every read,
// write and wait has a deadline.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine_harness.hpp"
#include "ferry/core/protocol/codec.hpp"

struct ssl_st;

namespace ferry::test {

inline constexpr std::chrono::milliseconds kRawTimeout = std::chrono::seconds(10);

// One end of a TCP connection, frames encoded and decoded with the codec.
class RawPeer {
 public:
  enum class Status { Frame, Closed, TimedOut, Undecodable };
  struct Received {
    Status status = Status::TimedOut;
    protocol::Message message;  // when status == Frame
  };

  static std::optional<RawPeer> connect(std::uint16_t port);
  // Takes over a connected socket and runs the TLS handshake on it; nullopt
  // when the handshake fails.
  static std::optional<RawPeer> handshake(int fd, bool as_client);
  RawPeer(RawPeer&& other) noexcept;
  RawPeer& operator=(RawPeer&& other) noexcept;
  RawPeer(const RawPeer&) = delete;
  RawPeer& operator=(const RawPeer&) = delete;
  ~RawPeer();

  // The whole frame (for a DataHeader only its 5-byte header); false on error.
  bool send(const protocol::Message& message);
  bool send_bytes(std::span<const std::byte> bytes);
  // The next frame; a DATA frame's payload stays unread for skip_payload.
  Received read(std::chrono::milliseconds timeout = kRawTimeout);
  // The next frame when it is a T.
  template <class T>
  std::optional<T> expect(std::chrono::milliseconds timeout = kRawTimeout) {
    Received received = read(timeout);
    if (received.status != Status::Frame) return std::nullopt;
    if (auto* message = std::get_if<T>(&received.message)) return std::move(*message);
    return std::nullopt;
  }
  // Reads and drops `count` bytes; false when the stream ends or time runs out first.
  bool skip_payload(std::uint64_t count, std::chrono::milliseconds timeout = kRawTimeout);
  // Reads control frames until the other side closes the connection and
  // returns them; nullopt when it is still open at the deadline or sends
  // something undecodable.
  std::optional<std::vector<protocol::Message>> wait_closed(std::chrono::milliseconds timeout = kRawTimeout);
  void close();

 private:
  using Deadline = std::chrono::steady_clock::time_point;
  // Appends what the socket has to buffer_; Frame when something arrived.
  Status receive_more(Deadline deadline);

  explicit RawPeer(int fd);

  int fd_ = -1;
  ssl_st* ssl_ = nullptr;
  std::vector<std::byte> buffer_;  // received, not yet consumed
};

// A listening socket on 127.0.0.1 with an ephemeral port.
class RawListener {
 public:
  RawListener();
  RawListener(const RawListener&) = delete;
  RawListener& operator=(const RawListener&) = delete;
  ~RawListener();

  std::uint16_t port() const { return port_; }
  std::optional<RawPeer> accept(std::chrono::milliseconds timeout = kRawTimeout);

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

// A port on 127.0.0.1 where a connect never completes, like an address whose
// firewall drops SYNs: a real listening socket whose accept queue is kept
// full and never accepted from, so the kernel drops every further SYN.
class SilentListener {
 public:
  SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  ~SilentListener();

  std::uint16_t port() const { return port_; }

 private:
  int listener_ = -1;
  std::vector<int> fillers_;  // connections queued (or pending) on the listener
  std::uint16_t port_ = 0;
};

// A port on 127.0.0.1 nothing listens on: a connect there is refused.
std::uint16_t unused_port();

// Offer entries with a fixed modification time.
protocol::OfferEntry file_entry(std::string path, std::uint64_t size);
protocol::OfferEntry folder_entry(std::string path, std::uint64_t size = 0);

// Accepts a sender's connection and reads its HELLO and OFFER.
std::optional<RawPeer> await_offer(RawListener& listener);

// A sending engine of its own, to face a raw receiver.
class Sender {
 public:
  explicit Sender(const EngineSettings& settings = {});
  TransferId send(std::uint16_t port, std::vector<std::filesystem::path> paths);
  TransferEngine& engine() { return engine_; }
  EventLog& log() { return log_; }

 private:
  EventLog log_;
  TransferEngine engine_;
};

// The first SessionDone `engine` emitted, waiting up to `timeout` for it.
std::optional<SessionDone> wait_session_done(TransferEngine& engine, EventLog& log, std::chrono::seconds timeout);

}  // namespace ferry::test
