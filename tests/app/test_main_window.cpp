// SPDX-License-Identifier: Apache-2.0
// The desktop app end to end, offscreen, with real engines on 127.0.0.1:
// drop-to-send, incoming offers (accept, decline, always accept pins the
// sender, an impostor is asked about), this device's code and each
// transfer's mode, the pinned devices' settings, the threshold setting
// across a restart, cancel from either side, and a part of an offer taken
// into a folder of the user's choice.
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUrl>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "app_language.hpp"
#include "engine_harness.hpp"
#include "ferry/core/protocol/messages.hpp"
#include "main_window.hpp"
#include "offer_dialog.hpp"
#include "peer_list.hpp"
#include "pinned_devices_editor.hpp"
#include "settings_dialog.hpp"
#include "threshold_editor.hpp"
#include "tcp_relay.hpp"
#include "transfer_list.hpp"
#include "trust_format.hpp"
#include "window_fixture.hpp"

using namespace ferry;
using namespace ferry::gui;
using namespace ferry::test;
using namespace ferry::app_test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr int kTransferMs = 60'000;

QString qpath(const fs::path& path) { return QString::fromStdU16String(path.u16string()); }

// Drains what a harness engine has queued, without blocking the GUI's loop.
void poll(TransferEngine& engine, EventLog& log) {
  log.wait_for(
      engine, [](const Event&) { return false; }, std::chrono::seconds(0));
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

// Sends `file` from `sender` to the window listening on `port`: the offer
// dialog the window shows (reported to `offers`), or null.
OfferDialog* offer_to_window(Sender& sender, quint16 port, const fs::path& file, QSignalSpy& offers) {
  sender.engine.send("127.0.0.1", port, {file});
  if (!offers.wait(10'000)) return nullptr;
  return offers.last().at(0).value<OfferDialog*>();
}

bool shows(const QWidget& widget, const QString& text) {
  const auto labels = widget.findChildren<QLabel*>();
  return std::any_of(labels.begin(), labels.end(), [&](const QLabel* label) { return label->text() == text; });
}

void press_settings_button(SettingsDialog* dialog, QDialogButtonBox::StandardButton which) {
  dialog->findChild<QDialogButtonBox*>()->button(which)->click();
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    qRegisterMetaType<OfferDialog*>();
    QVERIFY(english_.install(QStringLiteral("en")));  // as the app does: English plural forms ("3 files")
  }
  void init();
  void cleanup();

  void dropped_file_and_folder_arrive_and_show_in_history();
  void offer_dialog_declines_accepts_and_remembers();
  void a_part_of_an_offer_goes_where_the_user_chose();
  void impostor_is_asked_even_when_accepting_everything();
  void devices_trusted_by_name_are_asked_again();
  void fast_mode_set_for_a_pinned_device_is_used_and_shown();
  void a_device_pinned_by_ferry_cli_while_running_is_auto_accepted();
  void threshold_survives_a_restart_and_steers_the_next_file();
  void keeping_attributes_is_a_setting_that_reaches_the_engine();
  void cancel_from_either_side_leaves_no_file_data();
  void cancel_from_either_side_leaves_no_file();
  void failed_send_resumes();
  void a_failed_file_says_why_in_words();

 private:
  // A window with its settings and identity in this test's folder, listening on a free port.
  std::unique_ptr<MainWindow> open_window(quint16* port = nullptr);
  ThisDevice this_device() const;
  QString settings_file() const { return dir_->filePath(QStringLiteral("ferry.ini")); }
  fs::path config_dir() const { return fs::path(dir_->filePath(QStringLiteral("config")).toStdU16String()); }
  fs::path receive_dir() const { return fs::path(dir_->filePath(QStringLiteral("receive")).toStdU16String()); }

  std::unique_ptr<QTemporaryDir> dir_;
  AppLanguage english_;
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

ThisDevice TestMainWindow::this_device() const {
  auto device = load_this_device(config_dir(), QStringLiteral("test-window"));
  if (!device) qFatal("this device: %s", device.error().describe().c_str());
  return device.value();
}

std::unique_ptr<MainWindow> TestMainWindow::open_window(quint16* port) {
  auto window = std::make_unique<MainWindow>(std::make_unique<QSettings>(settings_file(), QSettings::IniFormat),
                                             dir_->filePath(QStringLiteral("history.json")), this_device());
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
  const QString own_code = code_of(window->device().identity->fingerprint);
  QVERIFY2(window->device_label()->text().contains(own_code), qPrintable(window->device_label()->text()));
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
  QCOMPARE(session->text(TransferList::ModeColumn), QStringLiteral("Encrypted"));
  QCOMPARE(session->text(TransferList::TransferColumn),
           QStringLiteral("↑ receiver · ") + code_of(default_receiver_identity()->fingerprint));
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
  const auto laptop = fresh_identity("laptop");
  Sender sender(EngineSettings{.device_name = "laptop", .identity = laptop});
  const auto sessions_done = [&] { return events_of<SessionDone>(sender.engine, sender.log).size(); };

  // Decline: the sender is told, nothing is written.
  OfferDialog* dialog = offer_to_window(sender, port, source / "photo.jpg", offers);
  QVERIFY(dialog);
  QVERIFY(dialog->windowTitle().contains(QStringLiteral("laptop")));
  QVERIFY(shows(*dialog, code_of(laptop->fingerprint)));
  QCOMPARE(dialog->impostor_warning(), nullptr);
  dialog->decline_button()->click();
  QTRY_COMPARE_WITH_TIMEOUT(sessions_done(), std::size_t(1), kTransferMs);
  QVERIFY(!events_of<SessionDone>(sender.engine, sender.log).back().ok);
  QCOMPARE(list_files(receive_dir()), std::vector<std::string>());

  // Accept, always: the file lands and the device is pinned from now on, in
  // the known-peers file ferry-cli shares.
  dialog = offer_to_window(sender, port, source / "photo.jpg", offers);
  QVERIFY(dialog);
  dialog->always_accept_box()->setChecked(true);
  dialog->accept_button()->click();
  QTRY_COMPARE_WITH_TIMEOUT(sessions_done(), std::size_t(2), kTransferMs);
  QVERIFY(events_of<SessionDone>(sender.engine, sender.log).back().ok);
  QVERIFY(same_contents(source / "photo.jpg", receive_dir() / "photo.jpg"));
  const std::vector<KnownPeer> pinned = {{laptop->fingerprint, "laptop", true, false}};
  QCOMPARE(window->device().pinned_peers, pinned);
  const auto saved = load_known_peers(config_dir());
  QVERIFY(saved);
  QCOMPARE(saved.value(), pinned);
  QCOMPARE(window->settings().consent, Consent::AutoAcceptTrusted);

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
  QCOMPARE(events_of<FileDone>(sender.engine, sender.log).back().resumed_bytes, fs::file_size(source / "photo.jpg"));
}

// The dialog checks Save to… against this window's engine (confined to the
// receive folder where the kernel can); the folder ticked off does not come,
// and both sides count its file as skipped. Needs the engine to apply
// OfferAnswer (take, folder).
void TestMainWindow::a_part_of_an_offer_goes_where_the_user_chose() {
  const fs::path source = fresh_dir("gui-pick-src");
  fs::create_directories(source / "trip" / "skip");
  write_random_file(source / "trip" / "keep.jpg", 100'000, 5);
  write_random_file(source / "trip" / "skip" / "big.bin", 300'000, 6);
  quint16 port = 0;
  auto window = open_window(&port);
  QVERIFY(window);
  QSignalSpy offers(window.get(), &MainWindow::offer_shown);
  Sender sender(EngineSettings{.device_name = "laptop", .identity = fresh_identity("laptop")});
  OfferDialog* dialog = offer_to_window(sender, port, source / "trip", offers);
  QVERIFY(dialog);

  if (window->bridge()->settings().writable_folders) QVERIFY(!dialog->choose_folder(QDir::rootPath()));
  const fs::path chosen = receive_dir() / "chosen";
  fs::create_directories(chosen);
  QVERIFY(dialog->choose_folder(qpath(chosen)));
  QAbstractItemModel& model = *dialog->tree()->model();
  const QModelIndex trip = model.index(0, 0);
  QCOMPARE(trip.data().toString(), QStringLiteral("trip"));
  const QModelIndex skip = model.index(0, 0, trip);  // folders first
  QCOMPARE(skip.data().toString(), QStringLiteral("skip"));
  QVERIFY(model.setData(skip, Qt::Unchecked, Qt::CheckStateRole));
  dialog->accept_button()->click();

  QTRY_COMPARE_WITH_TIMEOUT(events_of<SessionDone>(sender.engine, sender.log).size(), std::size_t(1), kTransferMs);
  const SessionDone sent = events_of<SessionDone>(sender.engine, sender.log).back();
  QVERIFY2(sent.ok, sent.error.c_str());
  QCOMPARE(sent.files_ok, 1u);
  QCOMPARE(sent.files_skipped, 1u);
  QVERIFY(same_contents(source / "trip" / "keep.jpg", chosen / "trip" / "keep.jpg"));
  QVERIFY(!fs::exists(chosen / "trip" / "skip"));
  QVERIFY(!fs::exists(receive_dir() / "trip"));
  QTRY_COMPARE_WITH_TIMEOUT(window->history_view()->topLevelItemCount(), 1, kTransferMs);
  QVERIFY(window->history_view()->topLevelItem(0)->text(2).contains(QStringLiteral("1 not taken")));
}

// A device that uses the name of a pinned one with another identity is asked
// about, warned against, and declined by default, whatever the consent.
void TestMainWindow::impostor_is_asked_even_when_accepting_everything() {
  const fs::path source = fresh_dir("gui-impostor-src");
  write_random_file(source / "invoice.pdf", 10'000, 10);
  QVERIFY(save_known_peers(config_dir(), {{fresh_identity("laptop")->fingerprint, "laptop", true, false}}));
  QSettings(settings_file(), QSettings::IniFormat).setValue(QStringLiteral("receive/consent"), QStringLiteral("all"));
  const auto impostor = fresh_identity("impostor");
  Sender sender(EngineSettings{.device_name = "laptop", .identity = impostor});
  quint16 port = 0;
  auto window = open_window(&port);
  QVERIFY(window);
  QSignalSpy offers(window.get(), &MainWindow::offer_shown);

  OfferDialog* dialog = offer_to_window(sender, port, source / "invoice.pdf", offers);
  QVERIFY(dialog);
  QVERIFY(dialog->impostor_warning());
  QVERIFY(dialog->impostor_warning()->text().contains(QStringLiteral("impostor")));
  QVERIFY(shows(*dialog, code_of(impostor->fingerprint)));
  QVERIFY(!dialog->always_accept_box()->isChecked());
  QVERIFY(dialog->decline_button()->isDefault());
  dialog->decline_button()->click();
  QTRY_COMPARE_WITH_TIMEOUT(events_of<SessionDone>(sender.engine, sender.log).size(), std::size_t(1), kTransferMs);
  QVERIFY(!events_of<SessionDone>(sender.engine, sender.log).back().ok);
  QCOMPARE(list_files(receive_dir()), std::vector<std::string>());
  QCOMPARE(window->device().pinned_peers.size(), std::size_t(1));
}

// Older versions accepted device names without asking; anyone can claim a
// name, so those are dropped and such a device is asked about again.
void TestMainWindow::devices_trusted_by_name_are_asked_again() {
  const fs::path source = fresh_dir("gui-by-name-src");
  write_random_file(source / "notes.txt", 1'000, 12);
  QSettings(settings_file(), QSettings::IniFormat)
      .setValue(QStringLiteral("receive/consent"), QStringLiteral("trusted"));
  QSettings(settings_file(), QSettings::IniFormat)
      .setValue(QStringLiteral("receive/trustedDevices"), QStringList{QStringLiteral("laptop")});
  Sender sender(EngineSettings{.device_name = "laptop", .identity = fresh_identity("laptop")});
  quint16 port = 0;
  auto window = open_window(&port);
  QVERIFY(window);
  QVERIFY(!QSettings(settings_file(), QSettings::IniFormat).contains(QStringLiteral("receive/trustedDevices")));
  QCOMPARE(window->settings().consent, Consent::AutoAcceptTrusted);
  QSignalSpy offers(window.get(), &MainWindow::offer_shown);
  OfferDialog* dialog = offer_to_window(sender, port, source / "notes.txt", offers);
  QVERIFY(dialog);
  dialog->decline_button()->click();
  QTRY_COMPARE_WITH_TIMEOUT(events_of<SessionDone>(sender.engine, sender.log).size(), std::size_t(1), kTransferMs);
}

// Fast mode ticked for a pinned receiver in Settings is saved, asked for by
// the next send, and shown on its row; Remove unpins the device.
void TestMainWindow::fast_mode_set_for_a_pinned_device_is_used_and_shown() {
  const fs::path source = fresh_dir("gui-fast-src");
  const fs::path target = fresh_dir("gui-fast-dst");
  write_random_file(source / "scan.tif", 3 * kMiB, 11);
  // The receiver grants fast mode to this window's identity; the window has
  // pinned the receiver, without fast mode so far.
  const std::string window_fingerprint = this_device().identity->fingerprint;
  Receiver receiver(target, EngineSettings{.known_peers = {{window_fingerprint, "test-window", false, true}},
                                           .consent = ConsentPolicy::AcceptAll});
  const std::string receiver_fingerprint = default_receiver_identity()->fingerprint;
  QVERIFY(save_known_peers(config_dir(), {{receiver_fingerprint, "receiver", false, false}}));
  auto window = open_window();
  QVERIFY(window);

  SettingsDialog* dialog = window->open_settings();
  QTreeWidget* pinned = dialog->pinned_devices_editor()->list();
  QCOMPARE(pinned->topLevelItemCount(), 1);
  QCOMPARE(pinned->topLevelItem(0)->text(PinnedDevicesEditor::CodeColumn), code_of(receiver_fingerprint));
  pinned->topLevelItem(0)->setCheckState(PinnedDevicesEditor::FastModeColumn, Qt::Checked);
  press_settings_button(dialog, QDialogButtonBox::Ok);
  const std::vector<KnownPeer> with_fast_mode = {{receiver_fingerprint, "receiver", false, true}};
  QCOMPARE(load_known_peers(config_dir()).value(), with_fast_mode);

  window->add_peer({QStringLiteral("receiver"), QStringLiteral("127.0.0.1"), receiver.port()});
  QSignalSpy done(window->bridge(), &EngineBridge::session_done);
  window->send_to(0, {qpath(source / "scan.tif")});
  QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTransferMs);
  QVERIFY2(done.first().at(0).value<SessionDone>().ok, done.first().at(0).value<SessionDone>().error.c_str());
  QVERIFY(same_contents(source / "scan.tif", target / "scan.tif"));
  QTreeWidgetItem* session = window->transfer_list()->topLevelItem(0);
  QCOMPARE(session->text(TransferList::ModeColumn), QStringLiteral("Fast mode"));
  QVERIFY(session->toolTip(TransferList::TransferColumn).contains(QStringLiteral("file bytes unencrypted")));

  dialog = window->open_settings();
  pinned = dialog->pinned_devices_editor()->list();
  pinned->setCurrentItem(pinned->topLevelItem(0));
  dialog->pinned_devices_editor()->remove_button()->click();
  press_settings_button(dialog, QDialogButtonBox::Ok);
  QCOMPARE(load_known_peers(config_dir()).value(), std::vector<KnownPeer>());
  QVERIFY(window->device().pinned_peers.empty());
}

// `ferry-cli trust --auto-accept` writes known-peers while the app runs: the
// app takes the new list at once (its settings panel too), and the device's
// next offer needs no answer.
void TestMainWindow::a_device_pinned_by_ferry_cli_while_running_is_auto_accepted() {
  const fs::path source = fresh_dir("gui-cli-pin-src");
  write_random_file(source / "notes.txt", 5'000, 13);
  QSettings(settings_file(), QSettings::IniFormat)
      .setValue(QStringLiteral("receive/consent"), QStringLiteral("trusted"));
  const auto laptop = fresh_identity("laptop");
  Sender sender(EngineSettings{.device_name = "laptop", .identity = laptop});
  quint16 port = 0;
  auto window = open_window(&port);
  QVERIFY(window);
  QVERIFY(window->device().pinned_peers.empty());
  SettingsDialog* dialog = window->open_settings();

  const std::vector<KnownPeer> pinned = {{laptop->fingerprint, "laptop", true, false}};
  QVERIFY(save_known_peers(config_dir(), pinned));  // what ferry-cli trust does
  QTRY_COMPARE_WITH_TIMEOUT(window->device().pinned_peers, pinned, 10'000);
  QCOMPARE(dialog->pinned_devices_editor()->list()->topLevelItemCount(), 1);

  QSignalSpy offers(window.get(), &MainWindow::offer_shown);
  QSignalSpy done(window->bridge(), &EngineBridge::session_done);
  sender.engine.send("127.0.0.1", port, {source / "notes.txt"});
  QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kTransferMs);
  QVERIFY2(done.first().at(0).value<SessionDone>().ok, done.first().at(0).value<SessionDone>().error.c_str());
  QCOMPARE(offers.count(), 0);
  QVERIFY(same_contents(source / "notes.txt", receive_dir() / "notes.txt"));
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
  // Below the threshold; inside TLS the bytes pass through user memory, so not zero-copy.
  QCOMPARE(files.last().at(0).value<FileDone>().strategy, Strategy::Buffered);
}

void TestMainWindow::keeping_attributes_is_a_setting_that_reaches_the_engine() {
  {
    auto window = open_window();
    QVERIFY(window);
    QVERIFY(window->bridge()->settings().keep_attributes);
    SettingsDialog* dialog = window->open_settings();
    QVERIFY(dialog->keep_attributes_box()->isChecked());
    dialog->keep_attributes_box()->click();
    press_settings_button(dialog, QDialogButtonBox::Ok);
    QVERIFY(!window->settings().keep_attributes);
    QVERIFY(!window->bridge()->settings().keep_attributes);
  }
  auto window = open_window();
  QVERIFY(window);
  QVERIFY(!window->bridge()->settings().keep_attributes);
  QVERIFY(!window->open_settings()->keep_attributes_box()->isChecked());
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
    sender = std::make_unique<Sender>(
        EngineSettings{.identity = default_sender_identity(), .forced_strategy = Strategy::ZeroCopy});
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
  QCOMPARE(ended.cause, FailureCause::CancelledByUser);
  QVERIFY(list->topLevelItem(0)->text(TransferList::StatusColumn).startsWith(QStringLiteral("Failed")));
  // No file under its final name; what arrived stays as a part only when the session says it resumes.
  const auto only_a_resumable_part = [&](const std::vector<std::string>& files) {
    if (files.empty()) return true;
    return ended.resumable && files.size() == 1 && files.front().ends_with(".part");
  };
  if (window_sends) {
    QTRY_VERIFY_WITH_TIMEOUT(!events_of<SessionDone>(receiver->engine(), receiver->log()).empty(), kTransferMs);
    QVERIFY(only_a_resumable_part(list_files(target)));
  } else {
    QTRY_VERIFY_WITH_TIMEOUT(!events_of<SessionDone>(sender->engine, sender->log).empty(), kTransferMs);
    QVERIFY(only_a_resumable_part(list_files(receive_dir())));
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

// The sender's file changes while the receiving user reads the offer: that
// file fails, and its row says so in a sentence, the engine's text a tooltip away.
void TestMainWindow::a_failed_file_says_why_in_words() {
  const fs::path source = fresh_dir("gui-changed-src");
  write_random_file(source / "report.txt", 100'000, 9);
  quint16 port = 0;
  auto window = open_window(&port);
  QVERIFY(window);
  QSignalSpy offers(window.get(), &MainWindow::offer_shown);
  Sender sender(EngineSettings{.device_name = "laptop", .identity = fresh_identity("laptop")});
  OfferDialog* dialog = offer_to_window(sender, port, source / "report.txt", offers);
  QVERIFY(dialog);
  write_random_file(source / "report.txt", 100'001, 10);
  dialog->accept_button()->click();
  QTRY_COMPARE_WITH_TIMEOUT(window->history_view()->topLevelItemCount(), 1, kTransferMs);

  QTreeWidgetItem* session = window->transfer_list()->topLevelItem(0);
  QVERIFY(session && session->childCount() == 1);
  const QTreeWidgetItem* file = session->child(0);
  QCOMPARE(file->text(TransferList::StatusColumn),
           QStringLiteral("Failed: A file changed at laptop while it was being sent."));
  QVERIFY2(file->toolTip(TransferList::StatusColumn).contains(QStringLiteral("Detail: ")),
           qPrintable(file->toolTip(TransferList::StatusColumn)));
  QVERIFY(!fs::exists(receive_dir() / "report.txt"));
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
