// SPDX-License-Identifier: Apache-2.0
#pragma once
// The sending session's protocol, without I/O: which frame may come when,
// which file goes next, how a cancel or a broken connection ends the session
// and what its SessionDone says. Its inputs are I/O completions, decoded
// frames, timer and user events; its output is the list of actions the
// driver (SendSession) performs, in order. The bytes of a file (sources,
// DATA frames, digests) stay with the driver, which reports their progress.
//
// Lifecycle (docs/architecture.md has the diagram):
//   Preparing -> Connecting -> Handshaking -> Introducing -> AwaitingAnswer
//   [-> LeavingTls] -> Streaming -> AwaitingSummary -> Done; in Streaming and
//   AwaitingSummary a user's cancel leads through Cancelling (the CANCEL goes
//   at the next frame boundary) and a failed socket write through Lingering
//   (results are still read for the peer's reason, for a moment).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "failure.hpp"
#include "ferry/core/events.hpp"
#include "ferry/core/protocol/messages.hpp"

namespace ferry {

enum class SendState {
  Preparing,        // walking the paths into an offer
  Connecting,       // resolve and connect, under the connect timeout
  Handshaking,      // TLS
  Introducing,      // HELLO and OFFER out, waiting for the receiver's HELLO
  AwaitingAnswer,   // the receiving user decides; HAVEs may come first
  LeavingTls,       // fast mode agreed: both sides leave TLS
  Streaming,        // files go out back to back, results come back
  AwaitingSummary,  // every file is out: results until SUMMARY
  Cancelling,       // the user cancelled: CANCEL at the next frame boundary
  Lingering,        // a write failed: the peer's last word is read for a moment
  Done,             // SessionDone is out
};

const char* to_string(SendState state);

// Which flush completion the driver reports back.
enum class Flush {
  Offer,      // HELLO and OFFER
  Refusal,    // our CANCEL to a peer of another protocol version
  Cancel,     // our CANCEL after the user's cancel
  Remaining,  // everything after the last file
};

namespace send_action {
struct Connect {};  // resolve, connect, and arm the connect timer
struct Handshake {
  bool offer_kernel_tls = false;
};
// HELLO (asking for fast mode or not) and OFFER go out, then Flush::Offer.
struct Introduce {
  bool fast_mode = false;
};
struct ReadFrame {};
struct Send {
  protocol::Message frame;
};
struct FlushFrames {
  Flush purpose = Flush::Offer;
};
struct AwaitingAcceptance {};  // SendPhaseChanged: the offer waits for the user
struct PeerIntroduced {};      // the receiver's HELLO named it: identify it
struct ArmWatchdog {};
struct DisarmWatchdog {};
struct TouchWatchdog {};  // the peer showed progress
struct LeaveTls {};       // key the digests with the TLS exporter, then leave TLS
struct StartData {};      // SessionStarted; the file loop begins (NextFile follows)
struct NextFile {};       // the driver asks next_file() when ready
// The next file to send: prepare or open it, then file_started.
struct SendFile {
  std::uint32_t index = 0;
};
// FILE_RESULT arrived for `index`: FileDone says this.
struct ReportFile {
  std::uint32_t index = 0;
  bool ok = false;
  Failure failure;
};
struct StopSending {};  // shut the socket's sending side
struct StartLinger {
  std::chrono::milliseconds after{0};
};
struct Close {};     // the connection goes now
struct EmitDone {};  // SessionDone, then the engine forgets the session
}  // namespace send_action

using SendAction =
    std::variant<send_action::Connect, send_action::Handshake, send_action::Introduce, send_action::ReadFrame,
                 send_action::Send, send_action::FlushFrames, send_action::AwaitingAcceptance,
                 send_action::PeerIntroduced, send_action::ArmWatchdog, send_action::DisarmWatchdog,
                 send_action::TouchWatchdog, send_action::LeaveTls, send_action::StartData, send_action::NextFile,
                 send_action::SendFile, send_action::ReportFile, send_action::StopSending, send_action::StartLinger,
                 send_action::Close, send_action::EmitDone>;
using SendActions = std::vector<SendAction>;

// What a sent file's FileDone says besides its result.
struct SentFileRecord {
  Strategy strategy = Strategy::Buffered;
  std::string note;  // why it left its planned strategy
  std::uint64_t resumed_bytes = 0;
  double send_seconds = 0;
  bool already_there = false;            // the receiver held it whole: nothing was sent
  std::optional<Failure> local_failure;  // why we aborted it, with our own detail
};

class SendMachine {
 public:
  struct Options {
    bool fast_mode = false;             // the user asked for fast mode for this send
    bool kernel_tls_available = false;  // this kernel can encrypt for us
    bool resume = true;                 // the settings allow restarting from a HAVE
    bool text = false;                  // the offer carries a text: it need not list a file
  };
  explicit SendMachine(Options options) : options_(options) {}

  SendState state() const { return state_; }
  bool done() const { return state_ == SendState::Done; }

  // --- before the data phase
  SendActions offer_built(OfferEntries entries);
  SendActions connected();
  // The TLS handshake ended; `kernel_tls`: the kernel encrypts what we send.
  // `pinned_fast`: the receiver is pinned for fast mode.
  SendActions handshake_done(bool kernel_tls, bool pinned_fast);
  bool offered_kernel_tls() const { return offered_kernel_tls_; }
  bool asked_fast_mode() const { return asked_fast_mode_; }
  SendActions tls_left();

  // --- frames, reads, flushes
  SendActions frame(const protocol::Message& message);
  SendActions read_failed(std::error_code code);
  SendActions flushed(Flush purpose, std::error_code code);
  const std::string& peer_name() const { return peer_name_; }
  OperatingSystem peer_os() const { return peer_os_; }
  protocol::TransferMode mode() const { return mode_; }
  // The receiver's HAVE for `index`, taken once (by the file's preparation).
  std::optional<protocol::Have> take_have(std::uint32_t index);

  // --- the file loop
  // What comes after the last file: the next file, the CANCEL, or the rest flushed.
  SendActions next_file();
  // The file `index` begins, `resumed_bytes` in (its FILE_BEGIN offset).
  void file_started(std::uint32_t index, Strategy strategy, std::uint64_t resumed_bytes, bool already_there);
  void file_left_strategy(std::uint32_t index, std::string note, Strategy strategy);
  void chunk_sent(std::uint32_t bytes);
  // Whether the file in flight stops here, at a frame boundary (the user cancelled).
  bool stop_mid_file();
  void file_sent(double send_seconds);  // every byte of the file in flight is out
  void file_ended();                    // its FILE_END is queued
  // The file in flight (or one that could not start) ends with FILE_ABORT.
  SendActions file_aborted(std::uint32_t index, const Failure& failure);
  std::optional<std::uint32_t> file_in_flight() const { return in_flight_; }
  std::uint64_t file_bytes_sent() const { return in_flight_sent_; }

  // --- endings
  SendActions user_cancel();
  // A socket write failed: the peer's reason is read for a moment first.
  SendActions send_failed(const ErrorDetail& error);
  SendActions linger_expired();
  // Ends the session now with `failure` (connect, handshake, timer, disk).
  SendActions fail(const Failure& failure);

  // What the session's SessionDone says.
  bool ok() const { return ok_; }
  const Failure& failure() const { return failure_; }
  bool resumable() const;
  std::uint32_t results_ok() const { return results_ok_; }
  std::uint32_t results_failed() const { return results_failed_; }
  std::uint32_t files_already_there() const { return files_already_there_; }
  std::uint64_t data_bytes() const { return data_bytes_; }
  // Files of the offer the receiver takes (all of them until it answered).
  std::uint32_t file_count() const { return file_count_; }
  std::uint64_t taken_bytes() const { return taken_bytes_; }
  std::uint32_t files_skipped() const { return files_skipped_; }
  // Whether `index` is a file this session sends (the receiver took it).
  bool sends(std::uint32_t index) const;
  // By offer index, what the receiver took; empty when it took everything.
  const std::vector<bool>& taken() const { return taken_; }
  const OfferEntries& entries() const { return entries_; }
  const SentFileRecord& record(std::uint32_t index) const { return records_[index]; }

 private:
  bool before_data() const;
  bool sending() const;  // the data phase, until Done
  SendActions hello(const protocol::Hello& hello);
  SendActions answer(const protocol::Message& message);
  SendActions result(const protocol::Message& message);
  SendActions file_result(const protocol::FileResult& result);
  SendActions accept_have(protocol::Have have);
  SendActions take(const protocol::Accept& accept);
  SendActions start_data();
  SendActions peer_cancelled(const std::string& reason);
  SendActions violation(const std::string& what);
  SendActions send_cancel();
  SendActions finish(bool ok, const Failure& failure);
  std::uint32_t next_file_from(std::uint32_t index) const;

  Options options_;
  SendState state_ = SendState::Preparing;
  OfferEntries entries_ = std::make_shared<const std::vector<protocol::OfferEntry>>();
  std::uint32_t file_count_ = 0;
  std::uint64_t taken_bytes_ = 0;
  std::uint32_t files_skipped_ = 0;
  std::vector<bool> taken_;  // by offer index, what the receiver took; empty: everything
  std::vector<SentFileRecord> records_;
  std::map<std::uint32_t, protocol::Have> haves_;  // what the receiver holds, by offer index
  bool offered_kernel_tls_ = false;
  bool asked_fast_mode_ = false;
  std::string peer_name_;
  OperatingSystem peer_os_ = OperatingSystem::Other;
  protocol::TransferMode mode_ = protocol::TransferMode::Encrypted;
  std::string refusal_;  // why we refused the peer's protocol version
  std::uint32_t next_index_ = 0;
  std::optional<std::uint32_t> in_flight_;
  std::uint64_t in_flight_sent_ = 0;   // of the file in flight, its resumed bytes included
  std::uint64_t cut_short_bytes_ = 0;  // of the file cut short, counting from its first byte
  std::uint64_t data_bytes_ = 0;
  std::uint32_t results_ok_ = 0;
  std::uint32_t results_failed_ = 0;
  std::uint32_t files_already_there_ = 0;
  FailureCause first_file_cause_ = FailureCause::None;  // of the first file that failed
  std::optional<ErrorDetail> send_error_;               // the data phase broke; see send_failed
  bool cancel_requested_ = false;
  bool cancel_sent_ = false;
  bool accepted_ = false;                // the data phase began
  bool all_sent_ = false;                // the last file is out
  bool peer_kept_what_arrived_ = false;  // its CANCEL said so
  bool ok_ = false;
  Failure failure_{FailureCause::None, {}};
};

}  // namespace ferry
