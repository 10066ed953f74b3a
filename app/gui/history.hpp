// SPDX-License-Identifier: Apache-2.0
#pragma once
// Finished sessions, newest first, kept in a JSON file in the app's data
// folder so they survive a restart (at most kMaxEntries). A received text's
// content is not in the file: it is gone when Ferry closes.
#include <QDateTime>
#include <QList>
#include <QString>

#include <cstdint>

namespace ferry::gui {

struct HistoryEntry {
  bool sent = true;  // false: received
  QString peer;
  QString folder;  // where the files are (receive folder / source folder)
  std::uint32_t files_ok = 0;
  std::uint32_t files_failed = 0;
  std::uint32_t files_skipped = 0;  // not taken by the receiving user
  std::uint64_t bytes = 0;
  double seconds = 0;
  bool ok = false;
  QString error;   // in the user's words
  QString detail;  // the engine's technical text               // in plain words, when !ok
  QDateTime finished;
  // A text that came (or went) with the session: its length is saved, its
  // content never: `text` lives in memory only, for a received one.
  qint64 text_characters = 0;
  QString text;
};

class History {
 public:
  static constexpr int kMaxEntries = 200;

  explicit History(QString file);  // reads the file; a missing or broken one is an empty history
  const QList<HistoryEntry>& entries() const { return entries_; }
  void add(HistoryEntry entry);  // and saves
  void clear();                  // and saves

 private:
  void save() const;
  QString file_;
  QList<HistoryEntry> entries_;
};

// The history file under QStandardPaths::AppDataLocation.
QString default_history_file();

}  // namespace ferry::gui
