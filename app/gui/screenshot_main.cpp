// ferry-screenshot OUTPUT.png: the main window during a real transfer, for
// the docs (scripts/screenshot.sh runs it under Xvfb). It sends a few large
// sparse files over 127.0.0.1 to a receiving engine in this process and
// saves the window once the transfer is well under way, its files expanded.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QThread>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "ferry/core/transfer_engine.hpp"
#include "main_window.hpp"
#include "peer_list.hpp"
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

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: ferry-screenshot OUTPUT.png\n");
    return 2;
  }
  const QString output = QString::fromLocal8Bit(argv[1]);
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
  QObject::connect(window.bridge(), &ferry::gui::EngineBridge::progress, &window, [&](const ferry::Progress& progress) {
    QTreeWidgetItem* session = list->topLevelItem(0);
    if (!session || progress.bytes_done < progress.total_bytes / 3 || ++samples < 25) return;
    session->setExpanded(true);
    list->setCurrentItem(nullptr);  // a selected row would hide the speed graph
    QTimer::singleShot(0, &window, [&] {
      const bool saved = window.grab().save(output);
      QApplication::exit(saved ? 0 : 1);
    });
  });
  QTimer::singleShot(500, &window, [&] { window.send_to(0, sources); });
  QTimer::singleShot(kGiveUpMs, &window, [] { QApplication::exit(1); });
  return QApplication::exec();
}
