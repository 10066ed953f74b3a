// SPDX-License-Identifier: Apache-2.0
#include "receive_machine.hpp"

#include <fmt/format.h>

#include "commit_batch.hpp"
#include "failure.hpp"
#include "part_file.hpp"

namespace ferry {
namespace {

using namespace receive_action;

std::string clip(const std::string& text) { return text.substr(0, protocol::kMaxTextBytes); }

}  // namespace

const char* to_string(ReceiveState state) {
  switch (state) {
    case ReceiveState::Greeting:
      return "Greeting";
    case ReceiveState::CheckingOffer:
      return "CheckingOffer";
    case ReceiveState::AwaitingConsent:
      return "AwaitingConsent";
    case ReceiveState::Accepting:
      return "Accepting";
    case ReceiveState::Transferring:
      return "Transferring";
    case ReceiveState::Concluding:
      return "Concluding";
    case ReceiveState::Declining:
      return "Declining";
    case ReceiveState::Lingering:
      return "Lingering";
    case ReceiveState::Settling:
      return "Settling";
    case ReceiveState::Done:
      return "Done";
  }
  return "?";
}

bool ReceiveMachine::running() const {
  return state_ != ReceiveState::Declining && state_ != ReceiveState::Lingering && state_ != ReceiveState::Settling &&
         state_ != ReceiveState::Done;
}

std::optional<std::uint32_t> ReceiveMachine::file_in_flight() const {
  if (!current_) return std::nullopt;
  return current_->index;
}

void ReceiveMachine::offer_arrived() {
  if (state_ == ReceiveState::Greeting) state_ = ReceiveState::CheckingOffer;
}

void ReceiveMachine::asking() {
  if (state_ == ReceiveState::CheckingOffer) state_ = ReceiveState::AwaitingConsent;
}

ReceiveActions ReceiveMachine::answer(bool accept, protocol::DeclineReason reason, FailureCause cause,
                                      const std::string& message) {
  if (state_ != ReceiveState::AwaitingConsent) return {};
  if (accept) {
    state_ = ReceiveState::Accepting;
    return {SettleOffer{}, DigestCopies{}};
  }
  auto actions = decline(reason, cause, message);
  actions.insert(actions.begin(), SettleOffer{});
  return actions;
}

ReceiveActions ReceiveMachine::decline(protocol::DeclineReason reason, FailureCause cause, const std::string& message) {
  if (!running()) return {};
  state_ = ReceiveState::Declining;
  cause_ = cause;
  detail_ = {"decline the offer: " + message, {}, {}, {}};
  return {Decline{reason, clip(message)}};
}

ReceiveActions ReceiveMachine::decline_sent() {
  if (state_ != ReceiveState::Declining) return {};
  return finish(false, {cause_, detail_});
}

void ReceiveMachine::accepted(OfferEntries entries, std::map<std::uint32_t, RestartPoint> restarts,
                              std::vector<bool> take) {
  if (state_ != ReceiveState::Accepting) return;
  state_ = ReceiveState::Transferring;
  entries_ = std::move(entries);
  restarts_ = std::move(restarts);
  take_ = std::move(take);
  file_count_ = 0;
  files_skipped_ = 0;
  for (std::size_t i = 0; i < entries_->size(); ++i) {
    if ((*entries_)[i].kind != protocol::EntryKind::File) continue;
    (take_.empty() || take_[i] ? file_count_ : files_skipped_)++;
  }
}

ReceiveActions ReceiveMachine::start_data() {
  if (state_ != ReceiveState::Transferring) return {};
  if (file_count_ > 0) return {ReadFrame{}};
  state_ = ReceiveState::Concluding;
  return {DisarmWatchdog{}, SendSummary{}};
}

ReceiveActions ReceiveMachine::frame(const protocol::Message& message) {
  if (state_ != ReceiveState::Transferring) {
    if (!running()) return {};
    return protocol_violation("unexpected frame");
  }
  if (const auto* m = std::get_if<protocol::FileBegin>(&message)) return begin(*m);
  if (const auto* m = std::get_if<protocol::DataHeader>(&message)) return data(m->length);
  if (const auto* m = std::get_if<protocol::FileEnd>(&message)) return end(*m);
  if (const auto* m = std::get_if<protocol::FileAbort>(&message)) return abort(*m);
  if (const auto* m = std::get_if<protocol::Cancel>(&message))
    return fail({cause_of_cancel(m->reason), {"transfer", {}, {}, m->reason}}, false);
  return protocol_violation("unexpected frame during transfer");
}

ReceiveActions ReceiveMachine::undecodable(const std::string& what) {
  if (!running()) return {};
  return protocol_violation(what);
}

ReceiveActions ReceiveMachine::begin(const protocol::FileBegin& begin) {
  const std::uint32_t index = begin.index;
  if (current_) return protocol_violation("FILE_BEGIN inside another file");
  if (index >= entries_->size() || (*entries_)[index].kind != protocol::EntryKind::File ||
      static_cast<std::int64_t>(index) <= last_index_)
    return protocol_violation("FILE_BEGIN for a file index out of order or not offered");
  if (!take_.empty() && !take_[index])
    return protocol_violation(
        fmt::format("FILE_BEGIN for {}, which the receiver did not take", (*entries_)[index].path));
  last_index_ = index;
  const auto& entry = (*entries_)[index];
  std::optional<RestartPoint> restart;
  if (auto found = restarts_.find(index); found != restarts_.end()) {
    restart = found->second;
    restarts_.erase(found);
  }
  // A HAVE lets the sender restart at a block boundary inside the copy, or at
  // the end of the file when the copy is complete.
  const auto offered = [&](std::uint64_t offset) {
    if (restart->complete) return offset == entry.size;
    return offset > 0 && offset <= restart->length &&
           (offset % protocol::kResumeBlockBytes == 0 || offset == restart->length);
  };
  if (begin.offset != 0 && !(restart && offered(begin.offset)))
    return protocol_violation(
        fmt::format("FILE_BEGIN of {} at byte {}, which no HAVE offered", entry.path, begin.offset));
  const bool complete_copy = restart && restart->complete;
  // A complete copy with offset 0 does not match: the file is stored anew.
  const bool resumed = begin.offset > 0 || (complete_copy && entry.size == 0);
  current_ = Span{};
  current_->index = index;
  current_->received = begin.offset;
  current_->writes = !(complete_copy && resumed);
  if (!current_->writes) return {BeginFile{index, begin.offset, false}, ReadFrame{}};
  return {BeginFile{index, begin.offset, true}};
}

void ReceiveMachine::part_claimed(bool resumable) {
  if (current_) current_->part_resumable = resumable;
}

ReceiveActions ReceiveMachine::part_opened() {
  if (!running() || !current_) return {};
  return {ReadFrame{}};
}

ReceiveActions ReceiveMachine::data(std::uint32_t length) {
  if (!current_) return protocol_violation("DATA outside a file");
  const auto& entry = (*entries_)[current_->index];
  if (!current_->writes || current_->received + length > entry.size)
    return protocol_violation("more data than the offered size of " + entry.path);
  chunk_left_ = length;
  return {ReadPayload{length}};
}

void ReceiveMachine::part_io_started() { part_io_pending_ = true; }

ReceiveActions ReceiveMachine::part_io_done() {
  part_io_pending_ = false;
  if (running()) return {};
  // The session ended while the part was busy: settle it now.
  ReceiveActions actions;
  if (current_) settle_part(actions);
  if (state_ == ReceiveState::Settling) {
    auto done = end_when_settled();
    actions.insert(actions.end(), done.begin(), done.end());
  } else if (state_ == ReceiveState::Lingering && lingering_) {
    actions.push_back(Drain{});
  }
  return actions;
}

ReceiveActions ReceiveMachine::payload_read(std::uint32_t bytes) {
  if (!running() || !current_) return {};
  current_->received += bytes;
  chunk_left_ -= std::min(chunk_left_, bytes);
  if (chunk_left_ > 0) return {ReadPayload{chunk_left_}};
  return {ReadFrame{}};
}

bool ReceiveMachine::file_complete() const {
  return current_ && current_->received == (*entries_)[current_->index].size;
}

ReceiveActions ReceiveMachine::end(const protocol::FileEnd& end) {
  if (!current_ || current_->index != end.index) return protocol_violation("FILE_END for another file");
  const auto& entry = (*entries_)[end.index];
  if (current_->received != entry.size)
    return drop(protocol::FileStatus::SizeMismatch,
                {FailureCause::VerificationFailed,
                 {fmt::format("check the size ({} bytes received, {} offered) of", current_->received, entry.size),
                  entry.path,
                  {},
                  {}}});
  return {FinishFile{end.index, end.digest}};
}

// Protocol 5.7 step 17: FILE_ABORT belongs inside its file's span.
ReceiveActions ReceiveMachine::abort(const protocol::FileAbort& abort) {
  if (!current_ || current_->index != abort.index) return protocol_violation("FILE_ABORT for a file not in flight");
  return drop(protocol::FileStatus::SourceFailed,
              {cause_of_file_result(protocol::FileStatus::SourceFailed, abort.reason),
               {"receive", (*entries_)[abort.index].path, {}, abort.reason}});
}

ReceiveActions ReceiveMachine::drop(protocol::FileStatus status, const Failure& failure) {
  ReceiveActions actions{DropFile{current_->index, status, failure}};
  file_reported(false, failure.cause);
  current_.reset();
  auto next = file_ended();
  actions.insert(actions.end(), next.begin(), next.end());
  return actions;
}

ReceiveActions ReceiveMachine::digest_mismatch(const ErrorDetail& detail) {
  if (!running() || !current_) return {};
  return drop(protocol::FileStatus::DigestMismatch, {FailureCause::VerificationFailed, detail});
}

ReceiveActions ReceiveMachine::already_there() {
  if (!running() || !current_) return {};
  file_reported(true, FailureCause::None);
  ++files_already_there_;
  current_.reset();
  return file_ended();
}

ReceiveActions ReceiveMachine::file_verified() {
  if (!running() || !current_) return {};
  ++verified_waiting_;
  verified_bytes_ += (*entries_)[current_->index].size;
  current_.reset();
  return file_ended();
}

ReceiveActions ReceiveMachine::file_ended() {
  ++files_ended_;
  if (files_ended_ < file_count_) {
    if (committing_ == 0 && CommitBatch::due(verified_waiting_, verified_bytes_)) return {start_commit(), ReadFrame{}};
    return {ReadFrame{}};
  }
  // Every file's data is in: what waits is committed now, then the summary.
  state_ = ReceiveState::Concluding;
  ReceiveActions actions{DisarmWatchdog{}};
  auto next = after_commit();
  actions.insert(actions.end(), next.begin(), next.end());
  return actions;
}

// Everything verified and waiting becomes the batch being committed.
StartCommit ReceiveMachine::start_commit() {
  committing_ = verified_waiting_;
  verified_waiting_ = 0;
  verified_bytes_ = 0;
  return {};
}

ReceiveActions ReceiveMachine::commit_done() {
  committing_ = 0;
  if (!running()) {
    if (verified_waiting_ > 0) return {start_commit()};
    return end_when_settled();
  }
  return after_commit();
}

ReceiveActions ReceiveMachine::commit_failed(std::size_t returned, const Failure& failure) {
  verified_waiting_ += returned;
  if (!running()) return commit_done();
  committing_ = 0;
  return fail(failure, true);
}

ReceiveActions ReceiveMachine::after_commit() {
  if (!running() || committing_ > 0) return {};
  if (verified_waiting_ > 0 && (state_ == ReceiveState::Concluding || files_ended_ < file_count_))
    return {start_commit()};
  if (state_ == ReceiveState::Concluding && files_ok_ + files_failed_ == file_count_) return {SendSummary{}};
  return {};
}

void ReceiveMachine::file_reported(bool ok, FailureCause cause) {
  (ok ? files_ok_ : files_failed_)++;
  if (!ok && first_file_cause_ == FailureCause::None) first_file_cause_ = cause;
}

void ReceiveMachine::folder_failed(FailureCause cause) {
  ++files_failed_;
  if (first_file_cause_ == FailureCause::None) first_file_cause_ = cause;
}

ReceiveActions ReceiveMachine::summary_sent() {
  if (state_ != ReceiveState::Concluding) return {};
  if (files_failed_ == 0) return finish(true, {FailureCause::None, {}});
  return finish(false, {first_file_cause_, {}});
}

ReceiveActions ReceiveMachine::protocol_violation(const std::string& what) {
  if (!running()) return {};
  violated_ = true;
  return fail({FailureCause::ProtocolError, {"protocol error: " + what, {}, {}, {}}}, true);
}

ReceiveActions ReceiveMachine::user_cancel() { return fail({FailureCause::CancelledByUser, {}}, true); }

ReceiveActions ReceiveMachine::fail(const Failure& failure, bool tell_peer) {
  if (!running()) return {};
  cause_ = failure.cause;
  detail_ = failure.detail;
  ReceiveActions actions{DisarmWatchdog{}};
  wind_up(actions);
  if (!tell_peer) {
    auto end = finish(false, failure);
    actions.insert(actions.end(), end.begin(), end.end());
    return actions;
  }
  // No more reading: the session is over whatever the peer sends now.
  state_ = ReceiveState::Lingering;
  actions.push_back(SendCancel{failure});
  return actions;
}

// The file in flight is settled (unless I/O on its part still runs: its end
// settles it); verified files get their names, on a worker like every batch
// (after the batch running now, if one is).
void ReceiveMachine::wind_up(ReceiveActions& actions) {
  if (current_ && !part_io_pending_) settle_part(actions);
  if (verified_waiting_ > 0 && committing_ == 0) actions.push_back(start_commit());
}

std::string ReceiveMachine::cancel_reason(const Failure& failure) {
  told_peer_kept_ = keeps_what_arrived();
  return reason_for_peer(failure);
}

ReceiveActions ReceiveMachine::cancel_sent(bool ok) {
  if (state_ != ReceiveState::Lingering) return {};
  if (!ok) return finish(false, {cause_, detail_});
  lingering_ = true;
  // The part's I/O ends first (a payload read in flight drains too; a second
  // read must not run beside it).
  if (part_io_pending_) return {StartLinger{}};
  return {StartLinger{}, Drain{}};
}

ReceiveActions ReceiveMachine::peer_closed() {
  if (state_ != ReceiveState::Lingering) return {};
  return finish(false, {cause_, detail_});
}

ReceiveActions ReceiveMachine::linger_expired() { return peer_closed(); }

ReceiveActions ReceiveMachine::finish(bool ok, const Failure& failure) {
  if (state_ == ReceiveState::Settling || state_ == ReceiveState::Done) return {};
  state_ = ReceiveState::Settling;
  ok_ = ok;
  cause_ = ok ? FailureCause::None : failure.cause;
  detail_ = failure.detail;
  ReceiveActions actions{Close{}};
  wind_up(actions);
  auto done = end_when_settled();
  actions.insert(actions.end(), done.begin(), done.end());
  return actions;
}

// SessionDone promises that the receive folder holds its final state: the
// verified files are named and the part in flight is settled first.
ReceiveActions ReceiveMachine::end_when_settled() {
  if (state_ != ReceiveState::Settling || committing_ > 0 || verified_waiting_ > 0 || part_io_pending_) return {};
  state_ = ReceiveState::Done;
  return {EmitDone{}};
}

// Whether a session failing now leaves something the next one continues:
// verified files, or a part holding a resume block.
bool ReceiveMachine::keeps_what_arrived() const {
  if (violated_) return false;
  if (part_kept_ || files_ok_ > files_already_there_ || committing_ > 0) return true;
  return current_ && part_worth_keeping(current_->part_resumable, current_->received);
}

// What the sender is told when a session fails for `cause`: a fixed sentence
// (local detail such as paths stays here), with the detail of a protocol
// error, which names only what the sender sent.
std::string ReceiveMachine::reason_for_peer(const Failure& failure) const {
  if (failure.cause == FailureCause::ProtocolError) return clip(describe(failure.detail));
  std::string reason =
      failure.cause == FailureCause::IdleTimeout ? describe(failure.detail) : wire_reason(failure.cause);
  if (keeps_what_arrived()) reason += kKeptForResume;
  return clip(reason);
}

// The part in flight stays for the next session when it holds a whole block,
// the sender kept to the protocol and our CANCEL (if any) said so.
bool ReceiveMachine::keep_part_in_flight() const {
  return current_ && !violated_ && told_peer_kept_.value_or(true) &&
         part_worth_keeping(current_->part_resumable, current_->received);
}

void ReceiveMachine::settle_part(ReceiveActions& actions) {
  const bool keep = keep_part_in_flight();
  actions.push_back(SettlePart{keep});
  part_kept_ = part_kept_ || keep;
  current_.reset();
}

}  // namespace ferry
