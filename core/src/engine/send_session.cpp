#include "send_session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>

#include "failure.hpp"
#include "ferry/platform/path_facts.hpp"
#include "ferry/platform/pipeline_trace.hpp"
#include "ferry/platform/this_operating_system.hpp"
#include "planner.hpp"

namespace ferry {
namespace {

// A failure of the session as a whole: `operation` and the system's error.
Failure session_failure(FailureCause cause, std::string operation, std::error_code code = {}) {
  return {cause, {std::move(operation), {}, code, {}}};
}

// The peer broke the protocol: `what` it did.
Failure protocol_failure(std::string what) {
  return session_failure(FailureCause::ProtocolError, "protocol error: " + what);
}

}  // namespace

SendSession::SendSession(SessionHost& host, const boost::asio::any_io_executor& executor,
                         std::shared_ptr<boost::asio::ssl::context> tls, TransferId id, std::string host_name,
                         std::uint16_t port, std::vector<std::filesystem::path> paths, SendPolicy policy)
    : host_(host),
      executor_(executor),
      id_(id),
      host_name_(std::move(host_name)),
      port_(port),
      paths_(std::move(paths)),
      policy_(std::move(policy)),
      tls_(std::move(tls)),
      connection_(executor, *tls_),
      connect_timer_(executor),
      linger_(executor),
      watchdog_(executor),
      reader_(connection_),
      writer_(connection_) {}

std::string SendSession::peer() const { return format_endpoint({host_name_, port_}); }

void SendSession::start() {
  // Walking a big tree blocks: do it off the engine thread.
  boost::asio::post(host_.workers(), [self = shared_from_this()] {
    auto planned = build_offer(self->paths_);
    boost::asio::post(self->executor_,
                      [self, planned = std::move(planned)]() mutable { self->on_offer_built(std::move(planned)); });
  });
}

void SendSession::on_offer_built(Result<PlannedOffer> planned) {
  if (finished_) return;
  if (!planned) {
    const IoError& error = planned.error();
    return fail(io_failure(FailureCause::SourceUnreadable, error, error.subject));  // the user's own path
  }
  planned_ = std::move(planned.value());
  if (planned_.offer.entries.empty())
    return fail(session_failure(FailureCause::SourceUnreadable, "build the offer: nothing to send"));
  records_.resize(planned_.offer.entries.size());
  progress_.reset(id_, planned_.total_bytes);
  host_.emit(SendPhaseChanged{id_, SendPhase::Connecting, {host_name_, port_}});
  connect();
}

void SendSession::connect() {
  const auto timeout = host_.settings().connect_timeout;
  connect_timer_.expires_after(timeout);
  connect_timer_.async_wait([self = shared_from_this(), timeout](boost::system::error_code ec) {
    if (ec || self->finished_) return;
    self->fail(session_failure(FailureCause::ConnectTimedOut,
                               fmt::format("connect (no answer within {} s)", timeout.count() / 1000.0),
                               make_error_code(std::errc::timed_out)));
  });
  auto resolver = std::make_shared<boost::asio::ip::tcp::resolver>(executor_);
  resolver->async_resolve(
      host_name_, std::to_string(port_),
      [self = shared_from_this(), resolver](boost::system::error_code ec, auto endpoints) {
        if (self->finished_) return;
        if (ec) return self->fail(session_failure(FailureCause::ConnectFailed, "resolve " + self->host_name_, ec));
        boost::asio::async_connect(self->connection_.socket(), endpoints,
                                   [self](boost::system::error_code ec, const auto&) {
                                     if (self->finished_) return;
                                     if (ec)
                                       return self->fail(session_failure(FailureCause::ConnectFailed, "connect", ec));
                                     self->connect_timer_.cancel();
                                     self->on_connected();
                                   });
      });
}

void SendSession::arm_watchdog() {
  const auto timeout = host_.settings().idle_timeout;
  watchdog_.arm(timeout, [self = shared_from_this(), timeout] {
    self->fail(session_failure(FailureCause::IdleTimeout,
                               fmt::format("wait for the peer (no progress for {} s)", timeout.count() / 1000.0)));
  });
}

void SendSession::on_connected() {
  arm_watchdog();
  boost::system::error_code ignored;
  connection_.socket().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
  // Kernel TLS cannot be left again: not when fast mode is asked for already.
  const bool offer_kernel_tls = !policy_.fast_mode && host_.kernel_tls_available();
  connection_.async_handshake(true, offer_kernel_tls,
                              [self = shared_from_this(), offer_kernel_tls](boost::system::error_code ec) {
                                if (self->finished_) return;
                                if (ec)
                                  return self->fail(session_failure(FailureCause::ConnectFailed, "TLS handshake", ec));
                                if (offer_kernel_tls && !self->connection_.kernel_tls())
                                  self->host_.note_kernel_tls_declined(self->connection_.cipher());
                                self->on_handshake();
                              });
}

// The receiver proved it holds its certificate's key; whether that is the
// device the user meant is checked here, before anything is offered.
void SendSession::on_handshake() {
  const auto fingerprint = connection_.peer_fingerprint();
  if (!policy_.expected_fingerprint.empty() && fingerprint != policy_.expected_fingerprint)
    return fail(
        session_failure(FailureCause::PeerIdentityMismatch,
                        fmt::format("check the identity: not the expected device ({} answered, {} expected)",
                                    verification_code(fingerprint), verification_code(policy_.expected_fingerprint))));
  identity_ = identify_peer(host_.settings().known_peers, fingerprint, {});
  asked_fast_mode_ = policy_.fast_mode || (identity_.pinned && identity_.pinned->fast_mode);
  // With kernel TLS the files go zero-copy and encrypted: fast mode would
  // gain nothing, and this connection could not leave TLS anyway.
  if (asked_fast_mode_ && connection_.kernel_tls()) {
    spdlog::info("{}: staying encrypted (kernel TLS) although pinned for fast mode", peer());
    asked_fast_mode_ = false;
  }
  writer_.queue(protocol::Hello{protocol::kVersion, host_.settings().device_name, asked_fast_mode_,
                                platform::this_operating_system()});
  writer_.queue(planned_.offer);
  writer_.async_flush([self = shared_from_this()](std::error_code ec) {
    if (ec) return self->fail(session_failure(FailureCause::ConnectionLost, "send the offer", ec));
    if (!self->finished_ && !self->streaming_)
      self->host_.emit(SendPhaseChanged{self->id_, SendPhase::AwaitingAcceptance, {self->host_name_, self->port_}});
  });
  await_hello();
}

void SendSession::await_hello() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (self->finished_) return;
    if (ec) return self->fail(session_failure(FailureCause::ConnectionLost, "read the hello", ec));
    const auto* hello = std::get_if<protocol::Hello>(&m);
    if (!hello) return self->fail(protocol_failure("the answer did not start with HELLO"));
    if (hello->version != protocol::kVersion) {
      const std::string versions =
          fmt::format("peer speaks protocol version {}, we speak {}", hello->version, protocol::kVersion);
      self->writer_.queue(protocol::Cancel{versions});
      self->writer_.async_flush([self, versions](std::error_code) { self->fail(protocol_failure(versions)); });
      return;
    }
    self->peer_name_ = hello->device_name;
    self->peer_os_ = hello->os;
    self->identity_ =
        identify_peer(self->host_.settings().known_peers, self->identity_.fingerprint, hello->device_name);
    if (self->identity_.trust == PeerTrust::Changed)
      spdlog::warn("{} calls itself '{}' but is not the device pinned under that name (its code is {})", self->peer(),
                   hello->device_name, self->identity_.verification_code);
    // The receiving user takes their time to answer: that is not idleness.
    self->watchdog_.disarm();
    self->await_answer();
  });
}

void SendSession::await_answer() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (self->finished_) return;
    if (ec) return self->fail(session_failure(FailureCause::ConnectionLost, "read the answer to the offer", ec));
    if (const auto* decline = std::get_if<protocol::Decline>(&m))
      return self->fail({cause_of_decline(decline->reason), {"offer", {}, {}, decline->message}});
    if (const auto* cancel = std::get_if<protocol::Cancel>(&m)) return self->peer_cancelled(cancel->reason);
    if (auto* have = std::get_if<protocol::Have>(&m)) {
      if (auto problem = self->take_have(std::move(*have))) return self->fail(protocol_failure(*problem));
      return self->await_answer();
    }
    const auto* accept = std::get_if<protocol::Accept>(&m);
    if (!accept) return self->fail(protocol_failure("unexpected answer to the offer"));
    self->mode_ = accept->mode;
    if (self->mode_ == protocol::TransferMode::Encrypted) return self->on_accepted();
    if (!self->asked_fast_mode_) return self->fail(protocol_failure("fast mode chosen, not asked for"));
    self->on_mode_agreed();
  });
}

// Fast mode: file digests get keyed with a secret of this handshake, then
// both sides leave TLS and file bytes go as plain TCP (zero-copy).
void SendSession::on_mode_agreed() {
  const auto key = connection_.export_key(kFastModeKeyLabel);
  if (!key) return fail(session_failure(FailureCause::Other, "fast mode: TLS exporter"));
  recipe_.key = *key;
  arm_watchdog();  // a receiver that never answers our close_notify is idle
  connection_.async_leave_tls(true, [self = shared_from_this()](boost::system::error_code ec) {
    if (self->finished_) return;
    if (ec) return self->fail(session_failure(FailureCause::ConnectionLost, "leave TLS for fast mode", ec));
    self->on_accepted();
  });
}

// Checks a HAVE against the offer and keeps it; what is wrong with it, if anything.
std::optional<std::string> SendSession::take_have(protocol::Have have) {
  const auto& entries = planned_.offer.entries;
  if (have.index >= entries.size() || entries[have.index].kind != protocol::EntryKind::File)
    return fmt::format("HAVE for index {}, not a file of the offer", have.index);
  const auto& entry = entries[have.index];
  const bool fits =
      have.kind == protocol::HaveKind::Complete
          ? have.length == entry.size
          : have.length <= entry.size && (have.length % protocol::kResumeBlockBytes == 0 || have.length == entry.size);
  if (!fits) return fmt::format("HAVE of {} bytes of {} ({} bytes)", have.length, entry.path, entry.size);
  if (!haves_.emplace(have.index, std::move(have)).second) return fmt::format("second HAVE for {}", entry.path);
  return std::nullopt;
}

void SendSession::on_accepted() {
  if (!host_.settings().resume) haves_.clear();
  std::uint32_t files = 0;
  for (const auto& e : planned_.offer.entries) files += e.kind == protocol::EntryKind::File;
  auto entries = std::make_shared<const std::vector<protocol::OfferEntry>>(planned_.offer.entries);
  host_.emit(SessionStarted{id_,
                            Direction::Send,
                            {host_name_, port_},
                            files,
                            planned_.total_bytes,
                            std::move(entries),
                            identity_,
                            peer_name_,
                            peer_os_,
                            mode_,
                            connection_.kernel_tls()});
  streaming_ = true;
  arm_watchdog();
  read_results();
  send_next_file();
}

void SendSession::read_results() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (self->finished_) return;
    if (ec && self->send_error_) return self->fail({FailureCause::ConnectionLost, *self->send_error_});
    if (ec) return self->fail(session_failure(FailureCause::ConnectionLost, "read results", ec));
    self->watchdog_.touch();
    if (const auto* result = std::get_if<protocol::FileResult>(&m)) {
      self->on_result(*result);
      return self->read_results();
    }
    if (const auto* summary = std::get_if<protocol::Summary>(&m)) {
      const bool ok = summary->files_failed == 0 && self->results_failed_ == 0;
      return self->finish(ok, {ok ? FailureCause::None : self->first_file_cause_, {}});
    }
    if (const auto* cancel = std::get_if<protocol::Cancel>(&m)) return self->peer_cancelled(cancel->reason);
    self->fail(protocol_failure("unexpected frame while sending"));
  });
}

void SendSession::on_result(const protocol::FileResult& result) {
  const auto& entries = planned_.offer.entries;
  if (result.index >= entries.size() || entries[result.index].kind != protocol::EntryKind::File)
    return fail(protocol_failure(fmt::format("result for index {}, not a file of the offer", result.index)));
  const FileRecord& record = records_[result.index];
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
  host_.emit(FileDone{id_, Direction::Send, result.index, entries[result.index].path, entries[result.index].size,
                      record.strategy, record.note, record.resumed_bytes, record.send_seconds, ok,
                      describe(failure.detail), failure.cause, failure.detail});
}

void SendSession::send_next_file() {
  if (finished_) return;
  if (cancel_requested_) {
    writer_.queue(protocol::Cancel{wire_reason(FailureCause::CancelledByUser)});
    writer_.async_flush([self = shared_from_this()](std::error_code) {
      self->finish(false, {FailureCause::CancelledByUser, {}});
    });
    return;
  }
  const std::uint32_t index = next_file_from(next_index_);
  if (index == planned_.offer.entries.size()) {
    // Everything is sent; the reader finishes the session on SUMMARY.
    writer_.async_flush([self = shared_from_this()](std::error_code ec) {
      if (ec) self->send_failed({"send", {}, ec, {}});
    });
    return;
  }
  if (ready_.empty()) {
    if (!preparing_) prepare_more();
    waiting_for_ready_ = true;  // on_prepared comes back here
    return;
  }
  next_index_ = index + 1;
  PreparedFile file = std::move(ready_.front());
  ready_.pop_front();
  // The next files open on a worker while these are sent.
  if (!preparing_ && ready_.size() <= kPreparedAhead / 2) prepare_more();
  start_file(std::move(file));
}

std::uint32_t SendSession::next_file_from(std::uint32_t index) const {
  const auto& entries = planned_.offer.entries;
  while (index < entries.size() && entries[index].kind != protocol::EntryKind::File) ++index;
  return index;
}

// Opening a file and comparing it with the receiver's copy wait on the
// disk: a worker does both, for the next files in order, a batch per job
// (one trip to the worker and back for many small files), while the engine
// thread sends the ones prepared before.
void SendSession::prepare_more() {
  const auto& settings = host_.settings();
  const bool user_space_tls = connection_.plain_socket() == nullptr;
  std::vector<FileToPrepare> batch;
  std::uint64_t buffered = 0;  // what the batch's sources read at once, at most
  while (batch.size() < kPreparedAhead && buffered < kPreparedBytes) {
    const std::uint32_t index = next_file_from(prepare_from_);
    if (index == planned_.offer.entries.size()) break;
    prepare_from_ = index + 1;
    const auto& entry = planned_.offer.entries[index];
    FileToPrepare& file = batch.emplace_back(FileToPrepare{index, planned_.sources[index], entry.size,
                                                           plan_send(entry.size, settings, user_space_tls),
                                                           direct_options(), std::nullopt, recipe_.start(index)});
    if (auto have = haves_.find(index); have != haves_.end()) {
      file.have = std::move(have->second);
      haves_.erase(have);
    }
    if (file.strategy != Strategy::Direct) buffered += std::min(entry.size, kPreparedFileBytes);
  }
  if (batch.empty()) return;
  preparing_ = true;
  boost::asio::post(
      host_.workers(), [self = shared_from_this(), executor = executor_, batch = std::move(batch)]() mutable {
        std::vector<PreparedFile> prepared;
        for (auto& file : batch) prepared.push_back(prepare_file(executor, std::move(file)));
        boost::asio::post(executor,
                          [self, prepared = std::move(prepared)]() mutable { self->on_prepared(std::move(prepared)); });
      });
}

void SendSession::on_prepared(std::vector<PreparedFile> files) {
  preparing_ = false;
  if (finished_) return;
  for (auto& file : files) ready_.push_back(std::move(file));
  if (std::exchange(waiting_for_ready_, false)) send_next_file();
}

platform::DirectOptions SendSession::direct_options() const {
  return {host_.settings().direct_block_bytes, host_.settings().direct_queue_depth};
}

// Sends the file from where it restarts: nothing but its digest when the
// receiver already holds all of it.
void SendSession::start_file(PreparedFile file) {
  const std::uint32_t index = file.index;
  const auto& entry = planned_.offer.entries[index];
  FileRecord& record = records_[index];
  record.started = std::chrono::steady_clock::now();
  record.strategy = file.strategy;
  record.resumed_bytes = file.offset;
  if (file.offset > 0) {
    if (auto progress = progress_.advance(file.offset, index)) host_.emit(*progress);
  }
  if (file.already_there(entry.size)) {
    record.already_there = true;
    writer_.queue(protocol::FileBegin{index, file.offset});
    writer_.queue(protocol::FileEnd{index, file.digest->finish()});
    return next_file_later();
  }
  if (!open_file(std::move(file))) return next_file_later();
  writer_.queue(protocol::FileBegin{index, current_->sent});
  send_chunk();
}

// Takes the file's source (a Direct one is opened here, on the engine thread);
// when it could not be opened, tells the receiver and moves on.
bool SendSession::open_file(PreparedFile file) {
  const std::uint32_t index = file.index;
  const auto& entry = planned_.offer.entries[index];
  const auto& path = planned_.sources[index];
  FileRecord& record = records_[index];
  if (!file.opened) file.opened = open_prepared(executor_, path, file, direct_options());
  auto opened = std::move(*file.opened);
  current_ = CurrentFile{};
  current_->index = index;
  current_->size = entry.size;
  current_->sent = file.offset;
  current_->digest = std::move(file.digest);
  std::optional<Failure> problem;
  if (!opened) {
    problem = io_failure(FailureCause::SourceUnreadable, opened.error(), entry.path);
  } else if (opened->size != entry.size || opened->mtime_ns != entry.mtime_ns) {
    problem = Failure{FailureCause::SourceChanged, {"changed since it was offered:", entry.path, {}, {}}};
  }
  if (problem) {
    spdlog::debug("send to {}: {} ({})", peer(), describe(problem->detail),
                  path.string());  // reported with the file's result
    // FILE_ABORT belongs inside the file's span (protocol 5.7 step 17).
    writer_.queue(protocol::FileBegin{index, 0});
    abort_file(index, *problem);
    current_.reset();
    return false;
  }
  if (!opened->fallback_reason.empty()) {
    record.note = opened->fallback_reason;
    host_.note_fallback(opened->fallback_reason, path.string());
  }
  current_->source = std::move(opened->source);
  record.strategy = current_->source->strategy();
  if (!current_->source->observes_bytes()) digest_separately(path, entry.size);
  return true;
}

// The source cannot show us the bytes (a large zero-copy file): a worker
// reads the file for its digest while the kernel sends it.
void SendSession::digest_separately(const std::filesystem::path& path, std::uint64_t size) {
  boost::asio::post(host_.workers(), [self = shared_from_this(), path, size, index = current_->index] {
    auto digest = digest_file(path, size, self->recipe_.start(index));
    boost::asio::post(self->executor_, [self, index, digest = std::move(digest)]() mutable {
      if (self->finished_ || !self->current_ || self->current_->index != index) return;
      self->current_->separate_digest = std::move(digest);
      if (self->current_->data_done) self->finish_file();
    });
  });
}

void SendSession::send_chunk() {
  CurrentFile& file = *current_;
  if (file.sent == file.size) {
    file.data_done = true;
    records_[file.index].send_seconds = seconds_since(records_[file.index].started);
    if (file.source->observes_bytes() || file.separate_digest) finish_file();
    return;
  }
  if (cancel_requested_) {
    in_flight_bytes_ = file.sent;
    current_.reset();
    return send_next_file();
  }
  const auto chunk =
      static_cast<std::uint32_t>(std::min<std::uint64_t>(file.size - file.sent, protocol::kMaxDataPayload));
  platform::trace_pipeline("session data frame {} +{}", file.sent, chunk);
  if (!data_started_) data_started_ = std::chrono::steady_clock::now();
  writer_.queue(protocol::DataHeader{chunk});
  writer_.async_flush([self = shared_from_this(), chunk](std::error_code ec) {
    if (self->finished_) return;
    if (ec) return self->send_failed({"send", {}, ec, {}});
    self->current_->source->async_send(self->connection_, chunk, [self, chunk](std::optional<IoError> error) {
      if (self->finished_) return;
      if (error) {
        const auto& entry = self->planned_.offer.entries[self->current_->index];
        return self->send_failed({error->operation, entry.path, error->code, {}});
      }
      self->current_->sent += chunk;
      self->data_bytes_ += chunk;
      self->watchdog_.touch();
      if (auto progress = self->progress_.advance(chunk, self->current_->index)) self->host_.emit(*progress);
      self->send_chunk();
    });
  });
}

void SendSession::finish_file() {
  CurrentFile& file = *current_;
  const std::string& offered_path = planned_.offer.entries[file.index].path;
  std::optional<Failure> problem;
  if (file.separate_digest && !file.separate_digest->ok()) {
    problem = io_failure(FailureCause::SourceUnreadable, file.separate_digest->error(), offered_path);
  } else if (changed_while_sent(file.index)) {
    problem = Failure{FailureCause::SourceChanged, {"changed while it was being sent:", offered_path, {}, {}}};
  }
  if (problem) {
    // The bytes went out, but we cannot vouch for them: the receiver drops the file.
    abort_file(file.index, *problem);
    current_.reset();
    return next_file_later();
  }
  const protocol::Digest digest = file.separate_digest ? file.separate_digest->value() : file.digest->finish();
  writer_.queue(protocol::FileEnd{file.index, digest});
  current_.reset();
  next_file_later();
}

// A file written to while it was read may have gone out torn, however well
// its digest matches the bytes sent: its size or mtime tells.
bool SendSession::changed_while_sent(std::uint32_t index) const {
  const auto& entry = planned_.offer.entries[index];
  auto now = platform::stat_path(planned_.sources[index]);
  return !now || now->size != entry.size || now->mtime_ns != entry.mtime_ns;
}

// Through the executor, so a run of empty or failing files cannot grow the stack.
void SendSession::next_file_later() {
  boost::asio::post(executor_, [self = shared_from_this()] { self->send_next_file(); });
}

// The receiver hears why in a sentence without our paths; the detail stays here.
void SendSession::abort_file(std::uint32_t index, const Failure& failure) {
  records_[index].local_failure = failure;
  writer_.queue(protocol::FileAbort{index, wire_reason(failure.cause)});
}

void SendSession::peer_cancelled(const std::string& reason) {
  peer_kept_what_arrived_ = reason.ends_with(kKeptForResume);
  const std::string_view why =
      std::string_view(reason).substr(0, reason.size() - (peer_kept_what_arrived_ ? kKeptForResume.size() : 0));
  fail({cause_of_cancel(reason), {"transfer", {}, {}, std::string(why)}});
}

void SendSession::cancel() {
  if (finished_) return;
  cancel_requested_ = true;
  // Before the data phase there is no frame boundary to wait for.
  if (!streaming_) return finish(false, {FailureCause::CancelledByUser, {}});
  // The next frame boundary may never come (a peer that stopped reading):
  // then the connection is simply closed.
  linger_.expires_after(2 * kLinger);
  linger_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->finish(false, {FailureCause::CancelledByUser, {}});
  });
  // All sent and waiting for the summary: nothing else will send the CANCEL.
  if (!current_ && next_index_ >= planned_.offer.entries.size()) send_next_file();
}

// The receiver usually stops reading because it has said why (a CANCEL, or a
// failed FILE_RESULT) just before closing: give the reader a moment to take
// that reason before falling back to the bare send error.
void SendSession::send_failed(const ErrorDetail& error) {
  if (finished_ || send_error_) return;
  send_error_ = error;
  connection_.shutdown_send();
  linger_.expires_after(kLinger);
  linger_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->fail({FailureCause::ConnectionLost, *self->send_error_});
  });
}

void SendSession::fail(const Failure& failure) {
  if (finished_) return;
  spdlog::debug("send session {} to {}: {}: {}", id_.value, peer(), to_string(failure.cause), describe(failure.detail));
  // After the user's cancel the receiver may close before our CANCEL's flush
  // completes: the transfer still ended because the user cancelled it.
  if (cancel_requested_ && failure.cause == FailureCause::ConnectionLost)
    return finish(false, {FailureCause::CancelledByUser, {}});
  finish(false, failure);
}

// Whether the receiver keeps something a later send of these files continues:
// verified files, or the part of the file in flight once it holds a resume
// block. A receiver that cancelled said so; after our own cancel it got every
// byte we sent; after a cut, bytes still in the socket buffers may be lost,
// so a block's worth more must have gone.
bool SendSession::receiver_keeps_something(FailureCause cause) const {
  if (!streaming_ || cause == FailureCause::ProtocolError) return false;
  if (peer_kept_what_arrived_ || results_ok_ > files_already_there_) return true;
  if (cause == FailureCause::CancelledByPeer) return false;
  const std::uint64_t needed = (cause == FailureCause::CancelledByUser ? 1 : 2) * protocol::kResumeBlockBytes;
  return in_flight_bytes_ >= needed;
}

void SendSession::finish(bool ok, const Failure& failure) {
  if (finished_) return;
  finished_ = true;
  watchdog_.disarm();
  linger_.cancel();
  connect_timer_.cancel();
  connection_.close();
  if (current_) in_flight_bytes_ = std::max(in_flight_bytes_, current_->sent);
  SessionDone done{id_,
                   Direction::Send,
                   results_ok_,
                   results_failed_,
                   progress_.done(),
                   data_started_ ? seconds_since(*data_started_) : 0.0,
                   ok,
                   describe(failure.detail)};
  done.cause = ok ? FailureCause::None : failure.cause;
  done.detail = failure.detail;
  done.resumable = !ok && receiver_keeps_something(failure.cause);
  done.files_already_there = files_already_there_;
  done.data_bytes = data_bytes_;
  host_.emit(std::move(done));
  host_.session_ended(id_);
}

}  // namespace ferry
