// SPDX-License-Identifier: Apache-2.0
#include "raw_peer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <QtTest>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <tuple>
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
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
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

// TLS 1.3 with a certificate of the raw peer's own, any peer certificate
// accepted (as the engine does; identity checks are not the raw peer's job).
SSL_CTX* raw_tls_context() {
  static SSL_CTX* const context = [] {
    const auto identity = fresh_identity("raw peer");
    SSL_CTX* ctx = SSL_CTX_new(TLS_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_set_num_tickets(ctx, 0);
    BIO* cert_bio =
        BIO_new_mem_buf(identity->certificate_pem.data(), static_cast<int>(identity->certificate_pem.size()));
    BIO* key_bio =
        BIO_new_mem_buf(identity->private_key_pem.data(), static_cast<int>(identity->private_key_pem.size()));
    X509* cert = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
    EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
    if (!cert || !key || SSL_CTX_use_certificate(ctx, cert) != 1 || SSL_CTX_use_PrivateKey(ctx, key) != 1)
      qFatal("raw peer: cannot load its certificate");
    X509_free(cert);
    EVP_PKEY_free(key);
    BIO_free(cert_bio);
    BIO_free(key_bio);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, [](int, X509_STORE_CTX*) { return 1; });
    return ctx;
  }();
  return context;
}

}  // namespace

std::optional<RawPeer> RawPeer::connect(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  const sockaddr_in address = loopback(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  return handshake(fd, true);
}

std::optional<RawPeer> RawPeer::handshake(int fd, bool as_client) {
  RawPeer peer(fd);
  peer.ssl_ = SSL_new(raw_tls_context());
  SSL_set_fd(peer.ssl_, fd);
  if ((as_client ? SSL_connect(peer.ssl_) : SSL_accept(peer.ssl_)) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  return peer;
}

RawPeer::RawPeer(int fd) : fd_(fd) {
  // Reads and writes block at most this long when the other side stalls.
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(kRawTimeout);
  const timeval limit{static_cast<time_t>(seconds.count()), 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
}

RawPeer::RawPeer(RawPeer&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), ssl_(std::exchange(other.ssl_, nullptr)), buffer_(std::move(other.buffer_)) {}

RawPeer& RawPeer::operator=(RawPeer&& other) noexcept {
  std::swap(fd_, other.fd_);
  std::swap(ssl_, other.ssl_);
  std::swap(buffer_, other.buffer_);
  return *this;
}

RawPeer::~RawPeer() { close(); }

void RawPeer::close() {
  if (ssl_) SSL_free(ssl_);
  ssl_ = nullptr;
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
    const int sent = SSL_write(ssl_, bytes.data(), static_cast<int>(std::min<std::size_t>(bytes.size(), 1 << 20)));
    if (sent <= 0) {
      ERR_clear_error();
      return false;
    }
    bytes = bytes.subspan(static_cast<std::size_t>(sent));
  }
  return true;
}

RawPeer::Status RawPeer::receive_more(Deadline deadline) {
  if (SSL_pending(ssl_) == 0 && !wait_readable(fd_, deadline)) return Status::TimedOut;
  std::byte chunk[kReceiveChunk];
  const int received = SSL_read(ssl_, chunk, sizeof chunk);
  if (received <= 0) {
    const int error = SSL_get_error(ssl_, received);
    ERR_clear_error();
    // A record that carried no application data (or the socket timed out).
    if (error == SSL_ERROR_WANT_READ)
      return std::chrono::steady_clock::now() < deadline ? Status::Frame : Status::TimedOut;
    return Status::Closed;  // close_notify, orderly close, or reset
  }
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
    Received received =
        read(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
    if (received.status == Status::Closed) return frames;
    if (received.status != Status::Frame) return std::nullopt;
    frames.push_back(std::move(received.message));
  }
}

namespace {

// Starts a non-blocking connect; whether it completed within `wait_ms`.
bool connects_within(int fd, std::uint16_t port, int wait_ms) {
  const sockaddr_in address = loopback(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) return true;
  if (errno != EINPROGRESS) qFatal("connect to 127.0.0.1:%u: %s", port, strerror(errno));
  pollfd poll_fd{fd, POLLOUT, 0};
  return ::poll(&poll_fd, 1, wait_ms) == 1;
}

// A TCP socket bound to a free port of 127.0.0.1, and the port.
std::pair<int, std::uint16_t> bound_loopback_socket() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = loopback(0);
  socklen_t size = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0)
    qFatal("cannot bind 127.0.0.1");
  return {fd, ntohs(address.sin_port)};
}

}  // namespace

RawListener::RawListener() {
  std::tie(fd_, port_) = bound_loopback_socket();
  if (::listen(fd_, 4) != 0) qFatal("cannot listen on 127.0.0.1");
}

RawListener::~RawListener() { ::close(fd_); }

std::optional<RawPeer> RawListener::accept(std::chrono::milliseconds timeout) {
  if (!wait_readable(fd_, std::chrono::steady_clock::now() + timeout)) return std::nullopt;
  const int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) return std::nullopt;
  return RawPeer::handshake(fd, false);
}

SilentListener::SilentListener() {
  std::tie(listener_, port_) = bound_loopback_socket();
  if (::listen(listener_, 0) != 0) qFatal("cannot listen on 127.0.0.1");
  // Queue connections until one stays unanswered: from then on the queue is full.
  for (int attempt = 0; attempt < 16; ++attempt) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) qFatal("socket: %s", strerror(errno));
    fillers_.push_back(fd);
    if (!connects_within(fd, port_, 300)) return;
  }
  qFatal("the accept queue of 127.0.0.1:%u never filled up", port_);
}

SilentListener::~SilentListener() {
  for (const int fd : fillers_) ::close(fd);
  ::close(listener_);
}

std::uint16_t unused_port() {
  const auto [fd, port] = bound_loopback_socket();
  ::close(fd);
  return port;
}

protocol::OfferEntry file_entry(std::string path, std::uint64_t size) {
  return {protocol::EntryKind::File, std::move(path), size, 1'700'000'000'000'000'000};
}

protocol::OfferEntry folder_entry(std::string path, std::uint64_t size) {
  return {protocol::EntryKind::Folder, std::move(path), size, 1'700'000'000'000'000'000};
}

std::optional<RawPeer> await_offer(RawListener& listener) {
  auto peer = listener.accept();
  if (!peer || !peer->expect<protocol::Hello>() || !peer->expect<protocol::Offer>()) return std::nullopt;
  return peer;
}

namespace {
EngineSettings with_identity(EngineSettings settings) {
  if (!settings.identity) settings.identity = default_sender_identity();
  return settings;
}
}  // namespace

Sender::Sender(const EngineSettings& settings) : engine_(with_identity(settings), [this] { log_.notify(); }) {}

TransferId Sender::send(std::uint16_t port, std::vector<fs::path> paths) {
  return engine_.send("127.0.0.1", port, std::move(paths));
}

std::optional<SessionDone> wait_session_done(TransferEngine& engine, EventLog& log, std::chrono::seconds timeout) {
  const bool done = log.wait_for(
      engine, [](const Event& e) { return std::holds_alternative<SessionDone>(e); }, timeout);
  if (!done) return std::nullopt;
  return log.all<SessionDone>().front();
}

}  // namespace ferry::test
