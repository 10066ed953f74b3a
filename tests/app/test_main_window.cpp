// The desktop app end to end, offscreen, with real engines on 127.0.0.1:
// drop-to-send, incoming offers (accept, decline, always accept), the
// threshold setting across a restart, and cancel from either side.
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <filesystem>
#include <memory>

#include "engine_harness.hpp"
#include "main_window.hpp"
#include "offer_dialog.hpp"
#include "peer_list.hpp"
#include "settings_dialog.hpp"
#include "threshold_editor.hpp"
#include "tcp_relay.hpp"
#include "transfer_list.hpp"

using namespace ferry;
using namespace ferry::gui;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr int kTransferMs = 60'000;

QString qpath(const fs::path& path) { return QString::fromStdU16String(path.u16string()); }

// Drains what a harness engine has queued, without blocking the GUI's loop.
void poll(TransferEngine& engine, EventLog& log) {
  log.wait_for(engine, [](const Event&) { return false; }, std::chrono::seconds(0));
}

template <class T>
std::vector<T> events_of(TransferEngine& engine, EventLog& log) {
  poll(engine, log);
  return log.all<T>();
}

// A sending engine for the window to receive from.
struct Sender {
  explicit Sender(EngineSettings settings) : engine(std::move(settings), [this] { log.notify(); }) {}
  EventLog log;
  TransferEngine engine;
};

void drop_on_row(PeerList* list, int row, const QList<QUrl>& urls) {
  QMimeData data;
  data.setUrls(urls);
  const QPoint at = list->visualItemRect(list->topLevelItem(row)).center();
  QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(list->viewport(), &enter);
  QVERIFY(enter.isAccepted());
  QDragMoveEvent move(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(list->viewport(), &move);
  QVERIFY(move.isAccepted());
  QDropEvent drop(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(list->viewport(), &drop);
  QVERIFY(drop.isAccepted());
}

void press_settings_button(SettingsDialog* dialog, QDialogButtonBox::StandardButton which) {
  dialog->findChild<QDialogButtonBox*>()->button(which)->click();
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { qRegisterMetaType<OfferDialog*>(); }
  void init();
  void cleanup();

  void dropped_file_and_folder_arrive_and_show_in_history();
  void offer_dialog_declines_accepts_and_remembers();
  void threshold_survives_a_restart_and_steers_the_next_file();
  void cancel_from_either_side_leaves_no_file_data();
  void cancel_from_either_side_leaves_no_file();
  void failed_send_resumes();

 private:
  // A window with its settings in this test's folder, listening on a free port.
  std::unique_ptr<MainWindow> open_window(quint16* port = nullptr);
  QString settings_file() const { return dir_->filePath(QStringLiteral("ferry.ini")); }
  fs::path receive_dir() const { return fs::path(dir_->filePath(QStringLiteral("receive")).toStdU16String()); }

  std::unique_ptr<QTemporaryDir> dir_;
};

void TestMainWindow::init() {
  dir_ = std::make_unique<QTemporaryDir>();
  QVERIFY(dir_->isValid());
  QSettings store(settings_file(), QSettings::IniFormat);
  store.setValue(QStringLiteral("receive/folder"), qpath(receive_dir()));
  store.setValue(QStringLiteral("network/port"), 0);  // any free port
  store.setValue(QStringLiteral("device/name"), QStringLiteral("test-window"));
  store.setValue(QStringLiteral("network/discovery"), false);  // no datagrams on the real network
}

void TestMainWindow::cleanup() { dir_.reset(); }

std::unique_ptr<MainWindow> TestMainWindow::open_window(quint16* port) {
  auto window = std::make_unique<MainWindow>(
      std::make_unique<QSettings>(settings_file(), QSettings::IniFormat),
      dir_->filePath(QStringLiteral("history.json")));
  QSignalSpy listening(window->bridge(), &EngineBridge::listening);
  window->start();
  if (!listening.wait(10'000)) return nullptr;
  if (port) *port = listening.first().at(1).value<quint16>();
  return window;
}

void TestMainWindow::dropped_file_and_folder_arrive_and_show_in_history() {
  const fs::path source = fresh_dir("gui-drop-src");
  const fs::path target = fresh_dir("gui-drop-dst");
  write_random_file(source / "notes.bin", 3 * kMiB + 1, 1);
  fs::create_directories(source / "album" / "ünïcode");
  write_random_file(source / "album" / "a.bin", 70'000, 2);
  write_random_file(source / "album" / "ünïcode" / "b.bin", 40 * kMiB + 3, 3);
  Receiver receiver(target);
  auto window = open_window();
  QVERIFY(window);
  window->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), receiver.port()});
  QCOMPARE(window->peer_list()->topLevelItemCount(), 1);

  drop_on_row(window->peer_list(), 0,
              {QUrl::fromLocalFile(qpath(source / "notes.bin")), QUrl::fromLocalFile(qpath(source / "album"))});
  QTRY_COMPARE_WITH_TIMEOUT(window->history_view()->topLevelItemCount(), 1, kTransferMs);

  const QString result = window->history_view()->topLevelItem(0)->text(2);
  QVERIFY2(result.startsWith(QStringLiteral("3 files")), qPrintable(result));
  QTreeWidgetItem* session = window->transfer_list()->topLevelItem(0);
  QCOMPARE(session->data(TransferList::ProgressColumn, TransferList::kPercentRole).toInt(), 100);
  QVERIFY2(session->text(TransferList::StatusColumn).startsWith(QStringLiteral("Done")),
           qPrintable(session->text(TransferList::StatusColumn)));
  for (int i = 0; i < session->childCount(); ++i)
    QCOMPARE(session->child(i)->data(TransferList::ProgressColumn, TransferList::kPercentRole).toInt(), 100);
  QVERIFY(same_contents(source / "notes.bin", target / "notes.bin"));
  QVERIFY(same_contents(source / "album" / "a.bin", target / "album" / "a.bin"));
  QVERIFY(same_contents(source / "album" / "ünïcode" / "b.bin", target / "album" / "ünïcode" / "b.bin"));

  // The history is persisted: a new window shows it.
  window.reset();
  auto reopened = open_window();
  QVERIFY(reopened);
  QCOMPARE(reopened->history_view()->topLevelItemCount(), 1);
}

void TestMainWindow::offer_dialog_declines_accepts_and_remembers() {
  const fs::path source = fresh_dir("gui-offer-src");
  write_random_file(source / "photo.jpg", 200'000, 4);
  quint16 port = 0;
  auto window = open_window(&port);
  QVERIFY(window);
  QSignalSpy offers(window.get(), &MainWindow::offer_shown);
  Sender sender(EngineSettings{.device_name = "laptop"});
  const auto sessions_done = [&] { return events_of<SessionDone>(sender.engine, sender.log).size(); };

  // Decline: the sender is told, nothing is written.
  sender.engine.send("127.0.0.1", port, {source / "photo.jpg"});
  QVERIFY(offers.wait(10'000));
  auto* dialog = offers.last().at(0).value<OfferDialog*>();
  QVERIFY(dialog->windowTitle().contains(QStringLiteral("laptop")));
  dialog->decline_button()->click();
  QTRY_COMPARE_WITH_TIMEOUT(sessions_done(), std::size_t(1), kTransferMs);
  QVERIFY(!events_of<SessionDone>(sender.engine, sender.log).back().ok);
  QCOMPARE(list_files(receive_dir()), std::vector<std::string>());

  // Accept, always: the file lands and the device is trusted from now on.
  sender.engine.send("127.0.0.1", port, {source / "photo.jpg"});
  QVERIFY(offers.wait(10'000));
  dialog = offers.last().at(0).value<OfferDialog*>();
  dialog->always_accept_box()->setChecked(true);
  dialog->accept_button()->click();
  QTRY_COMPARE_WITH_TIMEOUT(sessions_done(), std::size_t(2), kTransferMs);
  QVERIFY(events_of<SessionDone>(sender.engine, sender.log).back().ok);
  QVERIFY(same_contents(source / "photo.jpg", receive_dir() / "photo.jpg"));
  QCOMPARE(window->settings().trusted_devices, QStringList{QStringLiteral("laptop")});

  // The next offer from it is accepted without a dialog, also after a restart.
  window.reset();
  window = open_window(&port);
  QVERIFY(window);
  QSignalSpy later_offers(window.get(), &MainWindow::offer_shown);
  sender.engine.send("127.0.0.1", port, {source / "photo.jpg"});
  QTRY_COMPARE_WITH_TIMEOUT(sessions_done(), std::size_t(3), kTransferMs);
  QVERIFY(events_of<SessionDone>(sender.engine, sender.log).back().ok);
  QCOMPARE(later_offers.count(), 0);
  // The same file again: the receiver has it already, so no copy is made.
  QCOMPARE(list_files(receive_dir()), std::vector<std::string>{"photo.jpg"});
  QCOMPARE(events_of<FileDone>(sender.engine, sender.log).back().resumed_bytes,
           fs::file_size(source / "photo.jpg"));
}

void TestMainWindow::threshold_survives_a_restart_and_steers_the_next_file() {
  const fs::path source = fresh_dir("gui-threshold-src");
  const fs::path target = fresh_dir("gui-threshold-dst");
  write_random_file(source / "two-mib.bin", 2 * kMiB, 5);
  Receiver receiver(target);
  {
    auto window = open_window();
    QVERIFY(window);
    SettingsDialog* dialog = window->open_settings();
    dialog->threshold_editor()->spin_box()->setValue(1);  // 1 MiB
    press_settings_button(dialog, QDialogButtonBox::Ok);
    QCOMPARE(window->settings().direct_threshold, 1 * kMiB);
  }
  auto window = open_window();
  QVERIFY(window);
  QCOMPARE(window->settings().direct_threshold, 1 * kMiB);
  QCOMPARE(window->open_settings()->threshold_editor()->threshold(), 1 * kMiB);
  window->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), receiver.port()});

  QSignalSpy files(window->bridge(), &EngineBridge::file_done);
  window->send_to(0, {qpath(source / "two-mib.bin")});
  QTRY_COMPARE_WITH_TIMEOUT(files.count(), 1, kTransferMs);
  QCOMPARE(files.last().at(0).value<FileDone>().strategy, Strategy::Direct);  // 2 MiB ≥ 1 MiB

  // Raised to 4 MiB with Apply, the running engine plans the next file anew.
  SettingsDialog* dialog = window->open_settings();
  dialog->threshold_editor()->spin_box()->setValue(4);
  press_settings_button(dialog, QDialogButtonBox::Apply);
  QSignalSpy sessions(window->bridge(), &EngineBridge::session_done);
  window->send_to(0, {qpath(source / "two-mib.bin")});
  QTRY_COMPARE_WITH_TIMEOUT(sessions.count(), 1, kTransferMs);
  QVERIFY2(sessions.last().at(0).value<SessionDone>().ok, sessions.last().at(0).value<SessionDone>().error.c_str());
  QTRY_COMPARE_WITH_TIMEOUT(files.count(), 2, kTransferMs);
  QCOMPARE(files.last().at(0).value<FileDone>().strategy, Strategy::ZeroCopy);
}

void TestMainWindow::cancel_from_either_side_leaves_no_file_data() {
  QTest::addColumn<bool>("window_sends");
  QTest::newRow("window sends, cancels") << true;
  QTest::newRow("window receives, cancels") << false;
}

void TestMainWindow::cancel_from_either_side_leaves_no_file() {
  QFETCH(bool, window_sends);
  const fs::path source = fresh_dir("gui-cancel-src");
  const fs::path target = fresh_dir("gui-cancel-dst");
  write_random_file(source / "big.bin", 256 * kMiB, 6);
  QSettings(settings_file(), QSettings::IniFormat)
      .setValue(QStringLiteral("engine/strategy"), QStringLiteral("zerocopy"));
  QSettings(settings_file(), QSettings::IniFormat).setValue(QStringLiteral("receive/consent"), QStringLiteral("all"));
  quint16 port = 0;
  auto window = open_window(&port);
  QVERIFY(window);
  QSignalSpy progress(window->bridge(), &EngineBridge::progress);
  QSignalSpy done(window->bridge(), &EngineBridge::session_done);
  std::unique_ptr<Receiver> receiver;
  std::unique_ptr<Sender> sender;
  if (window_sends) {
    receiver = std::make_unique<Receiver>(target);
    window->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), receiver->port()});
    window->send_to(0, {qpath(source / "big.bin")});
  } else {
    sender = std::make_unique<Sender>(EngineSettings{.forced_strategy = Strategy::ZeroCopy});
    sender->engine.send("127.0.0.1", port, {source / "big.bin"});
  }
  QVERIFY(progress.wait(kTransferMs));
  // Cancel as a user does: select the session, press Delete.
  TransferList* list = window->transfer_list();
  list->setCurrentItem(list->topLevelItem(0));
  QVERIFY(list->selected_running().has_value());
  QTest::keyClick(list, Qt::Key_Delete);
  QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTransferMs);
  const SessionDone ended = done.first().at(0).value<SessionDone>();
  QVERIFY2(!ended.ok, "the transfer finished before the cancel arrived");
  QVERIFY2(QString::fromStdString(ended.error).contains(QStringLiteral("cancel")), ended.error.c_str());
  QVERIFY(list->topLevelItem(0)->text(TransferList::StatusColumn).startsWith(QStringLiteral("Failed")));
  if (window_sends) {
    QTRY_VERIFY_WITH_TIMEOUT(!events_of<SessionDone>(receiver->engine(), receiver->log()).empty(), kTransferMs);
    QCOMPARE(list_files(target), std::vector<std::string>());
  } else {
    QTRY_VERIFY_WITH_TIMEOUT(!events_of<SessionDone>(sender->engine, sender->log).empty(), kTransferMs);
    QCOMPARE(list_files(receive_dir()), std::vector<std::string>());
  }
}

// A send cut mid-file shows Resume; Resume sends the files again and the
// receiver's part makes that a resume, not a second copy.
void TestMainWindow::failed_send_resumes() {
  const fs::path source = fresh_dir("gui-resume-src");
  const fs::path target = fresh_dir("gui-resume-dst");
  write_random_file(source / "film.bin", 24 * kMiB, 9);
  Receiver receiver(target);
  TcpRelay relay(receiver.port(), 13 * kMiB, TcpRelay::AtLimit::Cut);  // the first connection only
  auto window = open_window();
  QVERIFY(window);
  window->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), relay.port()});
  QSignalSpy ended(window->bridge(), &EngineBridge::session_done);
  QSignalSpy files(window->bridge(), &EngineBridge::file_done);
  window->send_to(0, {qpath(source / "film.bin")});
  QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, kTransferMs);
  QVERIFY(!ended.first().at(0).value<SessionDone>().ok);

  QAction* resume = nullptr;
  for (QAction* action : window->findChildren<QAction*>())
    if (action->text() == QStringLiteral("&Resume Transfer")) resume = action;
  QVERIFY(resume);
  TransferList* transfers = window->transfer_list();
  transfers->setCurrentItem(transfers->topLevelItem(0));
  QVERIFY(resume->isEnabled());
  resume->trigger();
  QVERIFY(!resume->isEnabled());  // the failed row is resumed once
  QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, kTransferMs);
  QVERIFY(ended.last().at(0).value<SessionDone>().ok);
  const FileDone film = files.last().at(0).value<FileDone>();
  QVERIFY2(film.ok && film.resumed_bytes >= 2 * protocol::kResumeBlockBytes,
           std::to_string(film.resumed_bytes).c_str());
  QVERIFY(same_contents(source / "film.bin", target / "film.bin"));
  QCOMPARE(list_files(target), std::vector<std::string>{"film.bin"});
  // The file's row says it was resumed.
  QStringList statuses;
  for (int row = 0; row < transfers->topLevelItemCount(); ++row)
    for (int child = 0; child < transfers->topLevelItem(row)->childCount(); ++child)
      statuses << transfers->topLevelItem(row)->child(child)->text(TransferList::StatusColumn);
  QVERIFY2(statuses.filter(QStringLiteral("resumed at")).size() == 1, qPrintable(statuses.join(u'|')));
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
