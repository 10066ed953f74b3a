// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the engine tells its user: small value types, queued and drained.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <variant>
#include <vector>

#include "ferry/base/operating_system.hpp"
#include "ferry/base/strategy.hpp"
#include "ferry/core/endpoint.hpp"
#include "ferry/core/offer_entry.hpp"
#include "ferry/core/offer_space.hpp"
#include "ferry/core/transfer_mode.hpp"
#include "ferry/core/trust.hpp"

namespace ferry {

struct TransferId {
  std::uint64_t value = 0;
  auto operator<=>(const TransferId&) const = default;
};

enum class Direction { Send, Receive };

// Why a session or a file failed, as a value the app words for its user; the
// event's `error` text stays the technical detail.
enum class FailureCause {
  None,
  CancelledByUser,          // this side's user cancelled
  CancelledByPeer,          // the other side's user cancelled
  DeclinedByPeer,           // the receiving user said no
  DeclinedByUser,           // this side's user said no to an offer
  DeclinedAutomatically,    // the receiver declined without asking (busy, no space, invalid offer)
  ConnectFailed,            // no connection (refused, unreachable, unknown host)
  ConnectTimedOut,          // the connect did not complete within connect_timeout
  PeerIdentityMismatch,     // not the device expected
  ConnectionLost,           // cut after it was established
  IdleTimeout,              // the peer went quiet
  ReceiveFolderUnwritable,  // the receive folder is missing, read-only or otherwise unwritable
  DiskFull,                 // no space left for the data
  SourceUnreadable,         // the sender could not read a file
  SourceChanged,            // a file changed after it was offered or while it was sent
  VerificationFailed,       // the bytes that arrived do not match the sender's digest
  ProtocolError,            // the peer broke the protocol
  Other,
};

std::string_view to_string(FailureCause cause);

// The technical side of a failure, as values: what this side was doing, on
// which file of the transfer, and the system's error or the peer's own words.
// The app and ferry-cli word the FailureCause for people; this is the detail
// they show a click away, and what logs print. A subject is a path as the
// transfer names it, never a path on the peer's machine.
struct ErrorDetail {
  std::string operation;  // e.g. "connect", "TLS handshake", "read the answer", "open", "send data"
  std::string subject;    // the file (relative, '/'-separated); empty for the session as a whole
  std::error_code code;   // the system's error, when one caused it
  std::string peer_said;  // the peer's reason (CANCEL, DECLINE, FILE_ABORT, FILE_RESULT), when it gave one
  bool operator==(const ErrorDetail&) const = default;
};

// One line for logs and the detail view: "connect: Connection refused",
// "open photos/a.jpg: Permission denied", "the peer said: the receiving disk is full".
std::string describe(const ErrorDetail& detail);

// An outgoing session's steps before bytes move; SessionStarted follows.
enum class SendPhase {
  Connecting,          // the offer is built; connecting to the receiver
  AwaitingAcceptance,  // the offer is sent; waiting for the receiving user
};

struct SendPhaseChanged {
  TransferId id;
  SendPhase phase = SendPhase::Connecting;
  Endpoint peer;  // as asked
};

struct ListeningStarted {
  std::string address;  // host as bound
  std::uint16_t port = 0;
};

// An offered path this system cannot store (a colon or "CON" on Windows, a
// control character, a name above 255 bytes), and where it goes instead.
struct RenamedEntry {
  std::uint32_t index = 0;  // into the offer's entries
  std::string local_path;   // relative to the receive folder, '/'-separated
  bool operator==(const RenamedEntry&) const = default;
};

// A peer wants to send us files; answer with TransferEngine::respond.
struct OfferReceived {
  TransferId id;
  Endpoint peer;                                       // the address it connected from
  std::string device_name;                             // from the peer's hello
  OperatingSystem device_os = OperatingSystem::Other;  // from the peer's hello
  OfferEntries entries;
  std::uint64_t total_bytes = 0;
  PeerIdentity identity;                        // Changed: never accepted without asking
  TransferMode mode = TransferMode::Encrypted;  // if accepted
  // The engine accepts it without asking (a pinned device with auto-accept,
  // or ConsentPolicy::AcceptAll; never a Changed identity): no respond().
  bool accepted_automatically = false;
  std::vector<RenamedEntry> renamed;  // in index order; files keep " (1)" numbering on top
  // A message the sender wrote (UTF-8, at most kMaxOfferTextBytes),
  // with the files or instead of them (then `entries` is empty). It is the
  // receiving user's once the offer is accepted; the engine never stores it.
  std::string text;
  // The receive folder's free bytes when the offer came (none: unknown), and
  // what is already here of its files: bytes_needed(*entries, held, take) is
  // what a choice needs of them. An offer asked about may not fit whole; the
  // engine declines an answer whose part does not fit (NoSpace).
  std::optional<std::uint64_t> free_bytes;
  HeldBytes held;
};

// The offer was accepted and bytes start to move; `entries` is the whole
// offer (files and folders), which Progress::file_index points into.
// `file_count` and `total_bytes` count what the receiver took (all of it
// unless it chose a part: OfferAnswer::take).
struct SessionStarted {
  TransferId id;
  Direction direction = Direction::Send;
  Endpoint peer;
  std::uint32_t file_count = 0;
  std::uint64_t total_bytes = 0;
  OfferEntries entries;
  PeerIdentity identity;
  std::string device_name;                             // the peer's, from its hello
  OperatingSystem device_os = OperatingSystem::Other;  // the peer's, from its hello
  TransferMode mode = TransferMode::Encrypted;
  // Encrypted mode: the kernel encrypts what this side sends (Linux kernel
  // TLS), so its files go zero-copy; false: OpenSSL encrypts in user space.
  bool kernel_tls = false;
  // By offer index, the entries the receiver took; empty: all of them.
  std::vector<bool> taken;
};

struct Progress {
  TransferId id;
  std::uint64_t bytes_done = 0;  // whole session
  std::uint64_t total_bytes = 0;
  std::uint32_t file_index = 0;  // offer index of the file in flight
};

struct FileDone {
  TransferId id;
  Direction direction = Direction::Send;
  std::uint32_t index = 0;
  std::string path;  // as offered (receiver: as finally stored)
  std::uint64_t bytes = 0;
  Strategy strategy = Strategy::Buffered;  // what actually moved the bytes on this side
  std::string strategy_note;               // why, e.g. a fallback reason; may be empty
  // Bytes an earlier session had already delivered (resumed); == bytes when
  // the receiver already held the whole file and nothing was sent.
  std::uint64_t resumed_bytes = 0;
  double seconds = 0;
  bool ok = false;
  std::string error;  // when !ok: describe(detail)
  FailureCause cause = FailureCause::None;
  ErrorDetail detail;
};

struct SessionDone {
  TransferId id;
  Direction direction = Direction::Send;
  std::uint32_t files_ok = 0;
  std::uint32_t files_failed = 0;
  std::uint64_t bytes = 0;  // of the offer, done: counts what earlier sessions delivered
  double seconds = 0;       // from the first byte of file data; 0 when none moved
  bool ok = false;          // every file arrived verified
  std::string error;        // when the session itself failed (declined, cut, cancelled): describe(detail)
  FailureCause cause = FailureCause::None;
  ErrorDetail detail;
  // The receiver keeps what arrived (verified files, a part of at least one
  // resume block), so sending the same files again continues it.
  bool resumable = false;
  std::uint32_t files_already_there = 0;  // the receiver held them whole: nothing was sent
  std::uint64_t data_bytes = 0;           // file data this session moved: with `seconds`, its speed
  // Files the receiving user chose not to take: neither sent nor failed.
  std::uint32_t files_skipped = 0;
};

// The engine cannot do its job (no identity, cannot listen, no receive folder).
struct EngineError {
  std::string message;  // describe(detail)
  ErrorDetail detail;
};

using Event = std::variant<ListeningStarted, OfferReceived, SendPhaseChanged, SessionStarted, Progress, FileDone,
                           SessionDone, EngineError>;

}  // namespace ferry
