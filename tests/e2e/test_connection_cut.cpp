// SPDX-License-Identifier: Apache-2.0
// Sessions that end before their time: the connection cut under a real sender
// or a real receiver mid-file, and a real session cancelled from either end.
// Each must end promptly with an error, leaving no file under its final name;
// a part file stays only when the session says it is resumable.
#include <signal.h>

#include <QtTest>
#include <atomic>
#include <filesystem>

#include "engine_harness.hpp"
#include "raw_peer.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr quint64 kMiB = 1024 * 1024;
constexpr auto kEngineWait = std::chrono::seconds(30);
// A cut session must end this quickly, whatever the strategy moving its bytes.
constexpr auto kPromptly = std::chrono::seconds(10);

// SIGPIPEs raised in this process since the test function began; counting
// them keeps one from killing the whole test.
std::atomic<int> g_sigpipes{0};
void count_sigpipe(int) { g_sigpipes.fetch_add(1, std::memory_order_relaxed); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool is_progress(const Event& e) { return std::holds_alternative<Progress>(e); }

QStringList file_list(const fs::path& root) {
  QStringList list;
  for (const auto& file : list_files(root)) list << QString::fromStdString(file);
  return list;
}

// The raw receiver's half of a session up to the first DATA frame's header.
bool accept_and_await_data(RawPeer& peer) {
  return peer.send(protocol::Hello{protocol::kVersion, "raw receiver"}) && peer.send(protocol::Accept{}) &&
         peer.expect<protocol::FileBegin>() && peer.expect<protocol::DataHeader>();
}

// The raw sender's half of a session up to ACCEPT, offering one file.
std::optional<RawPeer> offer_accepted(std::uint16_t port, std::uint64_t size) {
  auto peer = RawPeer::connect(port);
  if (!peer || !peer->send(protocol::Hello{protocol::kVersion, "raw sender"}) ||
      !peer->send(protocol::Offer{{file_entry("cut.bin", size)}}) || !peer->expect<protocol::Hello>() ||
      !peer->expect<protocol::Accept>())
    return std::nullopt;
  return peer;
}

}  // namespace

class TestConnectionCut : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void init();
  void receiver_vanishes_under_sender_data();
  void receiver_vanishes_under_sender();
  void sender_vanishes_under_receiver_data();
  void sender_vanishes_under_receiver();
  void cancel_with_a_receiver_that_stopped_reading();
  void cancel_mid_file_data();
  void cancel_mid_file();
};

void TestConnectionCut::initTestCase() {
  struct sigaction action {};
  action.sa_handler = count_sigpipe;
  sigemptyset(&action.sa_mask);
  QCOMPARE(sigaction(SIGPIPE, &action, nullptr), 0);
}

void TestConnectionCut::init() { g_sigpipes = 0; }

void TestConnectionCut::receiver_vanishes_under_sender_data() {
  QTest::addColumn<int>("strategy");
  QTest::newRow("zerocopy") << int(Strategy::ZeroCopy);
  QTest::newRow("direct") << int(Strategy::Direct);
  QTest::newRow("buffered") << int(Strategy::Buffered);
}

// A raw receiver takes 1 MiB of a 64 MiB file, then closes its socket.
void TestConnectionCut::receiver_vanishes_under_sender() {
  QFETCH(int, strategy);
  const fs::path source = fresh_dir("cut-send-src");
  write_random_file(source / "big.bin", 64 * kMiB, 1);
  RawListener listener;
  EngineSettings settings;
  settings.forced_strategy = static_cast<Strategy>(strategy);
  Sender sender(settings);
  sender.send(listener.port(), {source / "big.bin"});
  auto peer = await_offer(listener);
  QVERIFY(peer);
  QVERIFY(accept_and_await_data(*peer));
  QVERIFY(peer->skip_payload(kMiB));
  peer->close();
  const auto done = wait_session_done(sender.engine(), sender.log(), kPromptly);
  QVERIFY(done);
  QVERIFY(!done->ok);
  QCOMPARE(done->cause, FailureCause::ConnectionLost);
  QVERIFY2(done->detail.code, done->error.c_str());  // the system's error, as a value
  // A library must not raise SIGPIPE: it kills any host that keeps the default action.
  QCOMPARE(g_sigpipes.load(), 0);
}

void TestConnectionCut::sender_vanishes_under_receiver_data() {
  QTest::addColumn<quint64>("size");      // offered
  QTest::addColumn<quint64>("declared");  // by the one DATA header
  QTest::addColumn<quint64>("sent");      // bytes of payload before the cut
  // The receiver below writes buffered under 1 MiB and direct from there on.
  QTest::newRow("buffered, mid-payload") << 3 * kMiB / 4 << kMiB / 2 << kMiB / 4;
  QTest::newRow("direct, mid-payload") << 8 * kMiB << 4 * kMiB << 2 * kMiB;
  QTest::newRow("direct, between frames") << 8 * kMiB << 2 * kMiB << 2 * kMiB;
}

// A raw sender offers one file, sends part of it, then closes its socket.
void TestConnectionCut::sender_vanishes_under_receiver() {
  QFETCH(quint64, size);
  QFETCH(quint64, declared);
  QFETCH(quint64, sent);
  const fs::path target = fresh_dir("cut-receive-dst");
  Receiver receiver(target, {.direct_threshold = kMiB, .consent = ConsentPolicy::AcceptAll});
  auto peer = offer_accepted(receiver.port(), size);
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::FileBegin{0}));
  QVERIFY(peer->send(protocol::DataHeader{static_cast<std::uint32_t>(declared)}));
  QVERIFY(peer->send_bytes(std::vector<std::byte>(sent, std::byte{0x5a})));
  peer->close();
  const auto done = wait_session_done(receiver.engine(), receiver.log(), kPromptly);
  QVERIFY(done);
  QVERIFY(!done->ok);
  QCOMPARE(done->cause, FailureCause::ConnectionLost);
  QVERIFY2(done->detail.code, done->error.c_str());
  // Cut mid-payload, the detail names the file cut short, as the transfer names it.
  if (sent < declared) QCOMPARE(done->detail.subject, std::string("cut.bin"));
  QCOMPARE(file_list(target), QStringList());  // hidden part files included
}

void TestConnectionCut::cancel_mid_file_data() {
  QTest::addColumn<bool>("by_sender");
  QTest::newRow("sender cancels") << true;
  QTest::newRow("receiver cancels") << false;
}

// A real 256 MiB zero-copy transfer, cancelled right after its first Progress.
// When the receiver cancels, the sender's sendfile usually meets a reset
// connection: that must fail the session, never raise SIGPIPE.
void TestConnectionCut::cancel_mid_file() {
  QFETCH(bool, by_sender);
  const fs::path source = fresh_dir("cancel-src");
  const fs::path target = fresh_dir("cancel-dst");
  write_random_file(source / "big.bin", 256 * kMiB, 2);
  Receiver receiver(target);
  EngineSettings settings;
  settings.forced_strategy = Strategy::ZeroCopy;
  Sender sender(settings);
  const TransferId sent = sender.send(receiver.port(), {source / "big.bin"});
  if (by_sender) {
    QVERIFY(sender.log().wait_for(sender.engine(), is_progress, kEngineWait));
    sender.engine().cancel(sent);
  } else {
    QVERIFY(receiver.log().wait_for(receiver.engine(), is_progress, kEngineWait));
    receiver.engine().cancel(receiver.log().all<SessionStarted>().front().id);
  }
  const auto sender_done = wait_session_done(sender.engine(), sender.log(), kPromptly);
  const auto receiver_done = wait_session_done(receiver.engine(), receiver.log(), kPromptly);
  QVERIFY(sender_done && receiver_done);
  QVERIFY2(!sender_done->ok, "the transfer finished before the cancel arrived");
  QVERIFY(!receiver_done->ok);
  const std::string& other_error = by_sender ? receiver_done->error : sender_done->error;
  QVERIFY2(!other_error.empty(), "the other side ended without saying why");
  QCOMPARE((by_sender ? sender_done : receiver_done)->cause, FailureCause::CancelledByUser);
  QCOMPARE((by_sender ? receiver_done : sender_done)->cause, FailureCause::CancelledByPeer);
  // What arrived stays as a part for the next send exactly when both sides say so.
  const QStringList left = file_list(target);
  QVERIFY(!left.contains(QStringLiteral("big.bin")));
  QCOMPARE(receiver_done->resumable, !left.isEmpty());
  QCOMPARE(sender_done->resumable, receiver_done->resumable);
  QCOMPARE(g_sigpipes.load(), 0);
}

// A receiver that accepts and then never reads: the sender's data stalls on a
// full socket, so its cancel can wait for no frame boundary. It must still end
// promptly, and so must the engine's destructor.
void TestConnectionCut::cancel_with_a_receiver_that_stopped_reading() {
  const fs::path source = fresh_dir("cancel-stall-src");
  write_random_file(source / "big.bin", 64 * kMiB, 3);
  RawListener listener;
  EngineSettings settings;
  settings.forced_strategy = Strategy::ZeroCopy;
  const auto started = std::chrono::steady_clock::now();
  {
    Sender sender(settings);
    const TransferId sent = sender.send(listener.port(), {source / "big.bin"});
    auto peer = await_offer(listener);
    QVERIFY(peer);
    QVERIFY(accept_and_await_data(*peer));
    QTest::qWait(300);  // the socket buffers fill up
    sender.engine().cancel(sent);
    const auto done = wait_session_done(sender.engine(), sender.log(), kPromptly);
    QVERIFY(done);
    QVERIFY(!done->ok);
    QCOMPARE(done->cause, FailureCause::CancelledByUser);
  }
  QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
}

QTEST_GUILESS_MAIN(TestConnectionCut)
#include "test_connection_cut.moc"
