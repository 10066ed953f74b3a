// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the offscreen tests of the desktop app share: a window on settings of
// its own in a temporary folder (any free port, no discovery datagrams on the
// real network, a receive folder, identity and history inside), with its real
// engine started; and a real drag and drop onto a row of a list.
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUrl>
#include <filesystem>
#include <memory>

#include "engine_bridge.hpp"
#include "main_window.hpp"
#include "this_device.hpp"

namespace ferry::app_test {

class WindowFixture {
 public:
  explicit WindowFixture(QString device_name) : device_name_(std::move(device_name)) {
    QSettings store(settings_file(), QSettings::IniFormat);
    store.setValue(QStringLiteral("receive/folder"), path(QStringLiteral("receive")));
    store.setValue(QStringLiteral("network/port"), 0);  // any free port
    store.setValue(QStringLiteral("device/name"), device_name_);
    store.setValue(QStringLiteral("network/discovery"), false);  // no datagrams on the real network
  }

  bool valid() const { return dir_.isValid(); }
  QString path(const QString& name) const { return dir_.filePath(name); }
  QString settings_file() const { return path(QStringLiteral("ferry.ini")); }

  // A window on these settings with its engine listening (its port in
  // `port` when asked), or nullptr when it does not listen within 10 s.
  std::unique_ptr<gui::MainWindow> open_window(quint16* port = nullptr) const {
    const std::filesystem::path config(path(QStringLiteral("config")).toStdU16String());
    auto device = gui::load_this_device(config, device_name_);
    if (!device) qFatal("this device: %s", device.error().describe().c_str());
    auto window = std::make_unique<gui::MainWindow>(std::make_unique<QSettings>(settings_file(), QSettings::IniFormat),
                                                    path(QStringLiteral("history.json")), device.value());
    QSignalSpy listening(window->bridge(), &gui::EngineBridge::listening);
    window->start();
    if (!listening.wait(10'000)) return nullptr;
    if (port) *port = listening.first().at(1).value<quint16>();
    return window;
  }

 private:
  QTemporaryDir dir_;
  QString device_name_;
};

// A real drag of `urls` onto `row` of `list` (a peer list or the group
// list): enter, move and drop, each accepted.
inline void drop_on_row(QTreeWidget* list, int row, const QList<QUrl>& urls) {
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

}  // namespace ferry::app_test
