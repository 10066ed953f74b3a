// SPDX-License-Identifier: Apache-2.0
// Issue 17, item 4: a name this system cannot store gets another name instead
// of refusing the whole offer, and files keep their executable bit and
// read-only flag unless the receiver turns that off.
#include <sys/stat.h>

#include <QProcess>
#include <QtTest>
#include <algorithm>
#include <filesystem>

#include "cli_receiver.hpp"
#include "engine_harness.hpp"
#include "raw_peer.hpp"

using namespace ferry;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

const std::string kTabName = "notes\tdraft.txt";
const std::string kColonName = "12:30 call.txt";
const std::string kLatin1Name = "caf\xE9.txt";  // not UTF-8: an old Linux name
// XXH3-128 of "hello".
const protocol::Digest kHelloDigest = {0xb5, 0xe9, 0xc1, 0xad, 0x07, 0x1b, 0x3e, 0x7f,
                                       0xc7, 0x79, 0xcf, 0xaa, 0x5e, 0x52, 0x38, 0x18};

mode_t mode_of(const fs::path& path) {
  struct stat facts {};
  return ::lstat(path.c_str(), &facts) == 0 ? facts.st_mode & 07777 : 0;
}

QString arg(const fs::path& path) { return QString::fromStdString(path.string()); }

// A folder "kit" of files with attributes and names Linux stores but not
// every receiver takes as they are.
fs::path make_kit(const std::string& name) {
  const fs::path kit = fresh_dir(name) / "kit";
  fs::create_directories(kit);
  std::uint32_t seed = 1;
  for (const std::string& file : {std::string("run.sh"), std::string("readonly.txt"), std::string("plain.txt"),
                                  kTabName, kColonName, kLatin1Name}) {
    write_random_file(kit / file, 1000 + seed, seed);
    ++seed;
  }
  fs::permissions(kit / "run.sh", fs::perms(0755));
  fs::permissions(kit / "readonly.txt", fs::perms(0444));
  fs::permissions(kit / "plain.txt", fs::perms(0644));
  return kit;
}

}  // namespace

class TestNamesAndAttributes : public QObject {
  Q_OBJECT
 private slots:
  void two_ferry_clis_keep_names_and_attributes();
  void a_receiver_may_leave_attributes_behind();
  void renamed_files_are_already_there_the_next_time();
  void a_name_too_long_for_linux_is_cut();
};

void TestNamesAndAttributes::two_ferry_clis_keep_names_and_attributes() {
  const fs::path kit = make_kit("names-src");
  const fs::path target = fresh_dir("names-dst");
  QProcess receiver;
  const int port = start_cli_receiver(receiver, target,
                                      {QStringLiteral("--once"), QStringLiteral("--no-announce"),
                                       QStringLiteral("--config-dir"), arg(fresh_dir("names-rcfg"))});
  QVERIFY(port != 0);
  QProcess sender;
  sender.start(QStringLiteral(FERRY_CLI_PATH),
               {QStringLiteral("send"), QStringLiteral("--config-dir"), arg(fresh_dir("names-scfg")),
                QStringLiteral("127.0.0.1:%1").arg(port), arg(kit)});
  sender.closeWriteChannel();
  QVERIFY(sender.waitForFinished(60'000));
  QVERIFY2(sender.exitCode() == 0, sender.readAllStandardError().constData());
  QVERIFY(receiver.waitForFinished(60'000));
  QCOMPARE(receiver.exitCode(), 0);

  const fs::path got = target / "kit";
  for (const char* same : {"run.sh", "readonly.txt", "plain.txt"}) QVERIFY(same_contents(kit / same, got / same));
  QVERIFY(same_contents(kit / kColonName, got / kColonName));  // Linux stores a colon
  QVERIFY(same_contents(kit / kTabName, got / "notes_draft.txt"));
  QVERIFY(same_contents(kit / kLatin1Name, got / "caf\xEF\xBF\xBD.txt"));
  QCOMPARE(list_files(got).size(), std::size_t{6});

  const mode_t run = mode_of(got / "run.sh");
  QVERIFY2((run & S_IXUSR) && (run & S_IWUSR), std::to_string(run).c_str());
  QCOMPARE(run & 0111, (run & 0444) >> 2);  // execute exactly where read is allowed
  QCOMPARE(mode_of(got / "readonly.txt") & 0222, mode_t{0});
  QCOMPARE(mode_of(got / "plain.txt") & 0111, mode_t{0});
  QVERIFY(mode_of(got / "plain.txt") & S_IWUSR);
}

void TestNamesAndAttributes::a_receiver_may_leave_attributes_behind() {
  const fs::path kit = make_kit("no-attributes-src");
  const fs::path target = fresh_dir("no-attributes-dst");
  EngineSettings settings{.consent = ConsentPolicy::AcceptAll};
  settings.keep_attributes = false;
  Receiver receiver(target, settings);
  const Outcome outcome = send_and_wait(receiver, {kit});
  QVERIFY(outcome.sender && outcome.sender->ok);
  QVERIFY(outcome.receiver && outcome.receiver->ok);
  QCOMPARE(mode_of(target / "kit" / "run.sh") & 0111, mode_t{0});
  QVERIFY(mode_of(target / "kit" / "readonly.txt") & S_IWUSR);
  QVERIFY(same_contents(kit / "run.sh", target / "kit" / "run.sh"));
}

// The ledger of delivered files and the "already there" check agree on the
// mapped names: sending the same folder again moves no byte and adds no
// numbered copy.
void TestNamesAndAttributes::renamed_files_are_already_there_the_next_time() {
  const fs::path kit = make_kit("again-src");
  const fs::path target = fresh_dir("again-dst");
  Receiver receiver(target);
  const Outcome first = send_and_wait(receiver, {kit});
  QVERIFY(first.sender && first.sender->ok);
  const Outcome second = send_and_wait(receiver, {kit});
  QVERIFY(second.sender && second.sender->ok);
  QCOMPARE(second.sender->files_already_there, 6u);
  QCOMPARE(second.sender->data_bytes, std::uint64_t{0});
  QCOMPARE(list_files(target / "kit").size(), std::size_t{6});
}

// 101 Chinese characters are 303 bytes: a name Windows stores (255 UTF-16
// units) and Linux does not (255 bytes). A hand-built sender offers it.
void TestNamesAndAttributes::a_name_too_long_for_linux_is_cut() {
  const fs::path target = fresh_dir("long-name");
  Receiver receiver(target);
  std::string long_name;
  for (int i = 0; i < 100; ++i) long_name += "\xE9\x95\xBF";  // 长
  long_name += "\xE5\x90\x8D.txt";                            // 名.txt
  auto peer = RawPeer::connect(receiver.port());
  QVERIFY(peer);
  QVERIFY(peer->send(protocol::Hello{protocol::kVersion, "windows laptop"}));
  QVERIFY(peer->expect<protocol::Hello>());
  QVERIFY(peer->send(protocol::Offer{{{protocol::EntryKind::File, "docs/" + long_name, 5, 0}}}));
  QVERIFY(peer->expect<protocol::Accept>());
  std::vector<std::byte> wire;
  protocol::encode(protocol::FileBegin{0}, wire);
  protocol::encode(protocol::DataHeader{5}, wire);
  for (char c : std::string_view("hello")) wire.push_back(static_cast<std::byte>(c));
  protocol::encode(protocol::FileEnd{0, kHelloDigest}, wire);
  QVERIFY(peer->send_bytes(wire));
  const auto result = peer->expect<protocol::FileResult>();
  QVERIFY(result);
  QVERIFY2(result->status == protocol::FileStatus::Ok, result->message.c_str());
  QVERIFY(peer->expect<protocol::Summary>());
  peer->close();
  const auto done = wait_session_done(receiver.engine(), receiver.log(), std::chrono::seconds(10));
  QVERIFY(done && done->ok);

  const auto files = list_files(target);
  QCOMPARE(files.size(), std::size_t{1});
  const std::string name = files[0].substr(std::string("docs/").size());
  QVERIFY2(name.size() <= 240 && name.starts_with("\xE9\x95\xBF") && name.ends_with(".txt") &&
               name.find('~') != std::string::npos,
           name.c_str());
  // The offer showed the name it would get.
  const auto events = receiver.log().events();
  const auto offer = std::find_if(events.begin(), events.end(),
                                  [](const Event& e) { return std::holds_alternative<OfferReceived>(e); });
  QVERIFY(offer != events.end());
  const auto& renamed = std::get<OfferReceived>(*offer).renamed;
  QCOMPARE(renamed.size(), std::size_t{1});
  QCOMPARE(renamed[0].local_path, files[0]);
}

QTEST_GUILESS_MAIN(TestNamesAndAttributes)
#include "test_names_and_attributes.moc"
