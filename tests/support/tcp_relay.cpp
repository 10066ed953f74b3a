// SPDX-License-Identifier: Apache-2.0
#include "tcp_relay.hpp"

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <memory>
#include <vector>

namespace ferry::test {

using boost::asio::ip::tcp;

namespace {

const boost::asio::ip::address kLoopback = boost::asio::ip::make_address("127.0.0.1");

}  // namespace

struct TcpRelay::Impl {
  // One relayed connection; only the first one is limited.
  struct Link : std::enable_shared_from_this<Link> {
    Link(Impl& impl, tcp::socket client, bool limited)
        : impl(impl), client(std::move(client)), server(impl.context), limited(limited) {}

    void start() {
      server.async_connect(tcp::endpoint(kLoopback, impl.target_port),
                           [self = shared_from_this()](boost::system::error_code ec) {
                             if (ec) return self->close();
                             self->to_server();
                             self->to_client();
                           });
    }

    // Sender to receiver, counted against the budget when limited.
    void to_server() {
      client.async_read_some(
          boost::asio::buffer(up), [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
            if (ec) return self->close();
            if (self->limited && self->impl.at_limit == AtLimit::Flip) return self->flip_and_pass(n);
            const std::size_t passed =
                self->limited ? static_cast<std::size_t>(std::min<std::uint64_t>(n, self->impl.budget)) : n;
            if (self->limited) self->impl.budget -= passed;
            boost::asio::async_write(self->server, boost::asio::buffer(self->up.data(), passed),
                                     [self, n, passed](boost::system::error_code ec, std::size_t) {
                                       if (ec) return self->close();
                                       if (!self->limited || (passed == n && self->impl.budget > 0))
                                         return self->to_server();
                                       self->impl.owner.limit_reached_ = true;
                                       self->stalled = true;
                                       if (self->impl.at_limit == AtLimit::Cut) self->close();
                                       // Stall: nothing more is read, so nothing more flows.
                                     });
          });
    }

    // Relays `n` bytes, the one at the limit with its lowest bit flipped.
    void flip_and_pass(std::size_t n) {
      if (impl.budget < n) {
        up[impl.budget] ^= 0x01;
        impl.owner.limit_reached_ = true;
        limited = false;
      } else {
        impl.budget -= n;
      }
      boost::asio::async_write(server, boost::asio::buffer(up.data(), n),
                               [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                                 if (ec) return self->close();
                                 self->to_server();
                               });
    }

    // Receiver to sender, until the link stalls.
    void to_client() {
      server.async_read_some(boost::asio::buffer(down),
                             [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                               if (ec) return self->close();
                               if (self->stalled) return;
                               boost::asio::async_write(self->client, boost::asio::buffer(self->down.data(), n),
                                                        [self](boost::system::error_code ec, std::size_t) {
                                                          if (ec) return self->close();
                                                          self->to_client();
                                                        });
                             });
    }

    void close() {
      boost::system::error_code ignored;
      client.close(ignored);
      server.close(ignored);
    }

    Impl& impl;
    tcp::socket client;
    tcp::socket server;
    bool limited;
    bool stalled = false;
    std::array<char, 64 * 1024> up{};
    std::array<char, 64 * 1024> down{};
  };

  Impl(TcpRelay& owner, std::uint16_t target_port, std::uint64_t limit, AtLimit at_limit)
      : owner(owner),
        target_port(target_port),
        budget(limit),
        at_limit(at_limit),
        acceptor(context, tcp::endpoint(kLoopback, 0)) {}

  void accept() {
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;
      links.push_back(std::make_shared<Link>(*this, std::move(socket), links.empty()));
      links.back()->start();
      accept();
    });
  }

  void close() {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    for (auto& link : links) link->close();
  }

  TcpRelay& owner;
  std::uint16_t target_port;
  std::uint64_t budget;
  AtLimit at_limit;
  boost::asio::io_context context;
  tcp::acceptor acceptor;
  std::vector<std::shared_ptr<Link>> links;
};

TcpRelay::TcpRelay(std::uint16_t target_port, std::uint64_t limit, AtLimit at_limit)
    : impl_(std::make_unique<Impl>(*this, target_port, limit, at_limit)) {
  impl_->accept();
  thread_ = std::thread([this] { impl_->context.run(); });
}

TcpRelay::~TcpRelay() {
  boost::asio::post(impl_->context, [this] { impl_->close(); });
  thread_.join();
}

std::uint16_t TcpRelay::port() const { return impl_->acceptor.local_endpoint().port(); }

}  // namespace ferry::test
