#include "receive_session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <random>

#include "ferry/core/path_rules.hpp"
#include "planner.hpp"

namespace ferry {
namespace {

std::string endpoint_text(const boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return "unknown peer";
  return remote.address().to_string() + ":" + std::to_string(remote.port());
}

std::string clip(const std::string& text) { return text.substr(0, protocol::kMaxTextBytes); }

}  // namespace

ReceiveSession::ReceiveSession(SessionHost& host, boost::asio::ip::tcp::socket socket,
                               TransferId id, std::shared_ptr<platform::ReceiveFolder> folder)
    : host_(host),
      executor_(socket.get_executor()),
      id_(id),
      socket_(std::move(socket)),
      linger_(executor_),
      peer_(endpoint_text(socket_)),
      folder_(std::move(folder)),
      reader_(socket_),
      writer_(socket_) {}

void ReceiveSession::start() {
  boost::system::error_code ignored;
  socket_.set_option(boost::asio::ip::tcp::no_delay(true), ignored);
  await_hello();
}

void ReceiveSession::await_hello() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (self->finished_) return;
    if (ec) return self->fail("read hello: " + ec.message(), false);
    const auto* hello = std::get_if<protocol::Hello>(&m);
    if (!hello) return self->protocol_error("session did not start with HELLO");
    self->writer_.queue(protocol::Hello{protocol::kVersion, self->host_.settings().device_name});
    if (hello->version != protocol::kVersion)
      return self->fail("peer speaks protocol version " + std::to_string(hello->version) +
                            ", we speak " + std::to_string(protocol::kVersion),
                        true);
    self->device_name_ = hello->device_name;
    self->writer_.async_flush([](std::error_code) {});
    self->await_offer();
  });
}

void ReceiveSession::await_offer() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (self->finished_) return;
    if (ec) return self->fail("read offer: " + ec.message(), false);
    auto* offer = std::get_if<protocol::Offer>(&m);
    if (!offer) return self->protocol_error("expected OFFER");
    self->on_offer(std::move(*offer));
  });
}

void ReceiveSession::on_offer(protocol::Offer offer) {
  if (auto rejection = offer_rejection(offer)) {
    spdlog::warn("refusing offer from {}: {}", peer_, *rejection);
    return decline(protocol::DeclineReason::InvalidOffer, "invalid offer: " + *rejection);
  }
  offer_ = std::move(offer);
  for (const auto& e : offer_.entries) {
    file_count_ += e.kind == protocol::EntryKind::File;
    total_bytes_ += e.size;
  }
  auto free = folder_->free_bytes();
  if (free && free.value() < total_bytes_) {
    return decline(protocol::DeclineReason::NoSpace,
                   fmt::format("not enough space in the receive folder: {} bytes offered, {} free",
                               total_bytes_, free.value()));
  }
  progress_.reset(id_, total_bytes_);
  host_.emit(OfferReceived{id_, peer_, device_name_, offer_.entries, total_bytes_});
  awaiting_consent_ = true;
  if (host_.settings().consent == ConsentPolicy::AcceptAll) respond(true);
}

void ReceiveSession::respond(bool accept) {
  if (!awaiting_consent_ || finished_) return;
  awaiting_consent_ = false;
  if (!accept) return decline(protocol::DeclineReason::Declined, "declined by the receiver");
  writer_.queue(protocol::Accept{});
  writer_.async_flush([self = shared_from_this()](std::error_code ec) {
    if (ec) self->fail("send accept: " + ec.message(), false);
  });
  host_.emit(SessionStarted{id_, Direction::Receive, peer_, file_count_, total_bytes_, offer_.entries});
  if (file_count_ == 0) return finish_session();
  read_next();
}

void ReceiveSession::decline(protocol::DeclineReason reason, const std::string& message) {
  writer_.queue(protocol::Decline{reason, clip(message)});
  writer_.async_flush([self = shared_from_this(), message](std::error_code) {
    self->finish(false, message);
  });
}

void ReceiveSession::read_next() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (self->finished_) return;
    if (is_end_of_stream(ec))
      return self->fail("connection closed by the sender before the session ended", false);
    if (ec) return self->fail("read from sender: " + ec.message(), false);
    self->dispatch(std::move(m));
  });
}

void ReceiveSession::dispatch(protocol::Message message) {
  if (const auto* begin = std::get_if<protocol::FileBegin>(&message)) return begin_file(begin->index);
  if (const auto* data = std::get_if<protocol::DataHeader>(&message)) return receive_data(data->length);
  if (const auto* end = std::get_if<protocol::FileEnd>(&message)) return end_file(*end);
  if (const auto* abort = std::get_if<protocol::FileAbort>(&message)) return abort_file(*abort);
  if (const auto* cancel = std::get_if<protocol::Cancel>(&message))
    return fail("cancelled by the sender: " + cancel->reason, false);
  protocol_error("unexpected frame during transfer");
}

void ReceiveSession::begin_file(std::uint32_t index) {
  if (current_) return protocol_error("FILE_BEGIN inside another file");
  if (index >= offer_.entries.size() || entry(index).kind != protocol::EntryKind::File ||
      static_cast<std::int64_t>(index) <= last_index_)
    return protocol_error("FILE_BEGIN for a file index out of order or not offered");
  last_index_ = index;
  static const std::uint64_t nonce = std::random_device{}();
  current_.emplace();
  current_->index = index;
  current_->part_name = fmt::format(".ferry-{:x}-{}-{}.part", nonce, id_.value, index);
  const auto& settings = host_.settings();
  auto opened = platform::open_sink(executor_, folder_->part_path(current_->part_name),
                                    entry(index).size, plan_receive(entry(index).size, settings),
                                    {settings.direct_block_bytes, settings.direct_queue_depth});
  if (!opened) {
    const std::string error = opened.error().describe();
    discard_part();
    report(index, protocol::FileStatus::WriteFailed, error, "");
    return fail(error, true);
  }
  if (!opened->fallback_reason.empty()) {
    current_->strategy_note = opened->fallback_reason;
    host_.note_fallback(opened->fallback_reason, folder_->part_path(current_->part_name).string());
  }
  current_->sink = std::move(opened->sink);
  current_->strategy = current_->sink->strategy();
  read_next();
}

void ReceiveSession::receive_data(std::uint32_t length) {
  if (!current_) return protocol_error("DATA outside a file");
  if (current_->received + length > entry(current_->index).size)
    return protocol_error("more data than the offered size of " + entry(current_->index).path);
  chunk_left_ = length;
  pump_data();
}

// Moves the current DATA payload from the socket into sink buffers, hashing
// each piece as it lands; a full buffer (or the file's last bytes) is written.
void ReceiveSession::pump_data() {
  CurrentFile& file = *current_;
  if (chunk_left_ == 0) return read_next();
  if (file.buffer.empty()) {
    file.sink->async_acquire([self = shared_from_this()](std::optional<IoError> error,
                                                         std::span<std::byte> buffer) {
      if (self->finished_) return;
      if (error) return self->fail(error->describe(), true);
      self->current_->buffer = buffer;
      self->current_->filled = 0;
      self->pump_data();
    });
    return;
  }
  const std::size_t want = std::min<std::size_t>(chunk_left_, file.buffer.size() - file.filled);
  auto piece = file.buffer.subspan(file.filled, want);
  reader_.async_read_payload(piece, [self = shared_from_this(), piece](std::error_code ec) {
    if (self->finished_) return;
    if (ec) return self->fail("connection to the sender lost mid-file: " + ec.message(), false);
    CurrentFile& file = *self->current_;
    file.digest.update(piece);
    file.filled += piece.size();
    file.received += piece.size();
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
    return drop_file(protocol::FileStatus::SizeMismatch,
                     fmt::format("{}: {} bytes received, {} offered", entry(end.index).path,
                                 current_->received, entry(end.index).size));
  }
  current_->sink->async_finish(entry(end.index).mtime_ns,
                               [self = shared_from_this(), digest = end.digest](
                                   std::optional<IoError> error) {
                                 if (self->finished_) return;
                                 if (error) {
                                   self->discard_part();
                                   self->report(self->current_->index,
                                                protocol::FileStatus::WriteFailed,
                                                error->describe(), "");
                                   return self->fail(error->describe(), true);
                                 }
                                 self->verify_and_commit(digest);
                               });
}

void ReceiveSession::verify_and_commit(const protocol::Digest& expected) {
  const std::uint32_t index = current_->index;
  const auto& path = entry(index).path;
  if (current_->digest.finish() != expected) {
    spdlog::error("{} from {}: digest mismatch, file dropped", path, peer_);
    return drop_file(protocol::FileStatus::DigestMismatch, path + ": digest mismatch");
  }
  current_->sink.reset();
  auto stored = folder_->commit(current_->part_name, path);
  if (!stored) {
    const std::string error = stored.error().describe();
    discard_part();
    report(index, protocol::FileStatus::WriteFailed, error, "");
    return fail(error, true);
  }
  report(index, protocol::FileStatus::Ok, "", stored.value());
  current_.reset();
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
    current_->strategy = plan_receive(entry(abort.index).size, host_.settings());
  }
  drop_file(protocol::FileStatus::SourceFailed, "sender could not read it: " + abort.reason);
}

// The current file failed: its part goes first, then the peer hears why.
void ReceiveSession::drop_file(protocol::FileStatus status, const std::string& message) {
  discard_part();
  report(current_->index, status, message, "");
  current_.reset();
  next_file();
}

void ReceiveSession::next_file() {
  if (files_ok_ + files_failed_ == file_count_) return finish_session();
  read_next();
}

void ReceiveSession::report(std::uint32_t index, protocol::FileStatus status,
                            const std::string& message, const std::string& stored_path) {
  const bool ok = status == protocol::FileStatus::Ok;
  (ok ? files_ok_ : files_failed_)++;
  writer_.queue(protocol::FileResult{index, status, clip(message)});
  writer_.async_flush([](std::error_code) {});
  const Strategy strategy =
      current_ ? current_->strategy : plan_receive(entry(index).size, host_.settings());
  host_.emit(FileDone{id_, Direction::Receive, index, ok ? stored_path : entry(index).path,
                      entry(index).size, strategy, current_ ? current_->strategy_note : "",
                      current_ ? seconds_since(current_->started) : 0.0, ok, message});
}

void ReceiveSession::finish_session() {
  for (const auto& e : offer_.entries) {
    if (e.kind != protocol::EntryKind::Folder) continue;
    if (auto made = folder_->make_folder(e.path); !made) {
      spdlog::error("receive from {}: {}", peer_, made.error().describe());
      ++files_failed_;
    }
  }
  writer_.queue(protocol::Summary{files_ok_, files_failed_, progress_.done()});
  writer_.async_flush([self = shared_from_this()](std::error_code ec) {
    if (ec) return self->fail("send summary: " + ec.message(), false);
    self->finish(self->files_failed_ == 0,
                 self->files_failed_ == 0 ? "" : std::to_string(self->files_failed_) + " file(s) failed");
  });
}

void ReceiveSession::cancel() {
  if (finished_) return;
  fail("cancelled by the receiver", true);
}

void ReceiveSession::protocol_error(const std::string& what) {
  spdlog::error("protocol error from {}: {}", peer_, what);
  fail("protocol error: " + what, true);
}

// Ends the session with an error; with `tell_peer`, a CANCEL naming it goes first.
void ReceiveSession::fail(const std::string& error, bool tell_peer) {
  if (finished_) return;
  spdlog::debug("receive session {} from {}: {}", id_.value, peer_, error);
  discard_current();
  if (!tell_peer || !socket_.is_open()) return finish(false, error);
  writer_.queue(protocol::Cancel{clip(error)});
  // No more reading: the session is over whatever the peer sends now.
  finished_ = true;
  // However the peer behaves (even never reading our CANCEL), we close in time.
  linger_.expires_after(kLinger);
  linger_.async_wait([self = shared_from_this(), error](boost::system::error_code ec) {
    if (!ec) self->finish(false, error);
  });
  writer_.async_flush([self = shared_from_this(), error](std::error_code ec) {
    if (ec) return self->finish(false, error);
    self->linger(error);
  });
}

// After the CANCEL, stop sending and drop whatever the peer still sends until
// it closes or the linger timer fires: closing with unread data would reset
// the connection, and the reset can destroy the CANCEL before it is read.
void ReceiveSession::linger(const std::string& error) {
  boost::system::error_code ignored;
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
  drain(error);
}

void ReceiveSession::drain(const std::string& error) {
  drain_buffer_.resize(64 * 1024);
  socket_.async_read_some(boost::asio::buffer(drain_buffer_),
                          [self = shared_from_this(), error](boost::system::error_code ec, std::size_t) {
                            if (ec) return self->finish(false, error);
                            self->drain(error);
                          });
}

void ReceiveSession::discard_part() {
  if (!current_) return;
  current_->sink.reset();  // waits for writes in flight before the file goes
  if (!current_->part_name.empty()) folder_->discard(current_->part_name);
}

void ReceiveSession::discard_current() {
  discard_part();
  current_.reset();
}

void ReceiveSession::finish(bool ok, const std::string& error) {
  if (done_emitted_) return;
  done_emitted_ = finished_ = true;
  linger_.cancel();
  boost::system::error_code ignored;
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  host_.emit(SessionDone{id_, Direction::Receive, files_ok_, files_failed_, progress_.done(),
                         seconds_since(started_), ok, error});
  host_.session_ended(id_);
}

}  // namespace ferry
