#include "receive_session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <random>

#include "failure.hpp"
#include "ferry/core/endpoint.hpp"
#include "ferry/core/path_rules.hpp"
#include "ferry/platform/pipeline_trace.hpp"
#include "planner.hpp"

namespace ferry {
namespace {

// A commit (one syncfs, then the renames) is due once this many verified
// files or bytes wait, and always after the last file.
constexpr std::size_t kCommitBatchFiles = 256;
constexpr std::uint64_t kCommitBatchBytes = 256ull * 1024 * 1024;

std::string endpoint_text(const boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return "unknown peer";
  auto address = remote.address();
  // An IPv4 peer of a dual-stack listener, as people write it.
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
  return format_endpoint({address.to_string(), remote.port()});
}

std::string clip(const std::string& text) { return text.substr(0, protocol::kMaxTextBytes); }

// Where a HAVE lets the sender restart: a block boundary inside it, or the
// end of the file when the receiver's copy is complete.
bool is_offered_restart(const ReceiverCopy& copy, std::uint64_t offset, std::uint64_t size) {
  if (copy.have.kind == protocol::HaveKind::Complete) return offset == size;
  return offset > 0 && offset <= copy.have.length &&
         (offset % protocol::kResumeBlockBytes == 0 || offset == copy.have.length);
}

}  // namespace

ReceiveSession::ReceiveSession(SessionHost& host, boost::asio::ip::tcp::socket socket,
                               std::shared_ptr<boost::asio::ssl::context> tls, TransferId id,
                               std::shared_ptr<platform::ReceiveFolder> folder)
    : host_(host),
      executor_(socket.get_executor()),
      id_(id),
      peer_(endpoint_text(socket)),
      tls_(std::move(tls)),
      connection_(std::move(socket), *tls_),
      linger_(executor_),
      watchdog_(executor_),
      folder_(std::move(folder)),
      reader_(connection_),
      writer_(connection_) {}

void ReceiveSession::start() {
  boost::system::error_code ignored;
  connection_.socket().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
  arm_watchdog();
  // The receiving side sends only small frames: nothing for kernel TLS to do.
  connection_.async_handshake(false, false, [self = shared_from_this()](boost::system::error_code ec) {
    if (self->finished_) return;
    if (ec) return self->fail(FailureCause::ConnectionLost, "TLS handshake: " + ec.message(), false);
    self->on_handshake();
  });
}

void ReceiveSession::on_handshake() {
  identity_.fingerprint = connection_.peer_fingerprint();
  await_hello();
}

// Fast mode only when the sender asks and the user pinned it with fast mode.
bool ReceiveSession::grants_fast_mode(const protocol::Hello& hello) const {
  return hello.wants_fast_mode && identity_.pinned && identity_.pinned->fast_mode && keyed_digest_available();
}

void ReceiveSession::arm_watchdog() {
  const auto timeout = host_.settings().idle_timeout;
  watchdog_.arm(timeout, [self = shared_from_this(), timeout] {
    self->fail(FailureCause::IdleTimeout,
               fmt::format("nothing received from the sender for {} s", timeout.count() / 1000.0), true);
  });
}

void ReceiveSession::await_hello() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (self->finished_) return;
    if (ec) return self->fail(FailureCause::ConnectionLost, "read hello: " + ec.message(), false);
    self->watchdog_.touch();
    const auto* hello = std::get_if<protocol::Hello>(&m);
    if (!hello) return self->protocol_error("session did not start with HELLO");
    self->writer_.queue(protocol::Hello{protocol::kVersion, self->host_.settings().device_name});
    if (hello->version != protocol::kVersion)
      return self->fail(FailureCause::ProtocolError,
                        "peer speaks protocol version " + std::to_string(hello->version) + ", we speak " +
                            std::to_string(protocol::kVersion),
                        true);
    self->device_name_ = hello->device_name;
    self->identity_ = identify_peer(self->host_.settings().known_peers, self->identity_.fingerprint,
                                    hello->device_name);
    if (self->grants_fast_mode(*hello)) {
      const auto key = self->connection_.export_key(kFastModeKeyLabel);
      if (!key) return self->fail(FailureCause::Other, "fast mode: TLS exporter failed", true);
      self->recipe_.key = *key;
      self->mode_ = protocol::TransferMode::Fast;
    }
    self->writer_.async_flush([self](std::error_code) {});
    self->await_offer();
  });
}

void ReceiveSession::await_offer() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (self->finished_) return;
    if (ec == OfferMemoryError::Exhausted)
      return self->decline(protocol::DeclineReason::Busy, kOfferMemoryBusyText);
    if (ec) return self->fail(FailureCause::ConnectionLost, "read offer: " + ec.message(), false);
    auto* offer = std::get_if<protocol::Offer>(&m);
    if (!offer) return self->protocol_error("expected OFFER");
    self->on_offer(std::move(*offer));
  });
}

void ReceiveSession::on_offer(protocol::Offer offer) {
  host_.offer_arrived(id_);
  // From here until ACCEPT we wait for our own user and disk, not the sender.
  watchdog_.disarm();
  if (auto rejection = offer_rejection(offer)) {
    spdlog::warn("refusing offer from {}: {}", peer_, *rejection);
    return decline(protocol::DeclineReason::InvalidOffer, "invalid offer: " + *rejection);
  }
  offer_ = std::move(offer);
  for (const auto& e : offer_.entries) {
    file_count_ += e.kind == protocol::EntryKind::File;
    total_bytes_ += e.size;
  }
  // The offer is not changed again: the worker may read it meanwhile.
  boost::asio::post(host_.workers(), [self = shared_from_this()] {
    auto copies = locate_receiver_copies(*self->folder_, self->identity_.fingerprint, self->offer_);
    boost::asio::post(self->executor_, [self, copies = std::move(copies)]() mutable {
      self->on_copies_located(std::move(copies));
    });
  });
}

void ReceiveSession::on_copies_located(std::map<std::uint32_t, ReceiverCopy> copies) {
  if (finished_) return;
  copies_ = std::move(copies);
  // What earlier sessions left need not fit again.
  const std::uint64_t needed = total_bytes_ - held_bytes(copies_);
  auto free = folder_->free_bytes();
  if (free && free.value() < needed) {
    return decline(protocol::DeclineReason::NoSpace,
                   fmt::format("not enough space in the receive folder: {} bytes needed, {} free",
                               needed, free.value()));
  }
  const std::string address = peer_.substr(0, peer_.rfind(':'));
  if (!host_.admit_offer(identity_.fingerprint, address)) {
    spdlog::warn("too many offers from {} (code {}): declined without asking", peer_,
                 identity_.verification_code);
    return decline(protocol::DeclineReason::Busy, "too many offers from this device; try again later");
  }
  offer_admitted_ = true;
  progress_.reset(id_, total_bytes_);
  const bool changed = identity_.trust == PeerTrust::Changed;
  const bool auto_accept = identity_.pinned && identity_.pinned->auto_accept;
  const bool accept_now = !changed && (auto_accept || host_.settings().consent == ConsentPolicy::AcceptAll);
  host_.emit(OfferReceived{id_, peer_, device_name_, offer_.entries, total_bytes_, identity_, mode_, accept_now});
  awaiting_consent_ = true;
  if (changed) {
    spdlog::warn("{} calls itself '{}' but is not the device pinned under that name (code {}): asking the user",
                 peer_, device_name_, identity_.verification_code);
  }
  if (accept_now) respond(true);
}

// Whether the offer still waited for an answer; from now on it does not.
bool ReceiveSession::take_answer() {
  if (!awaiting_consent_ || finished_) return false;
  awaiting_consent_ = false;
  if (offer_admitted_) host_.offer_settled(identity_.fingerprint);
  offer_admitted_ = false;
  return true;
}

void ReceiveSession::decline_unanswered() {
  if (!take_answer()) return;
  decline(protocol::DeclineReason::Declined, "nobody answered on the receiving device",
          FailureCause::DeclinedAutomatically);
}

void ReceiveSession::respond(bool accept) {
  if (!take_answer()) return;
  if (!accept)
    return decline(protocol::DeclineReason::Declined, "declined by the receiver", FailureCause::DeclinedByUser);
  boost::asio::post(host_.workers(), [self = shared_from_this(), copies = std::move(copies_)]() mutable {
    digest_receiver_copies(*self->folder_, copies, self->recipe_);
    boost::asio::post(self->executor_, [self, copies = std::move(copies)]() mutable {
      self->on_copies_digested(std::move(copies));
    });
  });
}

void ReceiveSession::on_copies_digested(std::map<std::uint32_t, ReceiverCopy> copies) {
  if (finished_) return;
  copies_ = std::move(copies);
  for (auto& [index, copy] : copies_) {
    writer_.queue(copy.have);
    copy.have.blocks = {};  // sent; the restart check needs only the length
  }
  writer_.queue(protocol::Accept{mode_});
  writer_.async_flush([self = shared_from_this()](std::error_code ec) {
    if (self->finished_) return;
    if (ec) return self->fail(FailureCause::ConnectionLost, "send accept: " + ec.message(), false);
    if (self->mode_ == protocol::TransferMode::Encrypted) return;
    // Fast mode: the sender leaves TLS first; we follow once its close_notify is here.
    self->connection_.async_leave_tls(false, [self](boost::system::error_code ec) {
      if (self->finished_) return;
      if (ec) return self->fail(FailureCause::ConnectionLost, "leaving TLS for fast mode: " + ec.message(), false);
      self->start_data_phase();
    });
  });
  host_.emit(SessionStarted{id_, Direction::Receive, peer_, file_count_, total_bytes_, offer_.entries,
                            identity_, device_name_, mode_});
  arm_watchdog();
  if (mode_ == protocol::TransferMode::Encrypted) start_data_phase();
}

void ReceiveSession::start_data_phase() {
  if (file_count_ == 0) return finish_session();
  read_next();
}

// `message` goes to the sender: it must name no local path.
void ReceiveSession::decline(protocol::DeclineReason reason, const std::string& message, FailureCause cause) {
  writer_.queue(protocol::Decline{reason, clip(message)});
  writer_.async_flush([self = shared_from_this(), cause, message](std::error_code) {
    self->finish(false, cause, message);
  });
}

void ReceiveSession::read_next() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (self->finished_) return;
    if (is_end_of_stream(ec))
      return self->fail(FailureCause::ConnectionLost, "connection closed by the sender before the session ended",
                        false);
    if (ec) return self->fail(FailureCause::ConnectionLost, "read from sender: " + ec.message(), false);
    self->watchdog_.touch();
    self->dispatch(std::move(m));
  });
}

void ReceiveSession::dispatch(protocol::Message message) {
  if (const auto* begin = std::get_if<protocol::FileBegin>(&message)) return begin_file(*begin);
  if (const auto* data = std::get_if<protocol::DataHeader>(&message)) return receive_data(data->length);
  if (const auto* end = std::get_if<protocol::FileEnd>(&message)) return end_file(*end);
  if (const auto* abort = std::get_if<protocol::FileAbort>(&message)) return abort_file(*abort);
  if (const auto* cancel = std::get_if<protocol::Cancel>(&message))
    return fail(cause_of_cancel(cancel->reason), "the sender ended the transfer: " + cancel->reason, false);
  protocol_error("unexpected frame during transfer");
}

void ReceiveSession::begin_file(const protocol::FileBegin& begin) {
  const std::uint32_t index = begin.index;
  if (current_) return protocol_error("FILE_BEGIN inside another file");
  if (index >= offer_.entries.size() || entry(index).kind != protocol::EntryKind::File ||
      static_cast<std::int64_t>(index) <= last_index_)
    return protocol_error("FILE_BEGIN for a file index out of order or not offered");
  last_index_ = index;
  std::optional<ReceiverCopy> copy;
  if (auto found = copies_.find(index); found != copies_.end()) {
    copy = std::move(found->second);
    copies_.erase(found);
  }
  const std::uint64_t size = entry(index).size;
  if (begin.offset != 0 && !(copy && is_offered_restart(*copy, begin.offset, size)))
    return protocol_error(fmt::format("FILE_BEGIN of {} at byte {}, which no HAVE offered",
                                      entry(index).path, begin.offset));
  current_.emplace();
  current_->index = index;
  current_->digest = recipe_.start(index);
  current_->record.strategy = plan_receive(size, host_.settings());
  if (begin.offset > 0) {
    if (auto progress = progress_.advance(begin.offset, index)) host_.emit(*progress);
  }
  current_->received = current_->record.resumed_bytes = begin.offset;
  const bool complete_copy = copy && copy->have.kind == protocol::HaveKind::Complete;
  // A complete copy with offset 0 does not match: the file is stored anew.
  const bool resumed = begin.offset > 0 || (complete_copy && size == 0);
  current_->copy = resumed ? std::move(copy) : std::nullopt;
  if (complete_copy && resumed) return read_next();  // nothing to write: FILE_END checks the copy

  if (resumed) {
    // The digest's state at the restart point: after the block ending there.
    const std::uint64_t blocks_kept = protocol::have_block_count(begin.offset);
    current_->digest = current_->copy->prefix_digests[blocks_kept - 1].snapshot();
  }
  if (auto failure = open_part(resumed ? begin.offset : 0)) {
    report(index, protocol::FileStatus::WriteFailed, *failure, "", current_->record);
    return fail(failure->cause, failure->detail, true);
  }
  read_next();
}

// Opens the current file's part: its resumable name when no other session
// holds it, a name of this session's own otherwise. The failure, if any.
std::optional<Failure> ReceiveSession::open_part(std::uint64_t resume_from) {
  CurrentFile& file = *current_;
  const auto& offered = entry(file.index);
  const std::string resumable =
      file.copy ? file.copy->part_name : resume_part_name(identity_.fingerprint, offered);
  if (host_.claim_part(resumable)) {
    claimed_parts_.push_back(resumable);
    file.part_name = resumable;
    file.part_is_resumable = true;
  } else if (resume_from > 0) {
    return Failure{FailureCause::Other, offered.path + ": its part file is being written by another session"};
  } else {
    static const std::uint64_t nonce = std::random_device{}();
    file.part_name = fmt::format(".ferry-{:x}-{}-{}.part", nonce, id_.value, file.index);
  }
  const auto& settings = host_.settings();
  const auto part_path = folder_->part_path(file.part_name);
  auto opened = platform::open_sink(executor_, part_path, offered.size, file.record.strategy,
                                    {settings.direct_block_bytes, settings.direct_queue_depth},
                                    [digest = &file.digest](std::span<const std::byte> bytes) { digest->update(bytes); },
                                    resume_from);
  if (!opened) {
    // A resumed part keeps what it held; a new one goes.
    if (resume_from == 0) discard_part();
    return Failure{cause_of_write_error(opened.error()), opened.error().describe()};
  }
  if (!opened->fallback_reason.empty()) {
    file.record.strategy_note = opened->fallback_reason;
    host_.note_fallback(opened->fallback_reason, part_path.string());
  }
  file.sink = std::move(opened->sink);
  file.record.strategy = file.sink->strategy();
  return std::nullopt;
}

void ReceiveSession::receive_data(std::uint32_t length) {
  if (!current_) return protocol_error("DATA outside a file");
  if (current_->received + length > entry(current_->index).size)
    return protocol_error("more data than the offered size of " + entry(current_->index).path);
  chunk_left_ = length;
  if (!data_started_) data_started_ = std::chrono::steady_clock::now();
  pump_data();
}

// Moves the current DATA payload from the socket into sink buffers; a full
// buffer (or the file's last bytes) is written, and digested, by the sink.
void ReceiveSession::pump_data() {
  CurrentFile& file = *current_;
  if (chunk_left_ == 0) return read_next();
  if (file.buffer.empty()) {
    file.sink->async_acquire([self = shared_from_this()](std::optional<IoError> error,
                                                         std::span<std::byte> buffer) {
      if (self->finished_) return;
      if (error) return self->write_failed(*error);
      self->current_->buffer = buffer;
      self->current_->filled = 0;
      self->pump_data();
    });
    return;
  }
  const std::size_t want = std::min<std::size_t>(chunk_left_, file.buffer.size() - file.filled);
  auto piece = file.buffer.subspan(file.filled, want);
  payload_read_pending_ = true;
  platform::trace_pipeline("session socket read started {} +{}", file.received, piece.size());
  reader_.async_read_payload(piece, [self = shared_from_this(), piece](std::error_code ec) {
    self->payload_read_pending_ = false;
    platform::trace_pipeline("session socket read done +{}", piece.size());
    if (self->finished_) return self->after_late_payload_read();
    if (ec)
      return self->fail(FailureCause::ConnectionLost, "connection to the sender lost mid-file: " + ec.message(),
                        false);
    self->watchdog_.touch();
    CurrentFile& file = *self->current_;
    file.filled += piece.size();
    file.received += piece.size();
    self->data_bytes_ += piece.size();
    self->chunk_left_ -= static_cast<std::uint32_t>(piece.size());
    if (file.filled == file.buffer.size() || file.received == self->entry(file.index).size) {
      file.sink->commit(file.filled);
      file.buffer = {};
    }
    if (auto progress = self->progress_.advance(piece.size(), file.index)) self->host_.emit(*progress);
    self->pump_data();
  });
}

void ReceiveSession::end_file(const protocol::FileEnd& end) {
  if (!current_ || current_->index != end.index) return protocol_error("FILE_END for another file");
  if (current_->received != entry(end.index).size) {
    return drop_file(protocol::FileStatus::SizeMismatch, FailureCause::VerificationFailed,
                     fmt::format("{}: {} bytes received, {} offered", entry(end.index).path,
                                 current_->received, entry(end.index).size));
  }
  if (!current_->sink) {  // the receiver already held the whole file
    if (current_->copy->whole != end.digest)
      return drop_file(protocol::FileStatus::DigestMismatch, FailureCause::VerificationFailed,
                       entry(end.index).path + ": the copy here differs from the sender's");
    report(end.index, protocol::FileStatus::Ok, {}, current_->copy->stored_path, current_->record);
    ++files_already_there_;
    current_.reset();
    ++files_ended_;
    return next_file();
  }
  current_->sink->async_finish(entry(end.index).mtime_ns,
                               [self = shared_from_this(), digest = end.digest](
                                   std::optional<IoError> error) {
                                 if (self->finished_) return;
                                 if (error) return self->write_failed(*error);
                                 self->verify(digest);
                               });
}

// A verified file waits for the next durable commit before it gets its name.
void ReceiveSession::verify(const protocol::Digest& expected) {
  const auto& path = entry(current_->index).path;
  if (current_->digest.finish() != expected) {
    spdlog::error("{} from {}: digest mismatch, file dropped", path, peer_);
    return drop_file(protocol::FileStatus::DigestMismatch, FailureCause::VerificationFailed,
                     path + ": digest mismatch");
  }
  current_->sink.reset();
  verified_bytes_ += entry(current_->index).size;
  verified_.push_back({current_->index, current_->part_name, current_->part_is_resumable,
                       std::move(current_->record)});
  current_.reset();
  ++files_ended_;
  next_file();
}

void ReceiveSession::abort_file(const protocol::FileAbort& abort) {
  if (abort.index >= offer_.entries.size() || entry(abort.index).kind != protocol::EntryKind::File ||
      (current_ && current_->index != abort.index) ||
      (!current_ && static_cast<std::int64_t>(abort.index) <= last_index_))
    return protocol_error("FILE_ABORT for a file not in flight");
  last_index_ = abort.index;
  if (!current_) {
    current_.emplace();
    current_->index = abort.index;
    current_->record.strategy = plan_receive(entry(abort.index).size, host_.settings());
  }
  drop_file(protocol::FileStatus::SourceFailed,
            cause_of_file_result(protocol::FileStatus::SourceFailed, abort.reason),
            "sender could not read it: " + abort.reason);
}

// The current file failed: its part goes first, then the peer hears why.
// `message` names only what the sender sent (offered paths, its reasons).
void ReceiveSession::drop_file(protocol::FileStatus status, FailureCause cause, const std::string& message) {
  discard_part();
  report(current_->index, status, {cause, message}, "", current_->record);
  current_.reset();
  ++files_ended_;
  next_file();
}

void ReceiveSession::next_file() {
  if (files_ended_ < file_count_) {
    if (verified_.size() >= kCommitBatchFiles || verified_bytes_ >= kCommitBatchBytes) queue_commit();
    return read_next();
  }
  // Every file's data is in: what waits is committed now, then the summary.
  // The sender has nothing more to send meanwhile: that is not idleness.
  watchdog_.disarm();
  queue_commit();
  after_commit();
}

void ReceiveSession::queue_commit() {
  if (!committing_ && !verified_.empty()) commit_batch();
}

// One syncfs (or flush per file) for the whole batch, on a worker; the
// renames follow on the engine thread.
void ReceiveSession::commit_batch() {
  committing_ = true;
  in_commit_ = std::move(verified_);
  verified_.clear();
  verified_bytes_ = 0;
  if (!host_.settings().durable_commit) {
    boost::asio::post(executor_, [self = shared_from_this()] { self->on_durable(std::nullopt); });
    return;
  }
  std::vector<std::string> parts;
  parts.reserve(in_commit_.size());
  for (const auto& file : in_commit_) parts.push_back(file.part_name);
  boost::asio::post(host_.workers(), [self = shared_from_this(), parts = std::move(parts)] {
    auto synced = self->folder_->make_durable(parts);
    std::optional<IoError> error;
    if (!synced) error = synced.error();
    boost::asio::post(self->executor_, [self, error] { self->on_durable(error); });
  });
}

void ReceiveSession::on_durable(const std::optional<IoError>& error) {
  committing_ = false;
  auto batch = std::move(in_commit_);
  in_commit_.clear();
  if (finished_) {
    commit_now(std::move(batch), error);
    if (done_emitted_) end_session_when_settled();
    return;
  }
  std::optional<Failure> failure;
  for (auto& file : batch) {
    if (failure) {
      verified_.push_back(std::move(file));  // settled when the session fails
      continue;
    }
    auto stored = error ? Result<std::string>(*error) : folder_->commit(file.part_name, entry(file.index).path);
    if (stored) {
      report(file.index, protocol::FileStatus::Ok, {}, stored.value(), file.record);
      continue;
    }
    failure = Failure{cause_of_write_error(stored.error()), stored.error().describe()};
    report(file.index, protocol::FileStatus::WriteFailed, *failure, "", file.record);
    if (!file.part_is_resumable) folder_->discard(file.part_name);
  }
  if (failure) return fail(failure->cause, failure->detail, true);
  after_commit();
}

void ReceiveSession::after_commit() {
  if (finished_ || committing_) return;
  if (files_ended_ < file_count_) return queue_commit();
  if (!verified_.empty()) return commit_batch();
  if (files_ok_ + files_failed_ == file_count_) finish_session();
}

// The sender hears a write failure as a sentence: the detail names our paths.
void ReceiveSession::report(std::uint32_t index, protocol::FileStatus status, const Failure& failure,
                            const std::string& stored_path, const FileRecord& record) {
  const bool ok = status == protocol::FileStatus::Ok;
  (ok ? files_ok_ : files_failed_)++;
  if (!ok && first_file_cause_ == FailureCause::None) first_file_cause_ = failure.cause;
  const std::string& message = failure.detail;
  const std::string wire_message =
      status == protocol::FileStatus::WriteFailed ? wire_reason(failure.cause) : clip(message);
  writer_.queue(protocol::FileResult{index, status, wire_message});
  // The write keeps the session (and so the writer) alive: a failing session
  // reports its last files just before it ends.
  writer_.async_flush([self = shared_from_this()](std::error_code) {});
  host_.emit(FileDone{id_, Direction::Receive, index, ok ? stored_path : entry(index).path,
                      entry(index).size, record.strategy, record.strategy_note, record.resumed_bytes,
                      seconds_since(record.started), ok, message, ok ? FailureCause::None : failure.cause});
}

void ReceiveSession::write_failed(const IoError& error) {
  const Failure failure{cause_of_write_error(error), error.describe()};
  report(current_->index, protocol::FileStatus::WriteFailed, failure, "", current_->record);
  fail(failure.cause, failure.detail, true);
}

void ReceiveSession::finish_session() {
  watchdog_.disarm();
  for (const auto& e : offer_.entries) {
    if (e.kind != protocol::EntryKind::Folder) continue;
    if (auto made = folder_->make_folder(e.path); !made) {
      spdlog::error("receive from {}: {}", peer_, made.error().describe());
      ++files_failed_;
      if (first_file_cause_ == FailureCause::None) first_file_cause_ = cause_of_write_error(made.error());
    }
  }
  writer_.queue(protocol::Summary{files_ok_, files_failed_, data_bytes_});
  writer_.async_flush([self = shared_from_this()](std::error_code ec) {
    if (ec) return self->fail(FailureCause::ConnectionLost, "send summary: " + ec.message(), false);
    if (self->files_failed_ == 0) return self->finish(true, FailureCause::None, "");
    self->finish(false, self->first_file_cause_, std::to_string(self->files_failed_) + " file(s) failed");
  });
}

// A user's cancel keeps what arrived, like a cut connection: sending the same
// files again continues it.
void ReceiveSession::cancel() {
  if (finished_) return;
  fail(FailureCause::CancelledByUser, "cancelled", true);
}

void ReceiveSession::protocol_error(const std::string& what) {
  spdlog::error("protocol error from {}: {}", peer_, what);
  discard_parts_ = true;
  fail(FailureCause::ProtocolError, "protocol error: " + what, true);
}

// What the sender is told when a session fails for `cause`: a fixed sentence
// (local detail such as paths stays here), with the detail of a protocol
// error, which names only what the sender sent.
std::string ReceiveSession::reason_for_peer(FailureCause cause, const std::string& error) const {
  if (cause == FailureCause::ProtocolError) return clip(error);
  std::string reason = cause == FailureCause::IdleTimeout ? error : wire_reason(cause);
  if (keeps_what_arrived()) reason += kKeptForResume;
  return clip(reason);
}

// Sends the CANCEL; what it says about the part in flight is then kept to,
// even if a payload read still in flight completes a block.
void ReceiveSession::send_cancel(FailureCause cause, const std::string& error) {
  told_peer_kept_ = keeps_what_arrived();
  writer_.queue(protocol::Cancel{reason_for_peer(cause, error)});
}

// Whether a session failing now leaves something the next one continues:
// verified files, or a part holding a resume block (see settle_current_part).
bool ReceiveSession::keeps_what_arrived() const {
  if (discard_parts_) return false;
  if (part_kept_ || files_ok_ > files_already_there_ || !in_commit_.empty()) return true;
  return current_ && current_->part_is_resumable && current_->received >= protocol::kResumeBlockBytes;
}

// Ends the session with an error; with `tell_peer`, a CANCEL naming it goes first.
void ReceiveSession::fail(FailureCause cause, const std::string& error, bool tell_peer) {
  if (finished_) return;
  spdlog::debug("receive session {} from {}: {}", id_.value, peer_, error);
  watchdog_.disarm();
  failure_cause_ = cause;
  keep_or_discard_parts();
  if (!tell_peer || !connection_.socket().is_open()) return finish(false, cause, error);
  send_cancel(cause, error);
  // No more reading: the session is over whatever the peer sends now.
  finished_ = true;
  // However the peer behaves (even never reading our CANCEL), we close in time.
  linger_.expires_after(kLinger);
  linger_.async_wait([self = shared_from_this(), cause, error](boost::system::error_code ec) {
    if (!ec) self->finish(false, cause, error);
  });
  writer_.async_flush([self = shared_from_this(), cause, error](std::error_code ec) {
    if (ec) return self->finish(false, cause, error);
    self->linger(error);
  });
}

// A failed session keeps the part file in flight for the next session when
// it holds at least one resume block, unless the sender broke the protocol.
// Files it already verified still get their names.
void ReceiveSession::keep_or_discard_parts() {
  // A payload read in flight fills the sink's buffer: the read's end settles it.
  if (current_ && !payload_read_pending_) settle_current_part();
  if (verified_.empty()) return;
  std::optional<IoError> durable_error;
  if (host_.settings().durable_commit) {
    std::vector<std::string> parts;
    for (const auto& file : verified_) parts.push_back(file.part_name);
    if (auto synced = folder_->make_durable(parts); !synced) durable_error = synced.error();
  }
  commit_now(std::move(verified_), durable_error);
  verified_.clear();
}

void ReceiveSession::settle_current_part() {
  current_->sink.reset();  // waits for writes in flight
  const bool keep = current_->part_is_resumable && !discard_parts_ && told_peer_kept_.value_or(true) &&
                    current_->received >= protocol::kResumeBlockBytes;
  if (!keep) discard_part();
  part_kept_ = part_kept_ || keep;
  current_.reset();
}

// Names verified files of a session that is ending anyway (a batch being made
// durable meanwhile is settled by on_durable). Without durability they stay
// part files: resumable ones for the next session, the others go.
void ReceiveSession::commit_now(std::vector<VerifiedFile> files,
                                const std::optional<IoError>& durable_error) {
  for (auto& file : files) {
    auto stored = durable_error ? Result<std::string>(*durable_error)
                                : folder_->commit(file.part_name, entry(file.index).path);
    if (stored) {
      report(file.index, protocol::FileStatus::Ok, {}, stored.value(), file.record);
    } else {
      report(file.index, protocol::FileStatus::WriteFailed,
             {cause_of_write_error(stored.error()), stored.error().describe()}, "", file.record);
      if (!file.part_is_resumable) folder_->discard(file.part_name);
    }
  }
}

void ReceiveSession::discard_part() {
  if (!current_) return;
  current_->sink.reset();  // waits for writes in flight before the file goes
  if (!current_->part_name.empty()) folder_->discard(current_->part_name);
}

// After the CANCEL, stop sending and drop whatever the peer still sends until
// it closes or the linger timer fires: closing with unread data would reset
// the connection, and the reset can destroy the CANCEL before it is read.
void ReceiveSession::linger(const std::string& error) {
  connection_.shutdown_send();
  linger_error_ = error;
  // A payload read in flight drains too; a second read must not run beside it.
  if (!payload_read_pending_) drain();
}

void ReceiveSession::drain() {
  drain_buffer_.resize(64 * 1024);
  connection_.async_read_some(drain_buffer_, [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
    if (ec) return self->finish(false, self->failure_cause_, *self->linger_error_);
    self->drain();
  });
}

// The session failed while a payload read was in flight: the part it was
// filling is settled now, then the session drains or ends.
void ReceiveSession::after_late_payload_read() {
  if (current_) settle_current_part();  // left to us by keep_or_discard_parts
  if (done_emitted_) return end_session_when_settled();
  if (linger_error_) drain();
}

void ReceiveSession::finish(bool ok, FailureCause cause, const std::string& error) {
  if (done_emitted_) return;
  done_emitted_ = finished_ = true;
  watchdog_.disarm();
  linger_.cancel();
  connection_.close();
  if (offer_admitted_) host_.offer_settled(identity_.fingerprint);
  offer_admitted_ = false;
  keep_or_discard_parts();
  outcome_ = {ok, error};
  failure_cause_ = ok ? FailureCause::None : cause;
  end_session_when_settled();
}

// SessionDone promises that the receive folder holds its final state: a batch
// being made durable and a part still being filled are settled first.
void ReceiveSession::end_session_when_settled() {
  if (session_ended_ || committing_ || payload_read_pending_) return;
  session_ended_ = true;
  for (const auto& part : claimed_parts_) host_.release_part(part);
  SessionDone done{id_, Direction::Receive, files_ok_, files_failed_, progress_.done(),
                   data_started_ ? seconds_since(*data_started_) : 0.0, outcome_.first, outcome_.second};
  done.cause = failure_cause_;
  done.resumable = !done.ok && keeps_what_arrived();
  done.files_already_there = files_already_there_;
  done.data_bytes = data_bytes_;
  host_.emit(std::move(done));
  host_.session_ended(id_);
}

}  // namespace ferry
