#pragma once
// What the engine tells its user: small value types, queued and drained.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "ferry/core/protocol/messages.hpp"
#include "ferry/core/trust.hpp"
#include "ferry/platform/strategy.hpp"

namespace ferry {

struct TransferId {
  std::uint64_t value = 0;
  auto operator<=>(const TransferId&) const = default;
};

enum class Direction { Send, Receive };

struct ListeningStarted {
  std::string address;  // host as bound
  std::uint16_t port = 0;
};

// A peer wants to send us files; answer with TransferEngine::respond.
struct OfferReceived {
  TransferId id;
  std::string peer;         // "host:port"
  std::string device_name;  // from the peer's hello
  std::vector<protocol::OfferEntry> entries;
  std::uint64_t total_bytes = 0;
  PeerIdentity identity;    // Changed: never accepted without asking
  protocol::TransferMode mode = protocol::TransferMode::Encrypted;  // if accepted
  // The engine accepts it without asking (a pinned device with auto-accept,
  // or ConsentPolicy::AcceptAll; never a Changed identity): no respond().
  bool accepted_automatically = false;
};

// The offer was accepted and bytes start to move; `entries` is the whole
// offer (files and folders), which Progress::file_index points into.
struct SessionStarted {
  TransferId id;
  Direction direction = Direction::Send;
  std::string peer;
  std::uint32_t file_count = 0;
  std::uint64_t total_bytes = 0;
  std::vector<protocol::OfferEntry> entries;
  PeerIdentity identity;
  std::string device_name;  // the peer's, from its hello
  protocol::TransferMode mode = protocol::TransferMode::Encrypted;
  // Encrypted mode: the kernel encrypts what this side sends (Linux kernel
  // TLS), so its files go zero-copy; false: OpenSSL encrypts in user space.
  bool kernel_tls = false;
};

struct Progress {
  TransferId id;
  std::uint64_t bytes_done = 0;   // whole session
  std::uint64_t total_bytes = 0;
  std::uint32_t file_index = 0;   // offer index of the file in flight
};

struct FileDone {
  TransferId id;
  Direction direction = Direction::Send;
  std::uint32_t index = 0;
  std::string path;         // as offered (receiver: as finally stored)
  std::uint64_t bytes = 0;
  Strategy strategy = Strategy::Buffered;  // what actually moved the bytes on this side
  std::string strategy_note;               // why, e.g. a fallback reason; may be empty
  // Bytes an earlier session had already delivered (resumed); == bytes when
  // the receiver already held the whole file and nothing was sent.
  std::uint64_t resumed_bytes = 0;
  double seconds = 0;
  bool ok = false;
  std::string error;  // when !ok
};

struct SessionDone {
  TransferId id;
  Direction direction = Direction::Send;
  std::uint32_t files_ok = 0;
  std::uint32_t files_failed = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;
  bool ok = false;     // every file arrived verified
  std::string error;   // when the session itself failed (declined, cut, cancelled)
};

struct EngineError {
  std::string message;  // e.g. cannot listen
};

using Event = std::variant<ListeningStarted, OfferReceived, SessionStarted, Progress, FileDone,
                           SessionDone, EngineError>;

}  // namespace ferry
