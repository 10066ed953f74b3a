// SPDX-License-Identifier: Apache-2.0
#include "send_machine.hpp"

#include <fmt/format.h>

#include "session.hpp"

namespace ferry {
namespace {

using namespace send_action;

std::chrono::milliseconds linger_after(int lingers) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(lingers * kLinger);
}

}  // namespace

const char* to_string(SendState state) {
  switch (state) {
    case SendState::Preparing:
      return "Preparing";
    case SendState::Connecting:
      return "Connecting";
    case SendState::Handshaking:
      return "Handshaking";
    case SendState::Introducing:
      return "Introducing";
    case SendState::AwaitingAnswer:
      return "AwaitingAnswer";
    case SendState::LeavingTls:
      return "LeavingTls";
    case SendState::Streaming:
      return "Streaming";
    case SendState::AwaitingSummary:
      return "AwaitingSummary";
    case SendState::Cancelling:
      return "Cancelling";
    case SendState::Lingering:
      return "Lingering";
    case SendState::Done:
      return "Done";
  }
  return "?";
}

bool SendMachine::before_data() const {
  return state_ == SendState::Preparing || state_ == SendState::Connecting || state_ == SendState::Handshaking ||
         state_ == SendState::Introducing || state_ == SendState::AwaitingAnswer || state_ == SendState::LeavingTls;
}

bool SendMachine::sending() const { return !before_data() && state_ != SendState::Done; }

SendActions SendMachine::offer_built(OfferEntries entries) {
  if (state_ != SendState::Preparing) return {};
  entries_ = std::move(entries);
  records_.assign(entries_->size(), {});
  file_count_ = 0;
  for (const auto& e : *entries_) {
    file_count_ += e.kind == protocol::EntryKind::File;
    taken_bytes_ += e.size;
  }
  if (entries_->empty() && !options_.text)
    return fail(session_failure(FailureCause::SourceUnreadable, "build the offer: nothing to send"));
  state_ = SendState::Connecting;
  return {Connect{}};
}

SendActions SendMachine::connected() {
  if (state_ != SendState::Connecting) return {};
  state_ = SendState::Handshaking;
  // Kernel TLS cannot be left again: not when fast mode is asked for already.
  offered_kernel_tls_ = !options_.fast_mode && options_.kernel_tls_available;
  return {ArmWatchdog{}, Handshake{offered_kernel_tls_}};
}

SendActions SendMachine::handshake_done(bool kernel_tls, bool pinned_fast) {
  if (state_ != SendState::Handshaking) return {};
  state_ = SendState::Introducing;
  // With kernel TLS the files go zero-copy and encrypted: fast mode would
  // gain nothing, and this connection could not leave TLS anyway.
  asked_fast_mode_ = (options_.fast_mode || pinned_fast) && !kernel_tls;
  return {Introduce{asked_fast_mode_}, FlushFrames{Flush::Offer}, ReadFrame{}};
}

SendActions SendMachine::frame(const protocol::Message& message) {
  switch (state_) {
    case SendState::Introducing:
      if (const auto* m = std::get_if<protocol::Hello>(&message)) return hello(*m);
      return violation("the answer did not start with HELLO");
    case SendState::AwaitingAnswer:
      return answer(message);
    case SendState::Streaming:
    case SendState::AwaitingSummary:
    case SendState::Cancelling:
    case SendState::Lingering:
      return result(message);
    case SendState::Done:
      return {};
    default:
      return violation("a frame before the offer went out");
  }
}

SendActions SendMachine::hello(const protocol::Hello& hello) {
  if (hello.version != protocol::kVersion) {
    refusal_ = fmt::format("peer speaks protocol version {}, we speak {}", hello.version, protocol::kVersion);
    return {Send{protocol::Cancel{refusal_}}, FlushFrames{Flush::Refusal}};
  }
  peer_name_ = hello.device_name;
  peer_os_ = hello.os;
  state_ = SendState::AwaitingAnswer;
  // The receiving user takes their time to answer: that is not idleness.
  return {PeerIntroduced{}, DisarmWatchdog{}, ReadFrame{}};
}

SendActions SendMachine::answer(const protocol::Message& message) {
  if (const auto* decline = std::get_if<protocol::Decline>(&message))
    return finish(false, {cause_of_decline(decline->reason), {"offer", {}, {}, decline->message}});
  if (const auto* cancel = std::get_if<protocol::Cancel>(&message)) return peer_cancelled(cancel->reason);
  if (const auto* have = std::get_if<protocol::Have>(&message)) return accept_have(*have);
  const auto* accept = std::get_if<protocol::Accept>(&message);
  if (!accept) return violation("unexpected answer to the offer");
  if (auto refused = take(*accept); !refused.empty()) return refused;
  mode_ = accept->mode;
  if (mode_ == protocol::TransferMode::Encrypted) return start_data();
  if (!asked_fast_mode_) return violation("fast mode chosen, not asked for");
  state_ = SendState::LeavingTls;
  // A receiver that never answers our close_notify is idle.
  return {ArmWatchdog{}, LeaveTls{}};
}

// The files the receiver took; nothing, or the violation of a bitmap that
// does not fit the offer.
SendActions SendMachine::take(const protocol::Accept& accept) {
  if (accept.takes_all) return {};
  const auto& entries = *entries_;
  if (!protocol::taken_bitmap_fits(accept.taken, entries.size()))
    return violation(fmt::format("ACCEPT's bitmap of {} bytes does not fit an offer of {} entries", accept.taken.size(),
                                 entries.size()));
  taken_.resize(entries.size());
  for (std::uint32_t i = 0; i < entries.size(); ++i) {
    taken_[i] = protocol::takes(accept, i);
    if (entries[i].kind != protocol::EntryKind::File || taken_[i]) continue;
    ++files_skipped_;
    --file_count_;
    taken_bytes_ -= entries[i].size;
    haves_.erase(i);  // what it holds of a file not sent does not matter
  }
  return {};
}

bool SendMachine::sends(std::uint32_t index) const {
  return index < entries_->size() && (*entries_)[index].kind == protocol::EntryKind::File &&
         (taken_.empty() || taken_[index]);
}

// Checks a HAVE against the offer and keeps it.
SendActions SendMachine::accept_have(protocol::Have have) {
  const auto& entries = *entries_;
  if (have.index >= entries.size() || entries[have.index].kind != protocol::EntryKind::File)
    return violation(fmt::format("HAVE for index {}, not a file of the offer", have.index));
  const auto& entry = entries[have.index];
  const bool fits =
      have.kind == protocol::HaveKind::Complete
          ? have.length == entry.size
          : have.length <= entry.size && (have.length % protocol::kResumeBlockBytes == 0 || have.length == entry.size);
  if (!fits) return violation(fmt::format("HAVE of {} bytes of {} ({} bytes)", have.length, entry.path, entry.size));
  if (!haves_.emplace(have.index, std::move(have)).second)
    return violation(fmt::format("second HAVE for {}", entry.path));
  return {ReadFrame{}};
}

std::optional<protocol::Have> SendMachine::take_have(std::uint32_t index) {
  auto found = haves_.find(index);
  if (found == haves_.end()) return std::nullopt;
  auto have = std::move(found->second);
  haves_.erase(found);
  return have;
}

SendActions SendMachine::tls_left() {
  if (state_ != SendState::LeavingTls) return {};
  return start_data();
}

SendActions SendMachine::start_data() {
  if (!options_.resume) haves_.clear();
  state_ = SendState::Streaming;
  accepted_ = true;
  return {StartData{}, ArmWatchdog{}, ReadFrame{}, NextFile{}};
}

SendActions SendMachine::result(const protocol::Message& message) {
  SendActions actions{TouchWatchdog{}};
  SendActions next;
  if (const auto* m = std::get_if<protocol::FileResult>(&message)) {
    next = file_result(*m);
  } else if (const auto* summary = std::get_if<protocol::Summary>(&message)) {
    const bool ok = summary->files_failed == 0 && results_failed_ == 0;
    next = finish(ok, {ok ? FailureCause::None : first_file_cause_, {}});
  } else if (const auto* cancel = std::get_if<protocol::Cancel>(&message)) {
    next = peer_cancelled(cancel->reason);
  } else {
    next = violation("unexpected frame while sending");
  }
  actions.insert(actions.end(), next.begin(), next.end());
  return actions;
}

SendActions SendMachine::file_result(const protocol::FileResult& result) {
  const auto& entries = *entries_;
  if (!sends(result.index))
    return violation(fmt::format("result for index {}, not a file of the offer sent", result.index));
  const SentFileRecord& record = records_[result.index];
  const bool ok = result.status == protocol::FileStatus::Ok;
  (ok ? results_ok_ : results_failed_)++;
  if (ok && record.already_there) ++files_already_there_;
  // Our own reading problem is told with its local detail; the receiver only heard a sentence.
  Failure failure{cause_of_file_result(result.status, result.message),
                  {{}, entries[result.index].path, {}, result.message}};
  if (ok)
    failure = {FailureCause::None, {}};
  else if (record.local_failure)
    failure = *record.local_failure;
  if (!ok && first_file_cause_ == FailureCause::None) first_file_cause_ = failure.cause;
  return {ReportFile{result.index, ok, failure}, ReadFrame{}};
}

SendActions SendMachine::read_failed(std::error_code code) {
  if (state_ == SendState::Done) return {};
  if (send_error_) return fail({FailureCause::ConnectionLost, *send_error_});
  const char* operation = state_ == SendState::Introducing      ? "read the hello"
                          : state_ == SendState::AwaitingAnswer ? "read the answer to the offer"
                                                                : "read results";
  return fail(session_failure(FailureCause::ConnectionLost, operation, code));
}

SendActions SendMachine::flushed(Flush purpose, std::error_code code) {
  if (state_ == SendState::Done) return {};
  switch (purpose) {
    case Flush::Offer:
      if (code) return fail(session_failure(FailureCause::ConnectionLost, "send the offer", code));
      if (state_ == SendState::Introducing || state_ == SendState::AwaitingAnswer) return {AwaitingAcceptance{}};
      return {};
    case Flush::Refusal:
      return violation(refusal_);
    case Flush::Cancel:
      return finish(false, {FailureCause::CancelledByUser, {}});
    case Flush::Remaining:
      if (code) return send_failed({"send", {}, code, {}});
      return {};
  }
  return {};
}

std::uint32_t SendMachine::next_file_from(std::uint32_t index) const {
  while (index < entries_->size() && !sends(index)) ++index;
  return index;
}

SendActions SendMachine::next_file() {
  if (state_ == SendState::Cancelling) return send_cancel();
  if (state_ != SendState::Streaming || in_flight_) return {};
  const std::uint32_t index = next_file_from(next_index_);
  if (index < entries_->size()) return {SendFile{index}};
  // Everything is sent; the reader ends the session on SUMMARY.
  all_sent_ = true;
  state_ = SendState::AwaitingSummary;
  return {FlushFrames{Flush::Remaining}};
}

void SendMachine::file_started(std::uint32_t index, Strategy strategy, std::uint64_t resumed_bytes,
                               bool already_there) {
  if (!sending() || index >= records_.size()) return;
  next_index_ = index + 1;
  SentFileRecord& record = records_[index];
  record.strategy = strategy;
  record.resumed_bytes = resumed_bytes;
  record.already_there = already_there;
  if (already_there) return;
  in_flight_ = index;
  in_flight_sent_ = resumed_bytes;
}

void SendMachine::file_left_strategy(std::uint32_t index, std::string note, Strategy strategy) {
  if (index >= records_.size()) return;
  if (!note.empty()) records_[index].note = std::move(note);
  records_[index].strategy = strategy;
}

void SendMachine::chunk_sent(std::uint32_t bytes) {
  if (!in_flight_) return;
  in_flight_sent_ += bytes;
  data_bytes_ += bytes;
}

bool SendMachine::stop_mid_file() {
  if (state_ != SendState::Cancelling || !in_flight_) return false;
  cut_short_bytes_ = in_flight_sent_;
  in_flight_.reset();
  return true;
}

void SendMachine::file_sent(double send_seconds) {
  if (in_flight_) records_[*in_flight_].send_seconds = send_seconds;
}

void SendMachine::file_ended() { in_flight_.reset(); }

// The receiver hears why in a sentence without our paths; the detail stays here.
SendActions SendMachine::file_aborted(std::uint32_t index, const Failure& failure) {
  if (!sending() || index >= records_.size()) return {};
  records_[index].local_failure = failure;
  if (in_flight_ == index) in_flight_.reset();
  return {Send{protocol::FileAbort{index, wire_reason(failure.cause)}}};
}

SendActions SendMachine::send_cancel() {
  if (cancel_sent_) return {};
  cancel_sent_ = true;  // nothing more goes out; the CANCEL's flush ends the session
  return {Send{protocol::Cancel{wire_reason(FailureCause::CancelledByUser)}}, FlushFrames{Flush::Cancel}};
}

SendActions SendMachine::user_cancel() {
  if (state_ == SendState::Done || cancel_requested_) return {};
  cancel_requested_ = true;
  // Before the data phase there is no frame boundary to wait for.
  if (before_data()) return finish(false, {FailureCause::CancelledByUser, {}});
  // The next frame boundary may never come (a peer that stopped reading):
  // then the connection is simply closed.
  SendActions actions{StartLinger{linger_after(2)}};
  if (state_ == SendState::Lingering) return actions;
  const bool between_files = !in_flight_;
  state_ = SendState::Cancelling;
  // All sent and waiting for the summary: no file loop will send the CANCEL.
  if (between_files && all_sent_) {
    auto cancel = send_cancel();
    actions.insert(actions.end(), cancel.begin(), cancel.end());
  }
  return actions;
}

// The receiver usually stops reading because it has said why (a CANCEL, or a
// failed FILE_RESULT) just before closing: read on for a moment to take that
// reason before falling back to the bare send error.
SendActions SendMachine::send_failed(const ErrorDetail& error) {
  if (state_ == SendState::Done || send_error_) return {};
  send_error_ = error;
  state_ = SendState::Lingering;
  return {StopSending{}, StartLinger{linger_after(1)}};
}

SendActions SendMachine::linger_expired() {
  if (state_ == SendState::Done) return {};
  if (send_error_) return fail({FailureCause::ConnectionLost, *send_error_});
  return finish(false, {FailureCause::CancelledByUser, {}});
}

SendActions SendMachine::peer_cancelled(const std::string& reason) {
  peer_kept_what_arrived_ = reason.ends_with(kKeptForResume);
  const std::string_view why =
      std::string_view(reason).substr(0, reason.size() - (peer_kept_what_arrived_ ? kKeptForResume.size() : 0));
  return fail({cause_of_cancel(reason), {"transfer", {}, {}, std::string(why)}});
}

SendActions SendMachine::violation(const std::string& what) {
  return fail(session_failure(FailureCause::ProtocolError, "protocol error: " + what));
}

SendActions SendMachine::fail(const Failure& failure) {
  if (state_ == SendState::Done) return {};
  // After the user's cancel the receiver may close before our CANCEL's flush
  // completes: the transfer still ended because the user cancelled it.
  if (cancel_requested_ && failure.cause == FailureCause::ConnectionLost)
    return finish(false, {FailureCause::CancelledByUser, {}});
  return finish(false, failure);
}

SendActions SendMachine::finish(bool ok, const Failure& failure) {
  if (state_ == SendState::Done) return {};
  state_ = SendState::Done;
  ok_ = ok;
  failure_ = ok ? Failure{FailureCause::None, {}} : failure;
  if (in_flight_) cut_short_bytes_ = std::max(cut_short_bytes_, in_flight_sent_);
  return {Close{}, EmitDone{}};
}

// Whether the receiver keeps something a later send of these files continues:
// verified files, or the part of the file in flight once it holds a resume
// block. A receiver that cancelled said so; after our own cancel it got every
// byte we sent; after a cut, bytes still in the socket buffers may be lost,
// so a block's worth more must have gone.
bool SendMachine::resumable() const {
  if (ok_ || state_ != SendState::Done) return false;
  const FailureCause cause = failure_.cause;
  if (!accepted_ || cause == FailureCause::ProtocolError) return false;
  if (peer_kept_what_arrived_ || results_ok_ > files_already_there_) return true;
  if (cause == FailureCause::CancelledByPeer) return false;
  const std::uint64_t needed = (cause == FailureCause::CancelledByUser ? 1 : 2) * protocol::kResumeBlockBytes;
  return cut_short_bytes_ >= needed;
}

}  // namespace ferry
