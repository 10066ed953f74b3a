// SPDX-License-Identifier: Apache-2.0
// The TLS connection on real loopback sockets: a handshake with and without
// kernel TLS offered (this kernel may lack it: then OpenSSL falls back to
// user space and the connection must still work), bulk bytes both ways in
// large batches, fast mode's leave-TLS with plain bytes right behind the
// close_notify, and a peer that closes mid-record.
#include <QtTest>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/ssl/error.hpp>
#include <optional>
#include <random>
#include <vector>

#include "engine_harness.hpp"
#include "ferry/platform/kernel_tls.hpp"
#include "transport/connection.hpp"
#include "transport/tls_context.hpp"

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

std::vector<std::byte> random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 generator(seed);
  std::vector<std::byte> bytes(n);
  for (auto& b : bytes) b = static_cast<std::byte>(generator());
  return bytes;
}

// A connected pair of sockets on 127.0.0.1.
std::pair<tcp::socket, tcp::socket> socket_pair(asio::io_context& io) {
  tcp::acceptor acceptor(io, {asio::ip::address_v4::loopback(), 0});
  tcp::socket client(io);
  client.connect(acceptor.local_endpoint());
  tcp::socket server = acceptor.accept();
  return {std::move(client), std::move(server)};
}

struct Pair {
  std::shared_ptr<asio::ssl::context> client_tls;
  std::shared_ptr<asio::ssl::context> server_tls;
  std::optional<ferry::Connection> client;
  std::optional<ferry::Connection> server;
};

// Runs the io_context until `done` or 30 s.
bool run_until(asio::io_context& io, const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  io.restart();
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    if (io.run_one_for(std::chrono::milliseconds(100)) == 0) io.restart();
  }
  return done();
}

}  // namespace

class TestConnection : public QObject {
  Q_OBJECT

 private slots:
  void bulk_bytes_both_ways_data();
  void bulk_bytes_both_ways();
  void leave_tls_keeps_plain_bytes_behind_the_close_notify();
  void peer_closing_mid_record_is_a_truncated_stream();

 private:
  Pair connect_pair(asio::io_context& io, bool offer_kernel_tls);
};

Pair TestConnection::connect_pair(asio::io_context& io, bool offer_kernel_tls) {
  Pair pair;
  auto client_tls = ferry::make_tls_context(*ferry::test::default_sender_identity());
  auto server_tls = ferry::make_tls_context(*ferry::test::default_receiver_identity());
  if (!client_tls || !server_tls) return pair;
  pair.client_tls = client_tls.value();
  pair.server_tls = server_tls.value();
  auto [client_socket, server_socket] = socket_pair(io);
  pair.client.emplace(io.get_executor(), *pair.client_tls);
  pair.client->socket() = std::move(client_socket);
  pair.server.emplace(std::move(server_socket), *pair.server_tls);
  std::optional<error_code> client_done, server_done;
  pair.client->async_handshake(true, offer_kernel_tls, [&](error_code ec) { client_done = ec; });
  pair.server->async_handshake(false, false, [&](error_code ec) { server_done = ec; });
  if (!run_until(io, [&] { return client_done && server_done; }) || *client_done || *server_done) {
    qWarning("handshake: %s / %s", client_done ? client_done->message().c_str() : "unfinished",
             server_done ? server_done->message().c_str() : "unfinished");
    pair.client.reset();
  }
  return pair;
}

void TestConnection::bulk_bytes_both_ways_data() {
  QTest::addColumn<bool>("offer_kernel_tls");
  QTest::newRow("user-space TLS") << false;
  QTest::newRow("kernel TLS offered") << true;
}

void TestConnection::bulk_bytes_both_ways() {
  QFETCH(bool, offer_kernel_tls);
  asio::io_context io;
  Pair pair = connect_pair(io, offer_kernel_tls);
  QVERIFY(pair.client);
  // The kernel takes over exactly where it can; either way the peer fingerprint is known.
  QCOMPARE(pair.client->kernel_tls(), offer_kernel_tls && ferry::platform::probe_kernel_tls().available);
  QVERIFY(!pair.server->kernel_tls());
  QCOMPARE(pair.client->peer_fingerprint(), ferry::test::default_receiver_identity()->fingerprint);
  QCOMPARE(pair.server->peer_fingerprint(), ferry::test::default_sender_identity()->fingerprint);
  QCOMPARE(pair.client->plain_socket() != nullptr, pair.client->kernel_tls());
  QVERIFY(pair.server->plain_socket() == nullptr);
  // The cheapest suite both kernel and user-space TLS do well (tls_context.cpp).
  QCOMPARE(pair.client->cipher(), std::string("TLS_AES_128_GCM_SHA256"));

  // Sizes around a record and a batch, sent from both sides at once.
  for (const std::size_t size :
       {std::size_t{1}, std::size_t{16384}, std::size_t{16385}, std::size_t{3 * 1024 * 1024 + 7}}) {
    const auto up = random_bytes(size, static_cast<unsigned>(size));
    const auto down = random_bytes(size, static_cast<unsigned>(size) + 1);
    std::vector<std::byte> got_up(size), got_down(size);
    int finished = 0;
    bool failed = false;
    auto count = [&](error_code ec, std::size_t n) {
      if (ec || n != size) failed = true;
      ++finished;
    };
    pair.client->async_write_all(up, count);
    pair.server->async_read_all(got_up, count);
    pair.server->async_write_all(down, count);
    pair.client->async_read_all(got_down, count);
    QVERIFY(run_until(io, [&] { return finished == 4; }));
    QVERIFY(!failed);
    QVERIFY(got_up == up);
    QVERIFY(got_down == down);
  }
}

void TestConnection::leave_tls_keeps_plain_bytes_behind_the_close_notify() {
  asio::io_context io;
  Pair pair = connect_pair(io, false);
  QVERIFY(pair.client);
  std::optional<error_code> client_left, server_left;
  pair.server->async_leave_tls(false, [&](error_code ec) { server_left = ec; });
  pair.client->async_leave_tls(true, [&](error_code ec) { client_left = ec; });
  QVERIFY(run_until(io, [&] { return client_left && server_left; }));
  QVERIFY2(!*client_left && !*server_left, client_left->message().c_str());
  QVERIFY(!pair.client->encrypted() && !pair.server->encrypted());
  QVERIFY(pair.client->plain_socket() && pair.server->plain_socket());

  // Plain from here on: what the server reads is what the client wrote.
  const auto plain = random_bytes(200'000, 7);
  std::vector<std::byte> got(plain.size());
  int finished = 0;
  pair.client->async_write_all(plain, [&](error_code ec, std::size_t) { finished += !ec; });
  pair.server->async_read_all(got, [&](error_code ec, std::size_t) { finished += !ec; });
  QVERIFY(run_until(io, [&] { return finished == 2; }));
  QVERIFY(got == plain);
}

void TestConnection::peer_closing_mid_record_is_a_truncated_stream() {
  asio::io_context io;
  Pair pair = connect_pair(io, false);
  QVERIFY(pair.client);
  // Half a record's worth of bytes that are no record, then the client goes.
  error_code ignored;
  asio::write(pair.client->socket(), asio::buffer(std::vector<std::byte>{std::byte{23}, std::byte{3}, std::byte{3}}),
              ignored);
  pair.client->close();
  std::vector<std::byte> got(100);
  std::optional<error_code> read;
  pair.server->async_read_some(got, [&](error_code ec, std::size_t) { read = ec; });
  QVERIFY(run_until(io, [&] { return read.has_value(); }));
  QCOMPARE(*read, error_code(asio::ssl::error::stream_truncated));
}

QTEST_GUILESS_MAIN(TestConnection)
#include "test_connection.moc"
