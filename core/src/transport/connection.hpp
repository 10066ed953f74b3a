#pragma once
// Connection: one session's TCP connection, TLS 1.3 from its first byte.
// In fast mode both sides leave TLS once the offer is accepted (a close_notify
// each way, in a fixed order so neither reads past the other's) and file bytes
// go as plain TCP, which zero-copy sends need.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>

#include "ferry/platform/byte_stream.hpp"

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

  boost::asio::ip::tcp::socket& socket() { return tls_.next_layer(); }

  // The side that connected is the TLS client.
  void async_handshake(bool connected_out, DoneHandler handler);
  // After the handshake: the peer certificate's SHA-256 (64 hex digits).
  std::string peer_fingerprint();
  // A secret both sides derive from this session's handshake (RFC 8446
  // exporter), for `label`; nullopt if OpenSSL refuses.
  std::optional<SessionKey> export_key(std::string_view label);

  // Fast mode: ends TLS, the connection stays open as plain TCP. The side that
  // accepted the offer (`first`: the sender) sends its close_notify first.
  void async_leave_tls(bool first, DoneHandler handler);
  bool encrypted() const { return encrypted_; }

  // Cancels pending operations and closes the socket, without a TLS goodbye.
  void close();
  void shutdown_send();

  // ByteStream
  boost::asio::any_io_executor get_executor() override { return tls_.get_executor(); }
  boost::asio::ip::tcp::socket* plain_socket() override { return encrypted_ ? nullptr : &socket(); }
  void async_write_all(std::span<const std::byte> bytes, Handler handler) override;
  void async_read_some(std::span<std::byte> destination, Handler handler) override;
  void async_read_all(std::span<std::byte> destination, Handler handler) override;

 private:
  boost::asio::ssl::stream<boost::asio::ip::tcp::socket> tls_;
  bool encrypted_ = true;
  std::array<std::byte, 1> probe_{};  // the read that meets the peer's close_notify
};

}  // namespace ferry
