// SPDX-License-Identifier: Apache-2.0
#include "send_session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>

#include "failure.hpp"
#include "ferry/platform/pipeline_trace.hpp"
#include "ferry/platform/this_operating_system.hpp"
#include "planner.hpp"

namespace ferry {
SendSession::SendSession(SessionHost& host, const boost::asio::any_io_executor& executor,
                         std::shared_ptr<boost::asio::ssl::context> tls, TransferId id, std::string host_name,
                         std::uint16_t port, std::vector<std::filesystem::path> paths, SendPolicy policy,
                         std::string text)
    : host_(host),
      executor_(executor),
      id_(id),
      host_name_(std::move(host_name)),
      port_(port),
      paths_(std::move(paths)),
      policy_(std::move(policy)),
      text_(std::move(text)),
      tls_(std::move(tls)),
      connection_(executor, *tls_),
      connect_timer_(executor),
      linger_(executor),
      watchdog_(executor),
      reader_(connection_),
      writer_(connection_),
      machine_({policy_.fast_mode, host.kernel_tls_available(), host.settings().resume, !text_.empty()}),
      own_limit_(policy_.upload_limit),
      pace_timer_(executor) {}

std::string SendSession::peer() const { return format_endpoint({host_name_, port_}); }

namespace {

std::string rate_text(std::uint64_t bytes_per_second) {
  if (bytes_per_second == 0) return "none";
  if (bytes_per_second < 1024 * 1024) return fmt::format("{:.1f} KiB/s", static_cast<double>(bytes_per_second) / 1024);
  return fmt::format("{:.1f} MiB/s", static_cast<double>(bytes_per_second) / (1024 * 1024));
}

}  // namespace

void SendSession::log_upload_limit() const {
  const std::uint64_t own = own_limit_.rate();
  const std::uint64_t shared = host_.upload_limit().rate();
  if (own == 0 && shared == 0) return;
  spdlog::info("send to {}: upload limited to {} for this transfer, {} for all transfers together", peer(),
               rate_text(own), rate_text(shared));
}

void SendSession::perform(SendActions actions) {
  for (const auto& action : actions) perform(action);
}

void SendSession::perform(const SendAction& action) {
  using namespace send_action;
  std::visit(
      [this](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, Connect>) {
          connect();
        } else if constexpr (std::is_same_v<A, Handshake>) {
          handshake(a.offer_kernel_tls);
        } else if constexpr (std::is_same_v<A, Introduce>) {
          introduce(a.fast_mode);
        } else if constexpr (std::is_same_v<A, ReadFrame>) {
          read_frame();
        } else if constexpr (std::is_same_v<A, Send>) {
          writer_.queue(a.frame);
        } else if constexpr (std::is_same_v<A, FlushFrames>) {
          flush(a.purpose);
        } else if constexpr (std::is_same_v<A, AwaitingAcceptance>) {
          host_.emit(SendPhaseChanged{id_, SendPhase::AwaitingAcceptance, {host_name_, port_}});
        } else if constexpr (std::is_same_v<A, PeerIntroduced>) {
          identify_peer_by_name();
        } else if constexpr (std::is_same_v<A, ArmWatchdog>) {
          arm_watchdog();
        } else if constexpr (std::is_same_v<A, DisarmWatchdog>) {
          watchdog_.disarm();
        } else if constexpr (std::is_same_v<A, TouchWatchdog>) {
          watchdog_.touch();
        } else if constexpr (std::is_same_v<A, LeaveTls>) {
          leave_tls();
        } else if constexpr (std::is_same_v<A, StartData>) {
          start_data();
        } else if constexpr (std::is_same_v<A, NextFile>) {
          send_next_file();
        } else if constexpr (std::is_same_v<A, SendFile>) {
          send_file(a.index);
        } else if constexpr (std::is_same_v<A, ReportFile>) {
          report_file(a);
        } else if constexpr (std::is_same_v<A, StopSending>) {
          connection_.shutdown_send();
        } else if constexpr (std::is_same_v<A, StartLinger>) {
          linger_for(a.after);
        } else if constexpr (std::is_same_v<A, Close>) {
          watchdog_.disarm();
          linger_.cancel();
          connect_timer_.cancel();
          pace_timer_.cancel();
          connection_.close();
        } else if constexpr (std::is_same_v<A, EmitDone>) {
          close_and_report();
        }
      },
      action);
}

void SendSession::start() {
  // Walking a big tree blocks: a worker does it, with its own copy of the paths.
  boost::asio::post(host_.workers(), [self = shared_from_this(), executor = executor_, paths = paths_]() mutable {
    auto planned = build_offer(paths);
    boost::asio::post(executor, [self = std::move(self), planned = std::move(planned)]() mutable {
      self->on_offer_built(std::move(planned));
    });
  });
}

void SendSession::on_offer_built(Result<PlannedOffer> planned) {
  if (machine_.done()) return;
  if (!planned) {
    const IoError& error = planned.error();
    return perform(
        machine_.fail(io_failure(FailureCause::SourceUnreadable, error, error.subject)));  // the user's own path
  }
  planned_ = std::move(planned.value());
  auto entries = std::make_shared<const std::vector<protocol::OfferEntry>>(std::move(planned_.offer.entries));
  planned_.offer.entries.clear();
  perform(machine_.offer_built(std::move(entries)));
}

void SendSession::connect() {
  host_.emit(SendPhaseChanged{id_, SendPhase::Connecting, {host_name_, port_}});
  const auto timeout = host_.settings().connect_timeout;
  connect_timer_.expires_after(timeout);
  connect_timer_.async_wait([self = shared_from_this(), timeout](boost::system::error_code ec) {
    if (ec || self->machine_.done()) return;
    self->perform(self->machine_.fail(session_failure(
        FailureCause::ConnectTimedOut, fmt::format("connect (no answer within {} s)", timeout.count() / 1000.0),
        make_error_code(std::errc::timed_out))));
  });
  auto resolver = std::make_shared<boost::asio::ip::tcp::resolver>(executor_);
  resolver->async_resolve(
      host_name_, std::to_string(port_),
      [self = shared_from_this(), resolver](boost::system::error_code ec, auto endpoints) {
        if (self->machine_.done()) return;
        if (ec)
          return self->perform(
              self->machine_.fail(session_failure(FailureCause::ConnectFailed, "resolve " + self->host_name_, ec)));
        boost::asio::async_connect(
            self->connection_.socket(), endpoints, [self](boost::system::error_code ec, const auto&) {
              if (self->machine_.done()) return;
              if (ec)
                return self->perform(self->machine_.fail(session_failure(FailureCause::ConnectFailed, "connect", ec)));
              self->connect_timer_.cancel();
              boost::system::error_code ignored;
              self->connection_.socket().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
              self->perform(self->machine_.connected());
            });
      });
}

void SendSession::arm_watchdog() {
  const auto timeout = host_.settings().idle_timeout;
  watchdog_.arm(timeout, [self = shared_from_this(), timeout] {
    self->perform(self->machine_.fail(session_failure(
        FailureCause::IdleTimeout, fmt::format("wait for the peer (no progress for {} s)", timeout.count() / 1000.0))));
  });
}

void SendSession::handshake(bool offer_kernel_tls) {
  connection_.async_handshake(
      true, offer_kernel_tls, [self = shared_from_this(), offer_kernel_tls](boost::system::error_code ec) {
        if (self->machine_.done()) return;
        if (ec)
          return self->perform(self->machine_.fail(session_failure(FailureCause::ConnectFailed, "TLS handshake", ec)));
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
    return perform(machine_.fail(
        session_failure(FailureCause::PeerIdentityMismatch,
                        fmt::format("check the identity: not the expected device ({} answered, {} expected)",
                                    verification_code(fingerprint), verification_code(policy_.expected_fingerprint)))));
  identity_ = identify_peer(host_.settings().known_peers, fingerprint, {});
  const bool pinned_fast = identity_.pinned && identity_.pinned->fast_mode;
  if ((policy_.fast_mode || pinned_fast) && connection_.kernel_tls())
    spdlog::info("{}: staying encrypted (kernel TLS) although fast mode was asked for", peer());
  perform(machine_.handshake_done(connection_.kernel_tls(), pinned_fast));
}

void SendSession::introduce(bool fast_mode) {
  writer_.queue(
      protocol::Hello{protocol::kVersion, host_.settings().device_name, fast_mode, platform::this_operating_system()});
  writer_.queue(protocol::Offer{*machine_.entries(), text_});
}

void SendSession::identify_peer_by_name() {
  identity_ = identify_peer(host_.settings().known_peers, identity_.fingerprint, machine_.peer_name());
  if (identity_.trust == PeerTrust::Changed)
    spdlog::warn("{} calls itself '{}' but is not the device pinned under that name (its code is {})", peer(),
                 machine_.peer_name(), identity_.verification_code);
}

void SendSession::read_frame() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (self->machine_.done()) return;
    self->perform(ec ? self->machine_.read_failed(ec) : self->machine_.frame(m));
  });
}

void SendSession::flush(Flush purpose) {
  writer_.async_flush(
      [self = shared_from_this(), purpose](std::error_code ec) { self->perform(self->machine_.flushed(purpose, ec)); });
}

// Fast mode: file digests get keyed with a secret of this handshake, then
// both sides leave TLS and file bytes go as plain TCP (zero-copy).
void SendSession::leave_tls() {
  const auto key = connection_.export_key(kFastModeKeyLabel);
  if (!key) return perform(machine_.fail(session_failure(FailureCause::Other, "fast mode: TLS exporter")));
  recipe_.key = *key;
  connection_.async_leave_tls(true, [self = shared_from_this()](boost::system::error_code ec) {
    if (self->machine_.done()) return;
    if (ec)
      return self->perform(
          self->machine_.fail(session_failure(FailureCause::ConnectionLost, "leave TLS for fast mode", ec)));
    self->perform(self->machine_.tls_left());
  });
}

void SendSession::start_data() {
  log_upload_limit();
  progress_.reset(id_, machine_.taken_bytes());
  host_.emit(SessionStarted{id_,
                            Direction::Send,
                            {host_name_, port_},
                            machine_.file_count(),
                            machine_.taken_bytes(),
                            machine_.entries(),
                            identity_,
                            machine_.peer_name(),
                            machine_.peer_os(),
                            machine_.mode(),
                            connection_.kernel_tls(),
                            machine_.taken()});
}

void SendSession::report_file(const send_action::ReportFile& report) {
  const auto& entry = (*machine_.entries())[report.index];
  const SentFileRecord& record = machine_.record(report.index);
  host_.emit(FileDone{id_, Direction::Send, report.index, entry.path, entry.size, record.strategy, record.note,
                      record.resumed_bytes, record.send_seconds, report.ok, describe(report.failure.detail),
                      report.failure.cause, report.failure.detail});
}

void SendSession::linger_for(std::chrono::milliseconds after) {
  linger_.expires_after(after);
  linger_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->perform(self->machine_.linger_expired());
  });
}

void SendSession::close_and_report() {
  const Failure& failure = machine_.failure();
  spdlog::debug("send session {} to {}: {}: {}", id_.value, peer(), to_string(failure.cause), describe(failure.detail));
  SessionDone done{id_,
                   Direction::Send,
                   machine_.results_ok(),
                   machine_.results_failed(),
                   progress_.done(),
                   data_started_ ? seconds_since(*data_started_) : 0.0,
                   machine_.ok(),
                   describe(failure.detail)};
  done.cause = failure.cause;
  done.detail = failure.detail;
  done.resumable = machine_.resumable();
  done.files_already_there = machine_.files_already_there();
  done.data_bytes = machine_.data_bytes();
  done.files_skipped = machine_.files_skipped();
  host_.emit(std::move(done));
  host_.session_ended(id_);
}

void SendSession::cancel() { perform(machine_.user_cancel()); }

void SendSession::limit(std::uint64_t bytes_per_second) {
  own_limit_.set_rate(bytes_per_second);
  spdlog::info("send to {}: this transfer's upload limit is now {}", peer(), rate_text(own_limit_.rate()));
}

// --- the file loop

void SendSession::send_next_file() { perform(machine_.next_file()); }

// The machine names the next file; it starts once a worker prepared it.
void SendSession::send_file(std::uint32_t index) {
  if (ready_.empty()) {
    if (!preparing_) prepare_more();
    waiting_for_ready_ = true;  // on_prepared comes back to send_next_file
    return;
  }
  PreparedFile file = std::move(ready_.front());
  ready_.pop_front();
  if (file.index != index) {  // cannot happen: files are prepared in the offer's order
    return perform(machine_.fail(
        session_failure(FailureCause::Other, fmt::format("prepared file {} where {} was next", file.index, index))));
  }
  ready_bytes_ -= file.held_bytes;
  // The next files open on a worker while these are sent.
  if (!preparing_ && ready_.size() <= kPreparedAhead / 2 && ready_bytes_ < kPreparedBytes) prepare_more();
  start_file(std::move(file));
}

// Opening a file and comparing it with the receiver's copy wait on the
// disk: a worker does both, for the next files in order, a batch per job
// (one trip to the worker and back for many small files), while the engine
// thread sends the ones prepared before.
void SendSession::prepare_more() {
  const auto& settings = host_.settings();
  const auto& entries = *machine_.entries();
  const bool user_space_tls = connection_.plain_socket() == nullptr;
  std::vector<FileToPrepare> batch;
  std::uint64_t buffered = 0;  // what the batch's sources hold once open (held_ahead)
  while (batch.size() < kPreparedAhead && buffered < kPreparedBytes) {
    while (prepare_from_ < entries.size() && !machine_.sends(prepare_from_)) ++prepare_from_;
    if (prepare_from_ == entries.size()) break;
    const std::uint32_t index = prepare_from_++;
    const auto& entry = entries[index];
    FileToPrepare& file = batch.emplace_back(FileToPrepare{
        index, planned_.sources[index], entry.size, entry.mtime_ns, plan_send(entry.size, settings, user_space_tls),
        direct_options(), machine_.take_have(index), recipe_.start(index)});
    buffered += held_ahead(file.strategy, entry.size);
  }
  if (batch.empty()) return;
  preparing_ = true;
  auto deliver = [self = shared_from_this()](std::vector<PreparedFile> prepared) {
    self->on_prepared(std::move(prepared));
  };
  const platform::SourceExecutors executors{executor_, host_.workers().get_executor()};
  boost::asio::post(host_.workers(), [executors, batch = std::move(batch), deliver]() mutable {
    std::vector<PreparedFile> prepared;
    for (auto& file : batch) prepared.push_back(prepare_file(executors, std::move(file)));
    boost::asio::post(executors.engine, [deliver = std::move(deliver), prepared = std::move(prepared)]() mutable {
      deliver(std::move(prepared));
    });
  });
}

void SendSession::on_prepared(std::vector<PreparedFile> files) {
  preparing_ = false;
  if (machine_.done()) return;
  for (auto& file : files) {
    file.held_bytes = held_ahead(file.strategy, (*machine_.entries())[file.index].size);
    ready_bytes_ += file.held_bytes;
    ready_.push_back(std::move(file));
  }
  if (std::exchange(waiting_for_ready_, false)) send_next_file();
}

// What a prepared file's source holds until the file is sent: a direct
// source's aligned buffers, or what another source read at open.
std::uint64_t SendSession::held_ahead(Strategy strategy, std::uint64_t size) const {
  if (strategy != Strategy::Direct) return std::min(size, kPreparedFileBytes);
  const auto direct = direct_options();
  return std::uint64_t{direct.block_bytes} * direct.queue_depth;
}

platform::DirectOptions SendSession::direct_options() const {
  return {host_.settings().direct_block_bytes, host_.settings().direct_queue_depth};
}

// Sends the file from where it restarts: nothing but its digest when the
// receiver already holds all of it.
void SendSession::start_file(PreparedFile file) {
  const std::uint32_t index = file.index;
  const auto& entry = (*machine_.entries())[index];
  const bool already_there = file.already_there(entry.size);
  machine_.file_started(index, file.strategy, file.offset, already_there);
  if (file.offset > 0) {
    if (auto progress = progress_.advance(file.offset, index)) host_.emit(*progress);
  }
  if (already_there) {
    writer_.queue(protocol::FileBegin{index, file.offset});
    writer_.queue(protocol::FileEnd{index, file.digest->finish()});
    return next_file_later();
  }
  if (!open_file(std::move(file))) return next_file_later();
  writer_.queue(protocol::FileBegin{index, machine_.file_bytes_sent()});
  send_chunk();
}

// Takes the file's source, opened on a worker; when it could not be opened,
// tells the receiver and moves on.
bool SendSession::open_file(PreparedFile file) {
  const std::uint32_t index = file.index;
  const auto& entry = (*machine_.entries())[index];
  const auto& path = planned_.sources[index];
  auto opened = std::move(*file.opened);
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
    return false;
  }
  if (!opened->fallback_reason.empty()) host_.note_fallback(opened->fallback_reason, path.string());
  machine_.file_left_strategy(index, opened->fallback_reason, opened->source->strategy());
  current_ = CurrentFile{};
  current_->index = index;
  current_->size = entry.size;
  current_->started = std::chrono::steady_clock::now();
  current_->digest = std::move(file.digest);
  current_->changed_while_read = file.changed_while_read;
  current_->source = std::move(opened->source);
  if (!current_->source->observes_bytes()) digest_separately(path, entry.size);
  return true;
}

// The source cannot show us the bytes (a large zero-copy file): a worker
// reads the file for its digest while the kernel sends it.
void SendSession::digest_separately(const std::filesystem::path& path, std::uint64_t size) {
  const std::uint32_t index = current_->index;
  boost::asio::post(host_.workers(), [self = shared_from_this(), executor = executor_, path, size, index,
                                      fresh = recipe_.start(index)]() mutable {
    auto digest = digest_file(path, size, std::move(fresh));
    boost::asio::post(executor, [self = std::move(self), index, digest = std::move(digest)]() mutable {
      if (self->machine_.done() || !self->current_ || self->current_->index != index) return;
      self->current_->separate_digest = std::move(digest);
      if (self->current_->data_done) self->check_for_changes();
    });
  });
}

void SendSession::send_chunk() {
  CurrentFile& file = *current_;
  const std::uint64_t sent = machine_.file_bytes_sent();
  if (sent == file.size) return data_sent();
  if (machine_.stop_mid_file()) {
    current_.reset();
    return send_next_file();
  }
  if (pace(std::min<std::uint64_t>(file.size - sent, protocol::kMaxDataPayload))) return;
  send_data(std::exchange(file.paced, 0));
}

// Reserves the next DATA frame's bytes with this transfer's and the engine's
// upload limits. True when they must wait first: a timer then comes back to
// send_chunk, so a cancel during the wait still stops at this boundary.
bool SendSession::pace(std::uint64_t wanted) {
  CurrentFile& file = *current_;
  if (file.paced > 0) return false;  // reserved before a wait that is over now
  const Grant grant = reserve_in_both(own_limit_, host_.upload_limit(), wanted);
  file.paced = static_cast<std::uint32_t>(grant.bytes);
  if (grant.wait <= std::chrono::nanoseconds::zero()) return false;
  pace_timer_.expires_after(grant.wait);
  pace_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec || self->machine_.done() || !self->current_) return;
    self->send_chunk();
  });
  return true;
}

// One DATA frame: its header, then `chunk` bytes of the file through its
// source, in as few kernel calls as the source makes for that many.
void SendSession::send_data(std::uint32_t chunk) {
  const std::uint64_t sent = machine_.file_bytes_sent();
  platform::trace_pipeline("session data frame {} +{}", sent, chunk);
  if (!data_started_) data_started_ = std::chrono::steady_clock::now();
  writer_.queue(protocol::DataHeader{chunk});
  writer_.async_flush([self = shared_from_this(), chunk](std::error_code ec) {
    if (self->machine_.done()) return;
    if (ec) return self->perform(self->machine_.send_failed({"send", {}, ec, {}}));
    self->current_->source->async_send(self->connection_, chunk, [self, chunk](std::optional<IoError> error) {
      if (self->machine_.done()) return;
      if (error) {
        const auto& entry = (*self->machine_.entries())[self->current_->index];
        return self->perform(self->machine_.send_failed({error->operation, entry.path, error->code, {}}));
      }
      self->machine_.chunk_sent(chunk);
      self->watchdog_.touch();
      if (auto progress = self->progress_.advance(chunk, self->current_->index)) self->host_.emit(*progress);
      self->send_chunk();
    });
  });
}

// Every byte is out; the digest may still run (zero-copy).
void SendSession::data_sent() {
  current_->data_done = true;
  machine_.file_sent(seconds_since(current_->started));
  if (current_->source->observes_bytes() || current_->separate_digest) check_for_changes();
}

// A file written to while it was read may have gone out torn, however well
// its digest matches the bytes sent. A source that read it whole at open was
// checked then; otherwise a worker looks now, so the engine thread never
// waits on the disk.
void SendSession::check_for_changes() {
  if (current_->changed_while_read) return end_file(*current_->changed_while_read);
  const std::uint32_t index = current_->index;
  const auto& entry = (*machine_.entries())[index];
  boost::asio::post(host_.workers(),
                    [self = shared_from_this(), executor = executor_, index, path = planned_.sources[index],
                     size = entry.size, mtime = entry.mtime_ns]() mutable {
                      const bool changed = changed_since_offered(path, size, mtime);
                      boost::asio::post(executor, [self = std::move(self), index, changed] {
                        if (self->machine_.done() || !self->current_ || self->current_->index != index) return;
                        self->end_file(changed);
                      });
                    });
}

void SendSession::end_file(bool changed) {
  CurrentFile& file = *current_;
  const std::string& offered_path = (*machine_.entries())[file.index].path;
  std::optional<Failure> problem;
  if (file.separate_digest && !file.separate_digest->ok()) {
    problem = io_failure(FailureCause::SourceUnreadable, file.separate_digest->error(), offered_path);
  } else if (changed) {
    problem = Failure{FailureCause::SourceChanged, {"changed while it was being sent:", offered_path, {}, {}}};
  }
  if (problem) {
    // The bytes went out, but we cannot vouch for them: the receiver drops the file.
    abort_file(file.index, *problem);
  } else {
    writer_.queue(
        protocol::FileEnd{file.index, file.separate_digest ? file.separate_digest->value() : file.digest->finish()});
    machine_.file_ended();
  }
  current_.reset();
  next_file_later();
}

// Through the executor, so a run of empty or failing files cannot grow the stack.
void SendSession::next_file_later() {
  boost::asio::post(executor_, [self = shared_from_this()] {
    if (!self->machine_.done()) self->send_next_file();
  });
}

void SendSession::abort_file(std::uint32_t index, const Failure& failure) {
  perform(machine_.file_aborted(index, failure));
}

}  // namespace ferry
