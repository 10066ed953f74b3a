// SPDX-License-Identifier: Apache-2.0
#pragma once
// EngineBridge: the one adapter between the engine and Qt. It owns the
// TransferEngine; the engine's notify hook (engine thread) only queues one
// drain() onto the GUI thread, which turns each event into a typed signal.
// Progress is batched: at most ten updates a second, and only for sessions
// that moved; a session's last progress always comes before its SessionDone.
// No Asio type appears here.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <map>
#include <memory>

#include "ferry/core/events.hpp"
#include "ferry/core/settings.hpp"
#include "ferry/core/transfer_engine.hpp"

Q_DECLARE_METATYPE(ferry::TransferId)
Q_DECLARE_METATYPE(ferry::OfferReceived)
Q_DECLARE_METATYPE(ferry::SendPhaseChanged)
Q_DECLARE_METATYPE(ferry::SessionStarted)
Q_DECLARE_METATYPE(ferry::Progress)
Q_DECLARE_METATYPE(ferry::FileDone)
Q_DECLARE_METATYPE(ferry::SessionDone)

namespace ferry::gui {

class EngineBridge : public QObject {
  Q_OBJECT

 public:
  explicit EngineBridge(EngineSettings settings, QObject* parent = nullptr);
  ~EngineBridge() override;

  const EngineSettings& settings() const { return settings_; }

  // Applies new settings; the next file planned uses them. Listening restarts
  // when the port, address or receive folder changed and it was listening.
  // An engine whose writes are confined (settings.writable_folders) cannot
  // take a new receive folder: it is replaced, and the transfers it had in
  // progress end as cancelled (sending them again continues them).
  void apply_settings(EngineSettings settings);
  void listen();
  // `expected_fingerprint`: when not empty, another receiver is refused.
  TransferId send(const QString& host, quint16 port, const QStringList& paths,
                  const QString& expected_fingerprint = {});
  // A text (no files) to the peer, under the same consent and identity checks.
  TransferId send_text(const QString& host, quint16 port, const QString& text,
                       const QString& expected_fingerprint = {});
  void respond(TransferId id, bool accept);
  // The same, taking a part of the offer or saving it elsewhere.
  void respond(TransferId id, OfferAnswer answer);
  void decline_unanswered(TransferId id);
  void cancel(TransferId id);
  // A sending transfer's own upload limit (bytes per second, 0: none).
  void limit(TransferId id, std::uint64_t bytes_per_second);

 signals:
  void listening(const QString& address, quint16 port);
  void offer_received(const ferry::OfferReceived& offer);
  void send_phase(const ferry::SendPhaseChanged& phase);
  void session_started(const ferry::SessionStarted& started);
  void progress(const ferry::Progress& progress);
  void file_done(const ferry::FileDone& file);
  void session_done(const ferry::SessionDone& done);
  void engine_error(const QString& message);

 private:
  std::unique_ptr<TransferEngine> make_engine(EngineSettings settings);
  void replace_engine(EngineSettings settings);
  void drain();
  void flush_progress();
  void flush_progress(TransferId id);

  EngineSettings settings_;
  bool listen_requested_ = false;
  std::atomic<bool> drain_queued_{false};
  std::map<TransferId, Progress> pending_progress_;
  QTimer progress_timer_;
  std::unique_ptr<TransferEngine> engine_;  // last: its thread calls into the members above
};

}  // namespace ferry::gui
