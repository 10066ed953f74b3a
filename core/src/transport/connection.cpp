#include "connection.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "../identity/certificate.hpp"
#include "ferry/platform/transfer_whole.hpp"

namespace ferry {

namespace asio = boost::asio;

Connection::Connection(const asio::any_io_executor& executor, asio::ssl::context& tls)
    : tls_(asio::ip::tcp::socket(executor), tls) {}

Connection::Connection(asio::ip::tcp::socket socket, asio::ssl::context& tls) : tls_(std::move(socket), tls) {}

void Connection::async_handshake(bool connected_out, DoneHandler handler) {
  tls_.async_handshake(connected_out ? asio::ssl::stream_base::client : asio::ssl::stream_base::server,
                       std::move(handler));
}

std::string Connection::peer_fingerprint() {
  X509* cert = SSL_get1_peer_certificate(tls_.native_handle());
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
  if (SSL_export_keying_material(tls_.native_handle(), key.data(), key.size(), text.c_str(),
                                 text.size(), nullptr, 0, 0) != 1)
    return std::nullopt;
  return key;
}

// The order matters: asio reads whatever the socket holds, so nothing plain
// may follow a close_notify before its reader has taken it. The first side
// sends its close_notify and waits for the other's; the second waits for the
// first's, then answers; only then does either side write plain bytes (the
// second only after plain bytes reached it).
void Connection::async_leave_tls(bool first, DoneHandler handler) {
  auto done = [this, handler = std::move(handler)](boost::system::error_code ec) {
    if (!ec) encrypted_ = false;
    handler(ec);
  };
  if (first) return tls_.async_shutdown(std::move(done));
  tls_.async_read_some(asio::buffer(probe_), [this, done = std::move(done)](boost::system::error_code ec,
                                                                            std::size_t n) mutable {
    if (!ec && n > 0) return done(asio::error::make_error_code(asio::error::invalid_argument));
    if (ec != asio::error::eof) return done(ec);
    tls_.async_shutdown(std::move(done));
  });
}

void Connection::close() {
  boost::system::error_code ignored;
  // Cancel first: Wine leaves a send to a peer that stopped reading pending
  // after closesocket, and a pending operation keeps the engine's loop alive.
  socket().cancel(ignored);
  socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket().close(ignored);
}

void Connection::shutdown_send() {
  boost::system::error_code ignored;
  socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

void Connection::async_write_all(std::span<const std::byte> bytes, Handler handler) {
  const auto buffer = asio::buffer(bytes.data(), bytes.size());
  if (encrypted_) return asio::async_write(tls_, buffer, std::move(handler));
  asio::async_write(socket(), buffer, platform::TransferWhole{}, std::move(handler));
}

void Connection::async_read_some(std::span<std::byte> destination, Handler handler) {
  const auto buffer = asio::buffer(destination.data(), destination.size());
  if (encrypted_) return tls_.async_read_some(buffer, std::move(handler));
  socket().async_read_some(buffer, std::move(handler));
}

void Connection::async_read_all(std::span<std::byte> destination, Handler handler) {
  const auto buffer = asio::buffer(destination.data(), destination.size());
  if (encrypted_) return asio::async_read(tls_, buffer, std::move(handler));
  asio::async_read(socket(), buffer, platform::TransferWhole{}, std::move(handler));
}

}  // namespace ferry
