// SPDX-License-Identifier: Apache-2.0
#pragma once
// The sessions in flight and just finished, one row each (peer with its
// verification code and direction, files, size, progress bar, speed with a
// live graph, ETA, mode: encrypted or fast, status), expandable to their
// files, each with its own progress and the strategy that moved it (the
// tooltip says why). A send's own upload limit shows in its speed's tooltip.
// Every text is built from what the list was told, so a new language builds
// them all again.
#include <QElapsedTimer>
#include <QList>
#include <QTreeWidget>

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "ferry/core/events.hpp"

namespace ferry::gui {

class TransferList : public QTreeWidget {
  Q_OBJECT

 public:
  enum Column {
    TransferColumn,
    FilesColumn,
    SizeColumn,
    ProgressColumn,
    SpeedColumn,
    EtaColumn,
    ModeColumn,
    StatusColumn,
    ColumnCount
  };
  // Item data: progress in percent (-1: none) and the speed history.
  static constexpr int kPercentRole = Qt::UserRole;
  static constexpr int kSpeedHistoryRole = Qt::UserRole + 1;
  // At most this many files are listed under a session.
  static constexpr std::size_t kMaxFileRows = 5000;

  // A failure in the user's words, said in the current language when asked.
  using Wording = std::function<QString()>;

  explicit TransferList(QWidget* parent = nullptr);

  void add_outgoing(TransferId id, const QString& peer, const QStringList& paths);
  // The session `id` carries a text of `characters` characters: its row says
  // so, and a failed text send is not offered for resuming.
  void mark_text(TransferId id, qsizetype characters);
  void on_session_started(const SessionStarted& started);
  void on_progress(const Progress& progress);
  // `why`: the failure in the user's words (unused when it succeeded; the
  // engine's technical text when empty).
  void on_file_done(const FileDone& file, Wording why);
  void on_send_phase(const SendPhaseChanged& phase);
  // `why`: the failure in the user's words (unused when it succeeded).
  void on_session_done(const SessionDone& done, Wording why);

  // The selected session, when it is still running.
  std::optional<TransferId> selected_running() const;
  // The selected session, when it is a send still running (its speed can be limited).
  std::optional<TransferId> selected_running_send() const;
  // The selected session, when it is a send that failed and can be sent again.
  std::optional<TransferId> selected_resumable() const;
  // The failed send `id` was sent again: it is no longer offered for resuming.
  void mark_resumed(TransferId id);
  bool is_running(TransferId id) const;
  // A send's own upload limit (bytes per second, 0: none), as last set.
  void set_limit(TransferId id, std::uint64_t bytes_per_second);
  std::uint64_t limit_of(TransferId id) const;
  QString peer_of(TransferId id) const;
  int running_count() const;
  void clear_finished();

 signals:
  void cancel_requested(TransferId id);
  void resume_requested(TransferId id);
  void limit_requested(TransferId id);
  void running_selection_changed(bool running);
  void running_send_selection_changed(bool running_send);
  void resumable_selection_changed(bool resumable);

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  struct FinishedFile {
    FileDone file;
    Wording why;
  };
  struct Session {
    QTreeWidgetItem* item = nullptr;
    Direction direction = Direction::Send;
    QString peer;  // as the user knows it
    bool running = true;
    bool resumable = false;                    // a failed send
    bool resumed = false;                      // a failed send sent again
    std::optional<qsizetype> text_characters;  // of the text the session carries
    QStringList names;                         // of what a send offers
    std::optional<SendPhase> phase;            // of a send before it starts
    std::optional<SessionStarted> started;
    std::optional<SessionDone> ended;
    Wording why;              // of a failed session
    std::uint64_t limit = 0;  // a send's own upload limit, bytes per second
    std::uint64_t total = 0;
    std::uint64_t done = 0;
    OfferEntries entries = std::make_shared<const std::vector<OfferEntry>>();
    std::vector<std::uint64_t> bytes_before;             // per entry: bytes of the entries before it
    std::vector<QTreeWidgetItem*> file_items;            // per entry; null for folders and past the cap
    std::map<std::size_t, FinishedFile> finished_files;  // by entry
    QTreeWidgetItem* more_item = nullptr;                // "… and 3 more files"
    int more_files = 0;
    QElapsedTimer clock;
    std::uint64_t sample_bytes = 0;
    qint64 sample_ms = 0;
    double speed = 0;
    QList<QVariant> speed_history;
  };

  void retranslate();
  Session& session_for(TransferId id, Direction direction, const QString& peer);
  void show_session(const Session& session);
  QString session_status(const Session& session) const;
  void show_speed(const Session& session);
  void show_file(const Session& session, std::size_t index);
  void update_speed(Session& session);
  void update_file_rows(Session& session, std::uint32_t file_index);
  void announce_selection();
  std::optional<TransferId> selected_where(bool Session::*flag) const;

  std::map<TransferId, Session> sessions_;
};

}  // namespace ferry::gui
