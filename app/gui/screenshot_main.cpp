// SPDX-License-Identifier: Apache-2.0
// ferry-screenshot [--dark] OUTPUT.png: the main window during a real
// transfer, for the docs (scripts/screenshot.sh runs it under Xvfb). It sends
// a few large sparse files over 127.0.0.1 to a receiving engine in this
// process and saves the window once the transfer is well under way, its files
// expanded. With --every-window, OUTPUT is a folder that gets the other
// windows too: main.png, offer.png (an offer from a device that claims a
// pinned device's name), settings.png, settings-advanced.png, add-peer.png.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QFile>
#include <QSettings>
#include <QThread>
#include <QTemporaryDir>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "add_peer_dialog.hpp"
#include "ferry/core/identity.hpp"
#include "ferry/core/transfer_engine.hpp"
#include "main_window.hpp"
#include "offer_dialog.hpp"
#include "peer_list.hpp"
#include "settings_dialog.hpp"
#include "theme.hpp"
#include "this_device.hpp"
#include "transfer_list.hpp"

namespace {

constexpr qint64 kFileBytes = 1ll << 30;
constexpr int kFiles = 8;
constexpr int kGiveUpMs = 120'000;

bool make_sparse_file(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.resize(kFileBytes);
}

// A device of its own, its identity and pinned peers in `config_dir`.
std::optional<ferry::gui::ThisDevice> make_device(const QString& config_dir, const QString& name) {
  auto device = ferry::gui::load_this_device(std::filesystem::path(config_dir.toStdU16String()), name);
  if (!device) {
    std::fprintf(stderr, "ferry-screenshot: %s\n", device.error().describe().c_str());
    return std::nullopt;
  }
  return std::move(device.value());
}

// An offer as a device that uses a pinned device's name with another
// identity sends it: the dialog with its warning.
ferry::OfferReceived sample_offer() {
  ferry::OfferReceived offer;
  offer.id = ferry::TransferId{1};
  offer.peer = {"192.168.1.23", 53740};
  offer.device_name = "studio-pc";
  offer.entries = std::make_shared<const std::vector<ferry::OfferEntry>>(
      std::vector<ferry::OfferEntry>{{ferry::EntryKind::Folder, "Holiday photos", 0, 0},
                                     {ferry::EntryKind::File, "Holiday photos/beach.jpg", 4200000, 0},
                                     {ferry::EntryKind::File, "Holiday photos/harbour.jpg", 3900000, 0},
                                     {ferry::EntryKind::File, "notes.txt", 1200, 0}});
  offer.total_bytes = 4200000 + 3900000 + 1200;
  offer.identity.fingerprint = std::string(64, 'a');
  offer.identity.verification_code = ferry::verification_code(offer.identity.fingerprint);
  offer.identity.trust = ferry::PeerTrust::Changed;
  return offer;
}

bool save(QWidget& widget, const QString& path) {
  widget.show();
  widget.raise();
  QApplication::processEvents();
  const bool saved = widget.grab().save(path);
  if (!saved) std::fprintf(stderr, "ferry-screenshot: cannot save %s\n", qPrintable(path));
  return saved;
}

// The windows besides the main one, each saved into `folder`.
bool save_other_windows(ferry::gui::MainWindow& window, const QDir& folder) {
  ferry::gui::OfferDialog offer(sample_offer(), std::chrono::seconds(95));
  offer.setAttribute(Qt::WA_DeleteOnClose, false);
  bool saved = save(offer, folder.filePath(QStringLiteral("offer.png")));
  offer.withdraw();
  ferry::gui::SettingsDialog* settings = window.open_settings();
  saved = save(*settings, folder.filePath(QStringLiteral("settings.png"))) && saved;
  settings->findChild<QTabWidget*>()->setCurrentIndex(2);
  saved = save(*settings, folder.filePath(QStringLiteral("settings-advanced.png"))) && saved;
  settings->close();
  ferry::gui::AddPeerDialog add_peer(&window);
  add_peer.name_edit()->setText(QStringLiteral("Office PC"));
  add_peer.address_edit()->setText(QStringLiteral("192.168.1.40"));
  saved = save(add_peer, folder.filePath(QStringLiteral("add-peer.png"))) && saved;
  return saved;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCommandLineParser parser;
  const QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Ferry's dark appearance."));
  const QCommandLineOption every_window(QStringLiteral("every-window"),
                                        QStringLiteral("Every window, into the folder OUTPUT."));
  parser.addOptions({dark, every_window});
  parser.addPositionalArgument(QStringLiteral("output"), QStringLiteral("The PNG file, or the folder."));
  parser.process(app);
  if (parser.positionalArguments().size() != 1) {
    std::fprintf(stderr, "usage: ferry-screenshot [--dark] [--every-window] OUTPUT\n");
    return 2;
  }
  ferry::gui::apply_color_scheme(parser.isSet(dark) ? ferry::gui::ColorScheme::Dark : ferry::gui::ColorScheme::Light);
  const bool all = parser.isSet(every_window);
  const QDir folder(parser.positionalArguments().constFirst());
  if (all && !folder.mkpath(QStringLiteral("."))) return 1;
  const QString output = all ? folder.filePath(QStringLiteral("main.png")) : parser.positionalArguments().constFirst();
  QTemporaryDir work;
  QDir(work.path()).mkpath(QStringLiteral("Holiday videos"));
  QStringList sources;
  for (int i = 1; i <= kFiles; ++i) {
    const QString path = work.filePath(QStringLiteral("Holiday videos/day-%1.mkv").arg(i));
    if (!make_sparse_file(path)) return 1;
  }
  sources.append(work.filePath(QStringLiteral("Holiday videos")));

  // The peer: a plain engine that accepts everything into its own folder.
  const auto peer_device = make_device(work.filePath(QStringLiteral("peer-config")), QStringLiteral("studio-pc"));
  const auto device = make_device(work.filePath(QStringLiteral("config")), QStringLiteral("laptop"));
  if (!peer_device || !device) return 1;
  ferry::EngineSettings peer_settings;
  peer_settings.device_name = "studio-pc";
  peer_settings.identity = peer_device->identity;
  peer_settings.receive_dir = std::filesystem::path(work.filePath(QStringLiteral("peer")).toStdU16String());
  peer_settings.bind_address = "127.0.0.1";
  peer_settings.consent = ferry::ConsentPolicy::AcceptAll;
  QDir().mkpath(work.filePath(QStringLiteral("peer")));
  std::unique_ptr<ferry::TransferEngine> peer;
  peer = std::make_unique<ferry::TransferEngine>(peer_settings, [] {});
  peer->listen();
  quint16 peer_port = 0;
  for (int waited = 0; peer_port == 0 && waited < 100; ++waited) {
    for (const ferry::Event& event : peer->drain_events())
      if (const auto* started = std::get_if<ferry::ListeningStarted>(&event)) peer_port = started->port;
    QThread::msleep(50);
  }
  if (peer_port == 0) return 1;

  auto store = std::make_unique<QSettings>(work.filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat);
  store->setValue(QStringLiteral("receive/folder"), work.filePath(QStringLiteral("Ferry")));
  store->setValue(QStringLiteral("device/name"), QStringLiteral("laptop"));
  store->setValue(QStringLiteral("network/port"), 0);
  store->setValue(QStringLiteral("network/discovery"), false);  // a staged picture: nothing on the real network
  ferry::gui::MainWindow window(std::move(store), work.filePath(QStringLiteral("history.json")), *device);
  window.add_peer({QStringLiteral("Studio PC"), QStringLiteral("127.0.0.1"), peer_port});
  window.resize(1100, 680);
  window.start();

  ferry::gui::TransferList* list = window.transfer_list();
  int samples = 0;
  bool taken = false;  // progress goes on while the pictures are taken
  QObject::connect(window.bridge(), &ferry::gui::EngineBridge::progress, &window, [&](const ferry::Progress& progress) {
    QTreeWidgetItem* session = list->topLevelItem(0);
    if (taken || !session || progress.bytes_done < progress.total_bytes / 3 || ++samples < 25) return;
    taken = true;
    session->setExpanded(true);
    list->setCurrentItem(nullptr);  // a selected row would hide the speed graph
    QTimer::singleShot(0, &window, [&] {
      bool saved = window.grab().save(output);
      if (all) saved = save_other_windows(window, folder) && saved;
      QApplication::exit(saved ? 0 : 1);
    });
  });
  QTimer::singleShot(500, &window, [&] { window.send_to(0, sources); });
  QTimer::singleShot(kGiveUpMs, &window, [] { QApplication::exit(1); });
  return QApplication::exec();
}
