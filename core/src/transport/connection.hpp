// SPDX-License-Identifier: Apache-2.0
#pragma once
// Connection: one session's TCP connection, TLS 1.3 from its first byte.
//
// TLS runs on OpenSSL directly rather than through asio::ssl::stream, whose
// memory BIO pair writes one 16 KiB record per system call and can never let
// the kernel take over:
// - Kernel TLS (Linux, the sending side): with SSL_OP_ENABLE_KTLS and the SSL
//   writing to the socket itself, OpenSSL hands the traffic keys to the
//   kernel at the end of the handshake. From then on whatever is written to
//   the socket, sendfile(2) included, leaves as TLS records encrypted by the
//   kernel: the socket is given out as plain_socket() and file bytes never
//   pass through user memory. What arrives is still decrypted in user space
//   (OpenSSL 3.0 offloads only sending for TLS 1.3).
// - Otherwise many records per system call: records are encrypted into a
//   buffer and written to the socket in batches of up to 1 MiB, ciphertext is
//   read in batches of up to 512 KiB and decrypted out of it (RecordBuffers).
// In fast mode both sides leave TLS once the offer is accepted (a close_notify
// each way, in a fixed order so neither reads past the other's) and file bytes
// go as plain TCP, which zero-copy sends need. A connection whose sending is
// kernel TLS cannot leave TLS: the session does not ask for fast mode then.
//
// Threads: everything runs on the socket's executor; at most one write and
// one read are outstanding, as platform::ByteStream says.
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <openssl/ssl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "ferry/platform/byte_stream.hpp"
#include "record_buffers.hpp"

namespace ferry {

using SessionKey = std::array<std::uint8_t, 32>;

// The RFC 8446 exporter label of fast mode's file-digest key.
inline constexpr std::string_view kFastModeKeyLabel = "EXPORTER-ferry fast mode file digests";

class Connection final : public platform::ByteStream {
 public:
  using DoneHandler = std::function<void(boost::system::error_code)>;

  // An outgoing connection, not yet connected (connect through socket()).
  Connection(const boost::asio::any_io_executor& executor, boost::asio::ssl::context& tls);
  // An accepted one.
  Connection(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls);

  boost::asio::ip::tcp::socket& socket() { return socket_; }

  // The side that connected is the TLS client. With `kernel_tls`, OpenSSL may
  // hand this side's sending to the kernel (see kernel_tls()).
  void async_handshake(bool connected_out, bool kernel_tls, DoneHandler handler);
  // After the handshake: the peer certificate's SHA-256 (64 hex digits).
  std::string peer_fingerprint();
  // A secret both sides derive from this session's handshake (RFC 8446
  // exporter), for `label`; nullopt if OpenSSL refuses.
  std::optional<SessionKey> export_key(std::string_view label);
  // After the handshake: the kernel encrypts what this side sends.
  bool kernel_tls() const { return kernel_tls_; }
  // The negotiated cipher suite's name.
  std::string cipher() const;

  // Fast mode: ends TLS, the connection stays open as plain TCP. The side that
  // accepted the offer (`first`: the sender) sends its close_notify first.
  void async_leave_tls(bool first, DoneHandler handler);
  bool encrypted() const { return encrypted_; }

  // Cancels pending operations and closes the socket, without a TLS goodbye.
  void close();
  void shutdown_send();

  // ByteStream
  boost::asio::any_io_executor get_executor() override { return socket_.get_executor(); }
  boost::asio::ip::tcp::socket* plain_socket() override;
  void async_write_all(std::span<const std::byte> bytes, Handler handler) override;
  void async_read_some(std::span<std::byte> destination, Handler handler) override;
  void async_read_all(std::span<std::byte> destination, Handler handler) override;

 private:
  using SslPointer = std::unique_ptr<SSL, decltype(&SSL_free)>;

  boost::system::error_code set_up_tls(bool connected_out, bool kernel_tls);
  void handshake_step(DoneHandler handler);
  boost::system::error_code after_handshake();
  void write_step(Handler handler);
  boost::system::error_code encrypt_batch();
  void read_step(std::span<std::byte> destination, std::size_t got, bool whole, Handler handler);
  void await_close_notify(DoneHandler handler);
  void send_close_notify(DoneHandler handler);
  void read_plain(std::span<std::byte> destination, bool whole, Handler handler);
  // Writes the records OpenSSL produced, then `next` (always through the executor).
  void flush_then(DoneHandler next);
  // Reads the next batch of ciphertext (OpenSSL has taken all before it), then `next`.
  void fill_then(DoneHandler next);
  boost::system::error_code tls_failure(int status);
  void complete(Handler handler, boost::system::error_code ec, std::size_t n);

  boost::asio::ip::tcp::socket socket_;
  SSL_CTX* context_;
  SslPointer ssl_{nullptr, SSL_free};
  RecordBuffers buffers_;
  std::vector<std::byte> writing_;           // records on their way to the socket
  std::span<const std::byte> plaintext_;     // the write in progress
  std::size_t encrypted_bytes_ = 0;          // of plaintext_, turned into records so far
  boost::system::error_code encrypt_error_;  // of the batch encrypted during a socket write
  bool handshake_done_ = false;
  bool encrypted_ = true;
  bool kernel_tls_ = false;
};

}  // namespace ferry
