#include "tcp_relay.hpp"

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <optional>

namespace ferry::test {

using boost::asio::ip::tcp;

struct TcpRelay::Impl {
  Impl(TcpRelay& owner, std::uint16_t target_port, std::uint64_t limit, AtLimit at_limit)
      : owner(owner),
        target(boost::asio::ip::make_address("127.0.0.1"), target_port),
        budget(limit),
        at_limit(at_limit),
        acceptor(context, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)) {}

  void accept() {
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;
      client.emplace(std::move(socket));
      server.emplace(context);
      server->async_connect(target, [this](boost::system::error_code ec) {
        if (ec) return close();
        relay_to_server();
        relay_to_client();
      });
    });
  }

  // Sender to receiver, counted against the budget.
  void relay_to_server() {
    client->async_read_some(boost::asio::buffer(up), [this](boost::system::error_code ec, std::size_t n) {
      if (ec) return close();
      const std::size_t passed = static_cast<std::size_t>(std::min<std::uint64_t>(n, budget));
      budget -= passed;
      boost::asio::async_write(*server, boost::asio::buffer(up.data(), passed),
                               [this, n, passed](boost::system::error_code ec, std::size_t) {
                                 if (ec) return close();
                                 if (passed == n && budget > 0) return relay_to_server();
                                 owner.limit_reached_ = true;
                                 if (at_limit == AtLimit::Cut) close();
                                 // Stall: nothing more is read, so nothing more flows.
                               });
    });
  }

  // Receiver to sender, passed on until the limit.
  void relay_to_client() {
    server->async_read_some(boost::asio::buffer(down), [this](boost::system::error_code ec, std::size_t n) {
      if (ec) return close();
      if (owner.limit_reached_) return;
      boost::asio::async_write(*client, boost::asio::buffer(down.data(), n),
                               [this](boost::system::error_code ec, std::size_t) {
                                 if (ec) return close();
                                 relay_to_client();
                               });
    });
  }

  void close() {
    boost::system::error_code ignored;
    if (client) client->close(ignored);
    if (server) server->close(ignored);
  }

  TcpRelay& owner;
  tcp::endpoint target;
  std::uint64_t budget;
  AtLimit at_limit;
  boost::asio::io_context context;
  tcp::acceptor acceptor;
  std::optional<tcp::socket> client;
  std::optional<tcp::socket> server;
  std::array<char, 64 * 1024> up{};
  std::array<char, 64 * 1024> down{};
};

TcpRelay::TcpRelay(std::uint16_t target_port, std::uint64_t limit, AtLimit at_limit)
    : impl_(std::make_unique<Impl>(*this, target_port, limit, at_limit)) {
  impl_->accept();
  thread_ = std::thread([this] { impl_->context.run(); });
}

TcpRelay::~TcpRelay() {
  boost::asio::post(impl_->context, [this] {
    impl_->close();
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  thread_.join();
}

std::uint16_t TcpRelay::port() const { return impl_->acceptor.local_endpoint().port(); }

}  // namespace ferry::test
