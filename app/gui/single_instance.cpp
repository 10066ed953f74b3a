// SPDX-License-Identifier: Apache-2.0
#include "single_instance.hpp"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QThread>

#include <spdlog/spdlog.h>

namespace ferry::gui {

namespace {
const QString kSuffix = QStringLiteral(".request");
constexpr qint64 kMaxRequestBytes = 1 << 20;
}  // namespace

SingleInstance::SingleInstance(const QString& folder, QObject* parent)
    : QObject(parent), folder_(folder), lock_(QDir(folder).filePath(QStringLiteral("instance.lock"))) {
  QDir().mkpath(QDir(folder_).filePath(QStringLiteral("requests")));
  lock_.setStaleLockTime(0);  // a lock is stale only when its process is gone
}

bool SingleInstance::claim() { return lock_.tryLock(0); }

bool SingleInstance::hand_over(const QStringList& files, std::chrono::milliseconds wait) {
  const QString name = QDir(folder_).filePath(QStringLiteral("requests/%1-%2%3")
                                                  .arg(QCoreApplication::applicationPid())
                                                  .arg(QDateTime::currentMSecsSinceEpoch())
                                                  .arg(kSuffix));
  QSaveFile request(name);  // appears whole, under its final name, or not at all
  if (!request.open(QIODevice::WriteOnly)) return false;
  request.write(files.join(QLatin1Char('\n')).toUtf8());
  if (!request.commit()) return false;
  QElapsedTimer clock;
  clock.start();
  while (QFile::exists(name)) {
    if (clock.elapsed() > wait.count()) {
      QFile::remove(name);  // nobody took it: not left for a later Ferry to act on
      return false;
    }
    QThread::msleep(50);
  }
  return true;
}

void SingleInstance::serve() {
  const QString requests = QDir(folder_).filePath(QStringLiteral("requests"));
  watcher_.addPath(requests);
  connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, &SingleInstance::take_requests);
  poll_.setInterval(std::chrono::seconds(1));
  connect(&poll_, &QTimer::timeout, this, &SingleInstance::take_requests);
  poll_.start();
  take_requests();
}

void SingleInstance::take_requests() {
  QDir requests(QDir(folder_).filePath(QStringLiteral("requests")));
  const QStringList names = requests.entryList({QLatin1Char('*') + kSuffix}, QDir::Files, QDir::Name);
  for (const QString& name : names) {
    QFile file(requests.filePath(name));
    if (!file.open(QIODevice::ReadOnly)) continue;
    const QString text = QString::fromUtf8(file.read(kMaxRequestBytes));
    file.close();
    if (!file.remove()) spdlog::warn("cannot remove the launch request {}", file.fileName().toStdString());
    emit activated(text.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
  }
}

}  // namespace ferry::gui
