// SPDX-License-Identifier: Apache-2.0
#pragma once
// One Ferry per user. The first to start holds a lock file (QLockFile, which
// also recognises the lock of a Ferry that crashed); a later launch leaves a
// request (bring the window forward; send these files) as a small file in a
// folder the running Ferry watches, waits until it is taken, and ends. QtCore
// only: the Windows build's Qt has no QtNetwork (so no QLocalServer), and a
// folder of files works the same on both systems.
#include <QFileSystemWatcher>
#include <QLockFile>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace ferry::gui {

class SingleInstance : public QObject {
  Q_OBJECT

 public:
  // `folder`: this user's, for the lock file and the requests.
  explicit SingleInstance(const QString& folder, QObject* parent = nullptr);

  // True when this process is now the one Ferry of this user.
  bool claim();
  // In a later launch: asks the running Ferry to come forward and send
  // `files` (may be empty). True once it took the request within `wait`.
  bool hand_over(const QStringList& files, std::chrono::milliseconds wait);
  // In the running Ferry: takes requests from now on (and those waiting).
  void serve();

 signals:
  void activated(const QStringList& files);

 private:
  void take_requests();

  QString folder_;
  QLockFile lock_;
  QFileSystemWatcher watcher_;
  QTimer poll_;  // in case the folder's change notice is lost (network homes, Wine)
};

}  // namespace ferry::gui
