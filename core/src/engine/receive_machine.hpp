// SPDX-License-Identifier: Apache-2.0
#pragma once
// The receiving session's protocol, without I/O: which frame may come when,
// what happens to the file in flight, and how the session ends. Its inputs
// are decoded frames, I/O completions, timer and user events; its output is
// the list of actions the driver (ReceiveSession) performs, in order.
//
// Lifecycle (docs/architecture.md has the diagram):
//   Greeting -> CheckingOffer -> AwaitingConsent -> Accepting -> Transferring
//   -> Concluding -> Done; any state may end through Declining, Lingering
//   (our CANCEL is out, the peer's last bytes are drained) or Settling (I/O
//   on the part in flight or a durable commit still runs) on its way to Done.
//
// The part in flight is busy while I/O on it runs off the engine thread (its
// open, a payload read into its buffer, a small file's one write): a session
// ending meanwhile settles it only when that I/O reports back.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ferry/core/events.hpp"
#include "failure.hpp"
#include "ferry/core/protocol/messages.hpp"

namespace ferry {

enum class ReceiveState {
  Greeting,         // TLS handshake, HELLO, OFFER
  CheckingOffer,    // looking for earlier copies, free space, offer limits
  AwaitingConsent,  // the user or the settings answer
  Accepting,        // digesting earlier copies, HAVE and ACCEPT going out
  Transferring,     // file frames, until every file ended
  Concluding,       // every file in: the last commits, folders, SUMMARY
  Declining,        // DECLINE going out
  Lingering,        // our CANCEL is out: draining until the peer closes
  Settling,         // over; I/O on the part in flight or a durable commit still runs
  Done,             // SessionDone is out
};

const char* to_string(ReceiveState state);

// Where an earlier session's copy lets the sender restart one file.
struct RestartPoint {
  bool complete = false;     // a complete copy under the final name
  std::uint64_t length = 0;  // bytes the copy holds
};

namespace receive_action {
struct ReadFrame {};
// Opens the file's part at `offset` (the restart point), unless the receiver
// holds the whole file already (`writes` false).
struct BeginFile {
  std::uint32_t index = 0;
  std::uint64_t offset = 0;
  bool writes = true;
};
struct ReadPayload {
  std::uint32_t length = 0;  // what is left of the DATA frame
};
// The file's bytes are all in: flush the part (or compare the complete copy).
struct FinishFile {
  std::uint32_t index = 0;
  protocol::Digest digest{};
};
// The file failed: its part goes, then FILE_RESULT and FileDone say why.
struct DropFile {
  std::uint32_t index = 0;
  protocol::FileStatus status = protocol::FileStatus::Ok;
  Failure failure;
};
struct SettleOffer {};   // the offer no longer waits for an answer
struct DigestCopies {};  // accepted: digest earlier copies, then HAVE and ACCEPT
struct StartCommit {};   // make the verified files durable, then name them
struct SendSummary {};   // folders, then SUMMARY
// The part in flight is kept for the next session or deleted.
struct SettlePart {
  bool keep = false;
};
// The driver asks cancel_reason() for its text when it queues it: what the
// CANCEL says about keeping depends on the actions before it.
struct SendCancel {
  Failure failure;
};
struct Decline {
  protocol::DeclineReason reason{};
  std::string message;
};
struct DisarmWatchdog {};  // the sender has nothing more to send: no idleness
struct StartLinger {};     // stop sending
struct Drain {};           // read and drop what the peer still sends until it closes
struct Close {};           // the connection goes now
struct EmitDone {};        // SessionDone: everything is settled
}  // namespace receive_action

using ReceiveAction = std::variant<receive_action::ReadFrame, receive_action::BeginFile, receive_action::ReadPayload,
                                   receive_action::FinishFile, receive_action::DropFile, receive_action::SettleOffer,
                                   receive_action::DigestCopies, receive_action::StartCommit,
                                   receive_action::SendSummary, receive_action::SettlePart, receive_action::SendCancel,
                                   receive_action::Decline, receive_action::DisarmWatchdog, receive_action::StartLinger,
                                   receive_action::Drain, receive_action::Close, receive_action::EmitDone>;
using ReceiveActions = std::vector<ReceiveAction>;

class ReceiveMachine {
 public:
  ReceiveState state() const { return state_; }
  // Whether frames and I/O completions still matter (not ending or over).
  bool running() const;

  // --- before the data phase
  void offer_arrived();  // Greeting -> CheckingOffer
  void asking();         // CheckingOffer -> AwaitingConsent
  // The answer; empty when the offer no longer waited for one.
  ReceiveActions answer(bool accept, protocol::DeclineReason reason, FailureCause cause, const std::string& message);
  // The receiver says no by itself (invalid offer, no space, busy).
  ReceiveActions decline(protocol::DeclineReason reason, FailureCause cause, const std::string& message);
  ReceiveActions decline_sent();
  // HAVE and ACCEPT are out: the data phase begins. `files` are the offer's
  // entries, `restarts` what earlier copies allow, by index, `take` which
  // entries the user took (by index; empty: all of them).
  void accepted(OfferEntries entries, std::map<std::uint32_t, RestartPoint> restarts, std::vector<bool> take = {});
  ReceiveActions start_data();  // HAVE and ACCEPT are out (and fast mode left TLS)

  // --- the data phase
  ReceiveActions frame(const protocol::Message& message);
  // The decoder found bytes that are no frame: a protocol violation.
  ReceiveActions undecodable(const std::string& what);
  void part_claimed(bool resumable);  // the part has the stable name, kept across sessions
  ReceiveActions part_opened();
  // I/O on the part in flight starts (its open, a payload read, a small
  // file's write) or ends; the end returns what settling needs when the
  // session ended meanwhile.
  void part_io_started();
  ReceiveActions part_io_done();
  ReceiveActions payload_read(std::uint32_t bytes);  // it brought `bytes`
  bool file_complete() const;                        // every byte of the file in flight is in
  std::uint64_t file_received() const { return current_ ? current_->received : 0; }
  ReceiveActions file_verified();  // waits for the next commit
  ReceiveActions digest_mismatch(const ErrorDetail& detail);
  ReceiveActions already_there();  // the complete copy matched
  // The batch ended. A session ending meanwhile commits what still waits.
  ReceiveActions commit_done();
  // Naming a file of the batch failed: `returned` files were not named and
  // wait again; the session fails.
  ReceiveActions commit_failed(std::size_t returned, const Failure& failure);
  // A file's result that the driver reported (commits, write failures).
  void file_reported(bool ok, FailureCause cause);
  void folder_failed(FailureCause cause);
  ReceiveActions summary_sent();

  // --- failures and endings
  ReceiveActions protocol_violation(const std::string& what);
  // Ends the session with an error; `tell_peer`: a CANCEL naming it goes first.
  ReceiveActions fail(const Failure& failure, bool tell_peer);
  ReceiveActions user_cancel();
  ReceiveActions cancel_sent(bool ok);  // the CANCEL's flush ended
  ReceiveActions peer_closed();         // the drain read the end (or an error)
  ReceiveActions linger_expired();
  // The CANCEL's text; records what it promised about the part in flight.
  std::string cancel_reason(const Failure& failure);

  // What the session's SessionDone says.
  bool ok() const { return ok_; }
  FailureCause cause() const { return cause_; }
  const ErrorDetail& detail() const { return detail_; }
  bool resumable() const { return !ok_ && keeps_what_arrived(); }
  std::uint32_t files_ok() const { return files_ok_; }
  std::uint32_t files_failed() const { return files_failed_; }
  std::uint32_t files_already_there() const { return files_already_there_; }
  std::uint32_t file_count() const { return file_count_; }  // files taken
  std::uint32_t files_skipped() const { return files_skipped_; }
  std::optional<std::uint32_t> file_in_flight() const;
  bool part_io_pending() const { return part_io_pending_; }
  bool committing() const { return committing_ > 0; }

 private:
  struct Span {
    std::uint32_t index = 0;
    std::uint64_t received = 0;  // bytes of the file held, resumed ones included
    bool writes = true;          // false: the complete copy here is checked instead
    bool part_resumable = false;
  };

  ReceiveActions begin(const protocol::FileBegin& begin);
  ReceiveActions data(std::uint32_t length);
  ReceiveActions end(const protocol::FileEnd& end);
  ReceiveActions abort(const protocol::FileAbort& abort);
  ReceiveActions drop(protocol::FileStatus status, const Failure& failure);
  ReceiveActions file_ended();
  ReceiveActions after_commit();
  receive_action::StartCommit start_commit();
  ReceiveActions finish(bool ok, const Failure& failure);
  ReceiveActions end_when_settled();
  bool keeps_what_arrived() const;
  std::string reason_for_peer(const Failure& failure) const;
  bool keep_part_in_flight() const;
  void settle_part(ReceiveActions& actions);
  void wind_up(ReceiveActions& actions);

  ReceiveState state_ = ReceiveState::Greeting;
  OfferEntries entries_ = std::make_shared<const std::vector<protocol::OfferEntry>>();
  std::map<std::uint32_t, RestartPoint> restarts_;
  std::uint32_t file_count_ = 0;
  std::uint32_t files_skipped_ = 0;
  std::vector<bool> take_;  // empty: every entry
  std::optional<Span> current_;
  std::int64_t last_index_ = -1;
  std::uint32_t chunk_left_ = 0;
  std::uint32_t files_ended_ = 0;  // data phase over: verified, or failed
  std::uint32_t files_ok_ = 0;
  std::uint32_t files_failed_ = 0;
  std::uint32_t files_already_there_ = 0;
  std::size_t verified_waiting_ = 0;  // verified, not yet in a commit
  std::uint64_t verified_bytes_ = 0;
  std::size_t committing_ = 0;  // files in the batch being made durable
  bool part_io_pending_ = false;
  bool lingering_ = false;              // the CANCEL is out: drain once no payload read runs
  bool violated_ = false;               // the sender broke the protocol: no part is kept
  bool part_kept_ = false;              // the part of a file cut short stays for the next session
  std::optional<bool> told_peer_kept_;  // what our CANCEL said about keeping
  FailureCause first_file_cause_ = FailureCause::None;
  bool ok_ = false;
  FailureCause cause_ = FailureCause::None;
  ErrorDetail detail_;
};

}  // namespace ferry
