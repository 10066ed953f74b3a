#include "raw_peer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <QtTest>
#include <algorithm>
#include <cerrno>
#include <utility>

namespace ferry::test {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kReceiveChunk = 64 * 1024;

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

int milliseconds_until(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<std::chrono::milliseconds::rep>(left.count(), 0));
}

// Waits until `fd` is readable; false at the deadline.
bool wait_readable(int fd, std::chrono::steady_clock::time_point deadline) {
  pollfd entry{fd, POLLIN, 0};
  while (true) {
    const int ready = ::poll(&entry, 1, milliseconds_until(deadline));
    if (ready >= 0) return ready > 0;
    if (errno != EINTR) return false;
  }
}

}  // namespace

std::optional<RawPeer> RawPeer::connect(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  RawPeer peer(fd);
  const sockaddr_in address = loopback(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    return std::nullopt;
  return peer;
}

RawPeer::RawPeer(int fd) : fd_(fd) {
  // Writes block at most this long when the other side stops reading.
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(kRawTimeout);
  const timeval limit{static_cast<time_t>(seconds.count()), 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
}

RawPeer::RawPeer(RawPeer&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), buffer_(std::move(other.buffer_)) {}

RawPeer& RawPeer::operator=(RawPeer&& other) noexcept {
  std::swap(fd_, other.fd_);
  std::swap(buffer_, other.buffer_);
  return *this;
}

RawPeer::~RawPeer() { close(); }

void RawPeer::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool RawPeer::send(const protocol::Message& message) {
  std::vector<std::byte> frame;
  protocol::encode(message, frame);
  return send_bytes(frame);
}

bool RawPeer::send_bytes(std::span<const std::byte> bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes = bytes.subspan(static_cast<std::size_t>(sent));
  }
  return true;
}

RawPeer::Status RawPeer::receive_more(Deadline deadline) {
  if (!wait_readable(fd_, deadline)) return Status::TimedOut;
  std::byte chunk[kReceiveChunk];
  ssize_t received = 0;
  do {
    received = ::recv(fd_, chunk, sizeof chunk, 0);
  } while (received < 0 && errno == EINTR);
  if (received <= 0) return Status::Closed;  // orderly close, or reset
  buffer_.insert(buffer_.end(), chunk, chunk + received);
  return Status::Frame;
}

RawPeer::Received RawPeer::read(std::chrono::milliseconds timeout) {
  const Deadline deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto result = protocol::decode(buffer_);
    if (result.status == protocol::DecodeResult::Status::Error) return {Status::Undecodable, {}};
    if (result.status == protocol::DecodeResult::Status::Frame) {
      buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(result.consumed));
      return {Status::Frame, std::move(result.message)};
    }
    if (const Status status = receive_more(deadline); status != Status::Frame) return {status, {}};
  }
}

bool RawPeer::skip_payload(std::uint64_t count, std::chrono::milliseconds timeout) {
  const Deadline deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto buffered = static_cast<std::ptrdiff_t>(std::min<std::uint64_t>(count, buffer_.size()));
    buffer_.erase(buffer_.begin(), buffer_.begin() + buffered);
    count -= static_cast<std::uint64_t>(buffered);
    if (count == 0) return true;
    if (receive_more(deadline) != Status::Frame) return false;
  }
}

std::optional<std::vector<protocol::Message>> RawPeer::wait_closed(std::chrono::milliseconds timeout) {
  const Deadline deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<protocol::Message> frames;
  while (true) {
    Received received = read(std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now()));
    if (received.status == Status::Closed) return frames;
    if (received.status != Status::Frame) return std::nullopt;
    frames.push_back(std::move(received.message));
  }
}

RawListener::RawListener() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = loopback(0);
  socklen_t size = sizeof address;
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd_, 4) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
    qFatal("cannot listen on 127.0.0.1");
  port_ = ntohs(address.sin_port);
}

RawListener::~RawListener() { ::close(fd_); }

std::optional<RawPeer> RawListener::accept(std::chrono::milliseconds timeout) {
  if (!wait_readable(fd_, std::chrono::steady_clock::now() + timeout)) return std::nullopt;
  const int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) return std::nullopt;
  return RawPeer(fd);
}

protocol::OfferEntry file_entry(std::string path, std::uint64_t size) {
  return {protocol::EntryKind::File, std::move(path), size, 1'700'000'000'000'000'000};
}

protocol::OfferEntry folder_entry(std::string path, std::uint64_t size) {
  return {protocol::EntryKind::Folder, std::move(path), size, 1'700'000'000'000'000'000};
}

std::optional<RawPeer> await_offer(RawListener& listener) {
  auto peer = listener.accept();
  if (!peer || !peer->expect<protocol::Hello>() || !peer->expect<protocol::Offer>())
    return std::nullopt;
  return peer;
}

Sender::Sender(const EngineSettings& settings) : engine_(settings, [this] { log_.notify(); }) {}

TransferId Sender::send(std::uint16_t port, std::vector<fs::path> paths) {
  return engine_.send("127.0.0.1", port, std::move(paths));
}

std::optional<SessionDone> wait_session_done(TransferEngine& engine, EventLog& log,
                                             std::chrono::seconds timeout) {
  const bool done = log.wait_for(
      engine, [](const Event& e) { return std::holds_alternative<SessionDone>(e); }, timeout);
  if (!done) return std::nullopt;
  return log.all<SessionDone>().front();
}

}  // namespace ferry::test
