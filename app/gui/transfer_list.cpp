// SPDX-License-Identifier: Apache-2.0
#include "transfer_list.hpp"

#include <QEvent>
#include <QLocale>
#include <QContextMenuEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QStyle>

#include "failure_text.hpp"
#include "format.hpp"
#include "keyboard_menu.hpp"
#include "transfer_delegate.hpp"
#include "trust_format.hpp"

namespace ferry::gui {

namespace {

constexpr qint64 kSpeedSampleMs = 500;
constexpr int kSpeedHistoryLength = 60;  // 30 s of samples
// On a file's row: its bytes have begun to move.
constexpr int kMovingRole = Qt::UserRole;

int percent(std::uint64_t done, std::uint64_t total) {
  if (total == 0) return 100;
  return static_cast<int>(done * 100 / total);
}

QString arrow(Direction direction) {
  return direction == Direction::Send ? QStringLiteral("↑ ") : QStringLiteral("↓ ");
}

}  // namespace

TransferList::TransferList(QWidget* parent) : QTreeWidget(parent) {
  setColumnCount(ColumnCount);
  setItemDelegate(new TransferDelegate(this));
  setUniformRowHeights(true);
  setSelectionMode(QAbstractItemView::SingleSelection);
  header()->setStretchLastSection(true);
  // Narrow enough that Status, last, shows at the window's default size.
  header()->resizeSection(TransferColumn, 220);
  header()->resizeSection(FilesColumn, 50);
  header()->resizeSection(SizeColumn, 80);
  header()->resizeSection(ProgressColumn, 120);
  header()->resizeSection(SpeedColumn, 130);
  header()->resizeSection(EtaColumn, 70);
  header()->resizeSection(ModeColumn, 90);
  connect(this, &QTreeWidget::currentItemChanged, this, &TransferList::announce_selection);
  retranslate();
}

void TransferList::retranslate() {
  setHeaderLabels(
      {tr("Transfer"), tr("Files"), tr("Size"), tr("Progress"), tr("Speed"), tr("ETA"), tr("Mode"), tr("Status")});
  setAccessibleName(tr("Transfers"));
  for (const auto& [id, session] : sessions_) {
    show_session(session);
    for (std::size_t index = 0; index < session.file_items.size(); ++index) show_file(session, index);
  }
}

void TransferList::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QTreeWidget::changeEvent(event);
}

void TransferList::announce_selection() {
  emit running_selection_changed(selected_running().has_value());
  emit running_send_selection_changed(selected_running_send().has_value());
  emit resumable_selection_changed(selected_resumable().has_value());
}

TransferList::Session& TransferList::session_for(TransferId id, Direction direction, const QString& peer) {
  auto [it, added] = sessions_.try_emplace(id);
  Session& session = it->second;
  if (added) {
    session.direction = direction;
    session.peer = peer;
    session.item = new QTreeWidgetItem;
    session.item->setData(ProgressColumn, kPercentRole, 0);
    session.clock.start();
    insertTopLevelItem(0, session.item);
  }
  return session;
}

void TransferList::add_outgoing(TransferId id, const QString& peer, const QStringList& paths) {
  Session& session = session_for(id, Direction::Send, peer);
  for (const QString& path : paths) session.names.append(QFileInfo(path).fileName());
  session.phase = SendPhase::Connecting;
  show_session(session);
  setCurrentItem(session.item);
}

void TransferList::mark_text(TransferId id, qsizetype characters) {
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  it->second.text_characters = characters;
  show_session(it->second);
}

void TransferList::on_session_started(const SessionStarted& started) {
  Session& session =
      session_for(started.id, started.direction,
                  from_utf8(started.device_name.empty() ? format_endpoint(started.peer) : started.device_name));
  session.started = started;
  session.total = started.total_bytes;
  session.entries = started.entries;
  if (started.identity.trust == PeerTrust::Changed)
    session.item->setIcon(TransferColumn, style()->standardIcon(QStyle::SP_MessageBoxWarning));
  session.bytes_before.resize(session.entries->size());
  session.file_items.assign(session.entries->size(), nullptr);
  // Progress counts the files taken only: those the receiver left out add nothing before a file.
  std::uint64_t before = 0;
  std::size_t listed = 0;
  std::size_t offered_files = 0;
  for (std::size_t i = 0; i < session.entries->size(); ++i) {
    const OfferEntry& entry = (*session.entries)[i];
    session.bytes_before[i] = before;
    if (started.taken.empty() || started.taken[i]) before += entry.size;
    if (entry.kind != EntryKind::File) continue;
    ++offered_files;
    if (listed == kMaxFileRows) continue;
    auto* item = new QTreeWidgetItem(session.item);
    item->setData(ProgressColumn, kPercentRole, 0);
    session.file_items[i] = item;
    show_file(session, i);
    ++listed;
  }
  if (listed < offered_files) {
    session.more_item = new QTreeWidgetItem(session.item);
    session.more_files = static_cast<int>(offered_files - listed);
  }
  show_session(session);
  session.clock.restart();
  if (currentItem() == session.item) announce_selection();
}

// The session's row from what is known of it: who is at the other end, how
// sure we are of it, whether the file bytes are encrypted, how it went.
void TransferList::show_session(const Session& session) {
  QTreeWidgetItem* item = session.item;
  const QString names = session.names.join(QStringLiteral(", "));
  const QString text = session.text_characters
                           ? tr("Text (%n character(s))", nullptr, static_cast<int>(*session.text_characters))
                           : QString();
  if (const auto& started = session.started) {
    const QString code = from_utf8(started->identity.verification_code);
    item->setText(TransferColumn, tr("%1%2 · %3").arg(arrow(started->direction), session.peer, code));
    item->setText(ModeColumn, mode_label(started->mode, started->kernel_tls));
    item->setToolTip(ModeColumn, mode_explanation(started->mode, started->kernel_tls));
    QStringList details = {tr("%1 at %2, code %3: %4")
                               .arg(from_utf8(started->device_name), from_utf8(format_endpoint(started->peer)), code,
                                    trust_label(started->identity)),
                           mode_summary(started->mode, started->kernel_tls)};
    if (!names.isEmpty()) details.append(names);
    item->setToolTip(TransferColumn, details.join(QLatin1Char('\n')));
    item->setText(FilesColumn,
                  started->file_count == 0 && !text.isEmpty() ? text : QLocale().toString(started->file_count));
    item->setText(SizeColumn, human_bytes(started->total_bytes));
  } else {
    item->setText(TransferColumn, arrow(session.direction) + session.peer);
    item->setToolTip(TransferColumn, names);
    item->setText(FilesColumn, text);
  }
  if (session.more_item)
    session.more_item->setText(TransferColumn, tr("… and %n more file(s)", nullptr, session.more_files));
  item->setText(StatusColumn, session_status(session));
  const bool failed = session.ended && !session.ended->ok;
  const QString why = failed && session.why ? session.why() : QString();
  item->setToolTip(StatusColumn, !failed || session.ended->error.empty()
                                     ? why
                                     : tr("%1\n\nDetail: %2").arg(why, from_utf8(session.ended->error)));
  item->setToolTip(SpeedColumn, session.limit > 0
                                    ? tr("Limited to %1").arg(human_speed(static_cast<double>(session.limit)))
                                    : QString());
  show_speed(session);
}

QString TransferList::session_status(const Session& session) const {
  const bool sending = session.direction == Direction::Send;
  if (const auto& done = session.ended) {
    const QString skipped = skipped_text(done->direction, done->files_skipped);
    if (!done->ok) {
      if (session.resumed) return tr("Failed, resumed in a new transfer");
      const QString why = session.why ? session.why() : QString();
      return skipped.isEmpty() ? tr("Failed: %1").arg(why) : tr("Failed: %1 · %2").arg(why, skipped);
    }
    QStringList status = {done->data_bytes > 0 ? tr("Done in %1").arg(human_duration(done->seconds)) : tr("Done")};
    if (done->files_already_there > 0)
      status.append(tr("%n file(s) already there", nullptr, static_cast<int>(done->files_already_there)));
    if (!skipped.isEmpty()) status.append(skipped);
    return status.join(QStringLiteral(" · "));
  }
  if (session.started) return sending ? tr("Sending…") : tr("Receiving…");
  if (session.phase == SendPhase::Connecting) return tr("Connecting to %1…").arg(session.peer);
  if (session.phase) return tr("Waiting for %1 to accept…").arg(session.peer);
  return {};
}

// Speed and time left while running; the average speed of file data once done.
void TransferList::show_speed(const Session& session) {
  QTreeWidgetItem* item = session.item;
  if (const auto& done = session.ended) {
    // Speed counts file data from its first byte: not the wait for an answer,
    // nor files the receiver had already. A failed row keeps no last speed.
    const double speed = done->seconds > 0 ? static_cast<double>(done->data_bytes) / done->seconds : 0;
    item->setText(SpeedColumn, done->ok && done->data_bytes > 0 ? human_speed(speed) : QString());
    item->setText(EtaColumn, QString());
    return;
  }
  if (session.speed_history.isEmpty()) return;
  item->setText(SpeedColumn, human_speed(session.speed));
  const double left = static_cast<double>(session.total - std::min(session.done, session.total));
  item->setText(EtaColumn, session.speed > 0 ? human_duration(left / session.speed) : QStringLiteral("–"));
}

// A file's row: its name, size and how it went (or goes).
void TransferList::show_file(const Session& session, std::size_t index) {
  QTreeWidgetItem* item = session.file_items[index];
  if (!item) return;
  const OfferEntry& entry = (*session.entries)[index];
  item->setText(TransferColumn, from_utf8(entry.path));
  item->setText(SizeColumn, human_bytes(entry.size));
  const auto finished = session.finished_files.find(index);
  if (finished == session.finished_files.end()) {
    const QString skipped = session.direction == Direction::Send ? tr("Skipped by the receiver") : tr("Not taken");
    const bool moving = item->data(StatusColumn, kMovingRole).toBool();
    const bool left_out = session.ended && session.ended->ok && session.ended->files_skipped > 0;
    const QString moving_text = session.direction == Direction::Send ? tr("Sending") : tr("Receiving");
    item->setText(StatusColumn, left_out ? skipped : moving ? moving_text : QString());
    return;
  }
  const FileDone& file = finished->second.file;
  if (session.direction == Direction::Receive) item->setText(TransferColumn, from_utf8(file.path));
  if (file.ok && file.bytes > 0 && file.resumed_bytes == file.bytes) {
    item->setText(StatusColumn, tr("Already there"));
    item->setToolTip(StatusColumn, tr("The receiver already had this file, identical: nothing was sent."));
  } else if (file.ok) {
    item->setText(
        StatusColumn,
        file.resumed_bytes > 0
            ? tr("Done · %1 · resumed at %2").arg(strategy_label(file.strategy), human_bytes(file.resumed_bytes))
            : tr("Done · %1").arg(strategy_label(file.strategy)));
    item->setToolTip(StatusColumn, strategy_reason(file.strategy, file.strategy_note));
  } else {
    const QString detail = from_utf8(file.error);
    const QString why = finished->second.why ? finished->second.why() : QString();
    item->setText(StatusColumn, tr("Failed: %1").arg(why.isEmpty() ? detail : why));
    item->setToolTip(StatusColumn,
                     why.isEmpty() || detail.isEmpty() ? detail : tr("%1\n\nDetail: %2").arg(why, detail));
  }
}

void TransferList::on_progress(const Progress& progress) {
  auto it = sessions_.find(progress.id);
  if (it == sessions_.end()) return;
  Session& session = it->second;
  session.done = progress.bytes_done;
  session.total = progress.total_bytes;
  session.item->setData(ProgressColumn, kPercentRole, percent(session.done, session.total));
  update_speed(session);
  update_file_rows(session, progress.file_index);
}

void TransferList::update_speed(Session& session) {
  const qint64 now = session.clock.elapsed();
  if (now - session.sample_ms < kSpeedSampleMs) return;
  const double seconds = static_cast<double>(now - session.sample_ms) / 1000.0;
  const double recent = static_cast<double>(session.done - session.sample_bytes) / seconds;
  session.speed = session.speed_history.isEmpty() ? recent : 0.5 * session.speed + 0.5 * recent;
  session.sample_ms = now;
  session.sample_bytes = session.done;
  session.speed_history.append(session.speed);
  while (session.speed_history.size() > kSpeedHistoryLength) session.speed_history.removeFirst();
  session.item->setData(SpeedColumn, kSpeedHistoryRole, session.speed_history);
  show_speed(session);
}

void TransferList::update_file_rows(Session& session, std::uint32_t file_index) {
  if (file_index >= session.entries->size()) return;
  QTreeWidgetItem* item = session.file_items[file_index];
  if (!item || session.finished_files.contains(file_index)) return;
  const std::uint64_t size = (*session.entries)[file_index].size;
  const std::uint64_t into = session.done - std::min(session.done, session.bytes_before[file_index]);
  item->setData(ProgressColumn, kPercentRole, percent(std::min(into, size), size));
  if (item->data(StatusColumn, kMovingRole).toBool()) return;
  item->setData(StatusColumn, kMovingRole, true);
  show_file(session, file_index);
}

void TransferList::on_file_done(const FileDone& file, Wording why) {
  auto it = sessions_.find(file.id);
  if (it == sessions_.end() || file.index >= it->second.file_items.size()) return;
  Session& session = it->second;
  QTreeWidgetItem* item = session.file_items[file.index];
  if (!item) return;
  if (file.ok) item->setData(ProgressColumn, kPercentRole, 100);
  session.finished_files[file.index] = {file, std::move(why)};
  show_file(session, file.index);
}

void TransferList::on_send_phase(const SendPhaseChanged& phase) {
  auto it = sessions_.find(phase.id);
  if (it == sessions_.end() || !it->second.running) return;
  it->second.phase = phase.phase;
  show_session(it->second);
}

void TransferList::on_session_done(const SessionDone& done, Wording why) {
  auto it = sessions_.find(done.id);
  if (it == sessions_.end()) return;
  Session& session = it->second;
  session.running = false;
  session.ended = done;
  session.why = std::move(why);
  if (done.ok) {
    session.item->setData(ProgressColumn, kPercentRole, 100);
    for (std::size_t index = 0; index < session.file_items.size(); ++index) show_file(session, index);
  } else {
    session.resumable = session.direction == Direction::Send && !session.text_characters;
    session.item->setData(SpeedColumn, kSpeedHistoryRole, QVariant());
  }
  show_session(session);
  if (currentItem() == session.item) announce_selection();
}

std::optional<TransferId> TransferList::selected_resumable() const { return selected_where(&Session::resumable); }

void TransferList::mark_resumed(TransferId id) {
  auto it = sessions_.find(id);
  if (it == sessions_.end() || !it->second.resumable) return;
  it->second.resumable = false;
  it->second.resumed = true;
  show_session(it->second);
  if (currentItem() == it->second.item) announce_selection();
}

std::optional<TransferId> TransferList::selected_running() const { return selected_where(&Session::running); }

std::optional<TransferId> TransferList::selected_running_send() const {
  const auto id = selected_running();
  if (!id || sessions_.at(*id).direction != Direction::Send) return std::nullopt;
  return id;
}

void TransferList::set_limit(TransferId id, std::uint64_t bytes_per_second) {
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  it->second.limit = bytes_per_second;
  show_session(it->second);
}

std::uint64_t TransferList::limit_of(TransferId id) const {
  auto it = sessions_.find(id);
  return it == sessions_.end() ? 0 : it->second.limit;
}

QString TransferList::peer_of(TransferId id) const {
  auto it = sessions_.find(id);
  return it == sessions_.end() ? QString() : it->second.peer;
}

// The session of the selected row (or of the selected file's row) when `flag` is set.
std::optional<TransferId> TransferList::selected_where(bool Session::*flag) const {
  QTreeWidgetItem* item = currentItem();
  while (item && item->parent()) item = item->parent();
  for (const auto& [id, session] : sessions_)
    if (session.item == item && session.*flag) return id;
  return std::nullopt;
}

int TransferList::running_count() const {
  int count = 0;
  for (const auto& [id, session] : sessions_) count += session.running;
  return count;
}

bool TransferList::is_running(TransferId id) const {
  auto it = sessions_.find(id);
  return it != sessions_.end() && it->second.running;
}

void TransferList::clear_finished() {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second.running) {
      ++it;
    } else {
      delete it->second.item;
      it = sessions_.erase(it);
    }
  }
}

void TransferList::keyPressEvent(QKeyEvent* event) {
  if (is_context_menu_key(event)) {
    QContextMenuEvent menu = keyboard_menu_event(*this);
    return contextMenuEvent(&menu);
  }
  if (event->key() == Qt::Key_Delete) {
    if (auto id = selected_running()) return emit cancel_requested(*id);
  }
  QTreeWidget::keyPressEvent(event);
}

void TransferList::contextMenuEvent(QContextMenuEvent* event) {
  const auto id = selected_running();
  QMenu menu(this);
  QAction* cancel = menu.addAction(tr("Cancel transfer"));
  cancel->setEnabled(id.has_value());
  const auto resumable = selected_resumable();
  QAction* resume = menu.addAction(tr("Resume transfer"));
  resume->setEnabled(resumable.has_value());
  const auto sending = selected_running_send();
  QAction* limit = menu.addAction(tr("Limit speed…"));
  limit->setEnabled(sending.has_value());
  QAction* clear = menu.addAction(tr("Clear finished"));
  QAction* chosen = menu.exec(event->globalPos());
  if (chosen == cancel && id) emit cancel_requested(*id);
  if (chosen == resume && resumable) emit resume_requested(*resumable);
  if (chosen == limit && sending) emit limit_requested(*sending);
  if (chosen == clear) clear_finished();
}

}  // namespace ferry::gui
