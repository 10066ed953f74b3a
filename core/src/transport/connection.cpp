// SPDX-License-Identifier: Apache-2.0
#include "connection.hpp"

#include <openssl/err.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>

#include "../identity/certificate.hpp"
#include "ferry/platform/transfer_whole.hpp"

namespace ferry {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// Plaintext encrypted per socket write: 64 records of 16 KiB.
constexpr std::size_t kWriteBatch = 1024 * 1024;
// Ciphertext read per system call once the handshake is done; a handshake
// flight fits the smaller buffer an unauthenticated peer gets.
constexpr std::size_t kReadBatch = 512 * 1024;
constexpr std::size_t kHandshakeReadBatch = 32 * 1024;

}  // namespace

Connection::Connection(const asio::any_io_executor& executor, asio::ssl::context& tls)
    : socket_(executor), context_(tls.native_handle()) {}

Connection::Connection(asio::ip::tcp::socket socket, asio::ssl::context& tls)
    : socket_(std::move(socket)), context_(tls.native_handle()) {}

asio::ip::tcp::socket* Connection::plain_socket() { return !encrypted_ || kernel_tls_ ? &socket_ : nullptr; }

// OpenSSL reads from the record buffers always; it writes to them too, except
// while kernel TLS is being offered: then it writes to the socket itself, the
// one place it can install the kernel's keys.
error_code Connection::set_up_tls(bool connected_out, bool kernel_tls) {
  ssl_.reset(SSL_new(context_));
  BIO* reader = make_buffer_bio(buffers_);
  BIO* writer = nullptr;
  if (kernel_tls) {
    error_code ec;
    socket_.native_non_blocking(true, ec);
    if (ec) return ec;
    writer = BIO_new_socket(static_cast<int>(socket_.native_handle()), BIO_NOCLOSE);
  } else {
    writer = make_buffer_bio(buffers_);
  }
  if (!ssl_ || !reader || !writer) {
    BIO_free(reader);
    BIO_free(writer);
    return tls_failure(SSL_ERROR_SSL);
  }
  SSL_set_bio(ssl_.get(), reader, writer);
  if (kernel_tls) SSL_set_options(ssl_.get(), SSL_OP_ENABLE_KTLS);
  if (connected_out)
    SSL_set_connect_state(ssl_.get());
  else
    SSL_set_accept_state(ssl_.get());
  return {};
}

void Connection::async_handshake(bool connected_out, bool kernel_tls, DoneHandler handler) {
  if (auto ec = set_up_tls(connected_out, kernel_tls))
    return asio::post(socket_.get_executor(), [handler = std::move(handler), ec] { handler(ec); });
  asio::post(socket_.get_executor(),
             [this, handler = std::move(handler)]() mutable { handshake_step(std::move(handler)); });
}

void Connection::handshake_step(DoneHandler handler) {
  ERR_clear_error();
  const int result = SSL_do_handshake(ssl_.get());
  const int status = result == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl_.get(), result);
  const error_code failure = status == SSL_ERROR_NONE || status == SSL_ERROR_WANT_READ || status == SSL_ERROR_WANT_WRITE
                                 ? error_code()
                                 : tls_failure(status);
  // What OpenSSL wrote goes out first, whatever comes next.
  flush_then([this, status, failure, handler = std::move(handler)](error_code ec) mutable {
    if (ec || failure) return handler(ec ? ec : failure);
    if (status == SSL_ERROR_NONE) return handler(after_handshake());
    auto again = [this, handler = std::move(handler)](error_code ec) mutable {
      if (ec) return handler(ec);
      handshake_step(std::move(handler));
    };
    if (status == SSL_ERROR_WANT_READ) return fill_then(std::move(again));
    socket_.async_wait(asio::socket_base::wait_write, std::move(again));  // the socket writer is full
  });
}

// Kernel TLS engaged, or the socket writer gives way to the record buffers.
error_code Connection::after_handshake() {
  handshake_done_ = true;
  if (SSL_get_wbio(ssl_.get()) == nullptr) return tls_failure(SSL_ERROR_SSL);
  if (BIO_get_ktls_send(SSL_get_wbio(ssl_.get()))) {
    kernel_tls_ = true;
    return {};
  }
  if (BIO_method_type(SSL_get_wbio(ssl_.get())) == BIO_TYPE_SOCKET) {
    BIO* writer = make_buffer_bio(buffers_);
    if (!writer) return tls_failure(SSL_ERROR_SSL);
    SSL_set0_wbio(ssl_.get(), writer);
  }
  return {};
}

std::string Connection::peer_fingerprint() {
  X509* cert = SSL_get1_peer_certificate(ssl_.get());
  if (!cert) return {};
  unsigned char* der = nullptr;
  const int length = i2d_X509(cert, &der);
  X509_free(cert);
  if (length <= 0) return {};
  auto fingerprint = fingerprint_of_der(der, length);
  OPENSSL_free(der);
  return fingerprint;
}

std::optional<SessionKey> Connection::export_key(std::string_view label) {
  SessionKey key{};
  const std::string text(label);
  if (SSL_export_keying_material(ssl_.get(), key.data(), key.size(), text.c_str(), text.size(), nullptr, 0, 0) != 1)
    return std::nullopt;
  return key;
}

std::string Connection::cipher() const {
  const char* name = ssl_ ? SSL_get_cipher_name(ssl_.get()) : nullptr;
  return name ? name : "";
}

// The order matters: nothing plain may follow a close_notify before its
// reader has taken it. The first side sends its close_notify and waits for
// the other's; the second waits for the first's, then answers; only then does
// either side write plain bytes (the second only after plain bytes reached
// it). Plain bytes that came in the same read as the close_notify are kept
// for the first plain read.
void Connection::async_leave_tls(bool first, DoneHandler handler) {
  if (kernel_tls_) {
    return asio::post(socket_.get_executor(), [handler = std::move(handler)] {
      handler(asio::error::make_error_code(asio::error::operation_not_supported));
    });
  }
  auto done = [this, handler = std::move(handler)](error_code ec) {
    if (!ec) encrypted_ = false;
    handler(ec);
  };
  if (first) {
    return send_close_notify([this, done = std::move(done)](error_code ec) mutable {
      if (ec) return done(ec);
      await_close_notify(std::move(done));
    });
  }
  await_close_notify([this, done = std::move(done)](error_code ec) mutable {
    if (ec) return done(ec);
    send_close_notify(std::move(done));
  });
}

void Connection::send_close_notify(DoneHandler handler) {
  ERR_clear_error();
  const int result = SSL_shutdown(ssl_.get());
  const error_code failure = result < 0 ? tls_failure(SSL_get_error(ssl_.get(), result)) : error_code();
  flush_then([failure, handler = std::move(handler)](error_code ec) { handler(ec ? ec : failure); });
}

// Application data where the close_notify belongs is a protocol violation.
void Connection::await_close_notify(DoneHandler handler) {
  std::byte probe{};
  std::size_t n = 0;
  ERR_clear_error();
  const int result = SSL_read_ex(ssl_.get(), &probe, 1, &n);
  const int status = result == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl_.get(), result);
  if (status == SSL_ERROR_WANT_READ) {
    return fill_then([this, handler = std::move(handler)](error_code ec) mutable {
      if (ec) return handler(ec);
      await_close_notify(std::move(handler));
    });
  }
  const error_code ec = status == SSL_ERROR_ZERO_RETURN ? error_code()
                        : status == SSL_ERROR_NONE      ? asio::error::make_error_code(asio::error::invalid_argument)
                                                        : tls_failure(status);
  asio::post(socket_.get_executor(), [handler = std::move(handler), ec] { handler(ec); });
}

void Connection::close() {
  error_code ignored;
  // Cancel first: Wine leaves a send to a peer that stopped reading pending
  // after closesocket, and a pending operation keeps the engine's loop alive.
  socket_.cancel(ignored);
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

void Connection::shutdown_send() {
  error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

void Connection::async_write_all(std::span<const std::byte> bytes, Handler handler) {
  // A session closed during its handshake has nothing to say yet.
  if (!handshake_done_) return complete(std::move(handler), asio::error::not_connected, 0);
  if (plain_socket())
    return asio::async_write(socket_, asio::buffer(bytes.data(), bytes.size()), platform::TransferWhole{},
                             std::move(handler));
  plaintext_ = bytes;
  encrypted_bytes_ = 0;
  write_step(std::move(handler));
}

// One batch of records on its way to the socket while the next one is
// encrypted behind it: the engine encrypts while the kernel drains.
void Connection::write_step(Handler handler) {
  if (buffers_.outgoing.empty()) {
    if (auto ec = encrypt_batch()) return complete(std::move(handler), ec, 0);
    if (buffers_.outgoing.empty()) return complete(std::move(handler), {}, plaintext_.size());
  }
  writing_.swap(buffers_.outgoing);
  buffers_.outgoing.clear();
  asio::async_write(socket_, asio::buffer(writing_), platform::TransferWhole{},
                    [this, handler = std::move(handler)](error_code ec, std::size_t) mutable {
                      writing_.clear();
                      if (!ec) ec = std::exchange(encrypt_error_, {});
                      if (ec) return handler(ec, 0);
                      write_step(std::move(handler));
                    });
  encrypt_error_ = encrypt_batch();
}

// Up to one batch more of the plaintext being written into records.
error_code Connection::encrypt_batch() {
  const std::size_t n = std::min(plaintext_.size() - encrypted_bytes_, kWriteBatch);
  if (n == 0) return {};
  std::size_t written = 0;
  ERR_clear_error();
  const int result = SSL_write_ex(ssl_.get(), plaintext_.data() + encrypted_bytes_, n, &written);
  if (result != 1) return tls_failure(SSL_get_error(ssl_.get(), result));
  encrypted_bytes_ += written;
  return {};
}

void Connection::async_read_some(std::span<std::byte> destination, Handler handler) {
  if (!encrypted_) return read_plain(destination, false, std::move(handler));
  read_step(destination, 0, false, std::move(handler));
}

void Connection::async_read_all(std::span<std::byte> destination, Handler handler) {
  if (!encrypted_) return read_plain(destination, true, std::move(handler));
  read_step(destination, 0, true, std::move(handler));
}

// Decrypts what the buffered ciphertext holds; reads more from the socket
// only when that is used up and `destination` still wants bytes (all of it
// when `whole`, any when not).
void Connection::read_step(std::span<std::byte> destination, std::size_t got, bool whole, Handler handler) {
  while (got < destination.size()) {
    std::size_t n = 0;
    ERR_clear_error();
    const int result = SSL_read_ex(ssl_.get(), destination.data() + got, destination.size() - got, &n);
    if (result == 1) {
      got += n;
      continue;
    }
    const int status = SSL_get_error(ssl_.get(), result);
    if (status != SSL_ERROR_WANT_READ) {
      const error_code ec = status == SSL_ERROR_ZERO_RETURN ? error_code(asio::error::eof) : tls_failure(status);
      return complete(std::move(handler), ec, got);
    }
    if (got > 0 && !whole) break;
    return fill_then([this, destination, got, whole, handler = std::move(handler)](error_code ec) mutable {
      if (ec) return handler(ec, got);
      read_step(destination, got, whole, std::move(handler));
    });
  }
  complete(std::move(handler), {}, got);
}

// After leaving TLS: bytes that arrived behind the close_notify come first.
void Connection::read_plain(std::span<std::byte> destination, bool whole, Handler handler) {
  const auto early = buffers_.unread();
  const std::size_t taken = std::min(early.size(), destination.size());
  if (taken > 0) {
    std::memcpy(destination.data(), early.data(), taken);
    buffers_.incoming_begin += taken;
    if (!whole || taken == destination.size()) return complete(std::move(handler), {}, taken);
    return asio::async_read(
        socket_, asio::buffer(destination.data() + taken, destination.size() - taken), platform::TransferWhole{},
        [taken, handler = std::move(handler)](error_code ec, std::size_t n) { handler(ec, taken + n); });
  }
  const auto buffer = asio::buffer(destination.data(), destination.size());
  if (whole) return asio::async_read(socket_, buffer, platform::TransferWhole{}, std::move(handler));
  socket_.async_read_some(buffer, std::move(handler));
}

void Connection::flush_then(DoneHandler next) {
  if (buffers_.outgoing.empty()) {
    return asio::post(socket_.get_executor(), [next = std::move(next)] { next({}); });
  }
  writing_.swap(buffers_.outgoing);
  buffers_.outgoing.clear();
  asio::async_write(socket_, asio::buffer(writing_), platform::TransferWhole{},
                    [this, next = std::move(next)](error_code ec, std::size_t) {
                      writing_.clear();
                      next(ec);
                    });
}

void Connection::fill_then(DoneHandler next) {
  // OpenSSL asks for more only once it has taken every buffered byte; what
  // it has not taken yet would move to the front.
  // Before the first read the buffer is empty and its data() null, which
  // memmove must not be given even for zero bytes.
  const auto unread = buffers_.unread();
  if (!unread.empty()) std::memmove(buffers_.incoming.data(), unread.data(), unread.size());
  buffers_.incoming_begin = 0;
  buffers_.incoming_end = unread.size();
  const std::size_t batch = handshake_done_ ? kReadBatch : kHandshakeReadBatch;
  if (buffers_.incoming.size() < batch) buffers_.incoming.resize(batch);
  socket_.async_read_some(
      asio::buffer(buffers_.incoming.data() + buffers_.incoming_end, buffers_.incoming.size() - buffers_.incoming_end),
      [this, next = std::move(next)](error_code ec, std::size_t n) {
        // A peer that closes without a close_notify truncates the stream.
        if (ec == asio::error::eof) ec = asio::ssl::error::stream_truncated;
        buffers_.incoming_end += n;
        next(ec);
      });
}

// OpenSSL's oldest queued error, named by Asio's ssl category (its message
// is OpenSSL's reason string); a failed socket write while kernel TLS is
// offered reports errno.
error_code Connection::tls_failure(int status) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code != 0) return {static_cast<int>(code), asio::error::get_ssl_category()};
  if (status == SSL_ERROR_SYSCALL && errno != 0) return {errno, boost::system::system_category()};
  if (status == SSL_ERROR_SYSCALL) return asio::ssl::error::stream_truncated;
  return asio::ssl::error::unexpected_result;
}

void Connection::complete(Handler handler, error_code ec, std::size_t n) {
  asio::post(socket_.get_executor(), [handler = std::move(handler), ec, n] { handler(ec, n); });
}

}  // namespace ferry
