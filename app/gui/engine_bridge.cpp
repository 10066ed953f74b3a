// SPDX-License-Identifier: Apache-2.0
#include "engine_bridge.hpp"

#include <chrono>
#include <type_traits>

#include "format.hpp"

namespace ferry::gui {

namespace {
constexpr std::chrono::milliseconds kProgressInterval{100};
}

EngineBridge::EngineBridge(EngineSettings settings, QObject* parent) : QObject(parent), settings_(settings) {
  progress_timer_.setInterval(kProgressInterval);
  connect(&progress_timer_, &QTimer::timeout, this, [this] { flush_progress(); });
  engine_ = make_engine(std::move(settings));
}

std::unique_ptr<TransferEngine> EngineBridge::make_engine(EngineSettings settings) {
  return std::make_unique<TransferEngine>(std::move(settings), [this] {
    // Engine thread: wake the GUI thread once, however many events queue up.
    if (!drain_queued_.exchange(true)) QMetaObject::invokeMethod(this, &EngineBridge::drain, Qt::QueuedConnection);
  });
}

// The old engine's sessions end (cancelled) and their last events are shown
// before the new engine, confined to the new folder, takes over.
void EngineBridge::replace_engine(EngineSettings settings) {
  engine_->stop();
  drain();
  engine_ = make_engine(std::move(settings));
  if (listen_requested_) engine_->listen();
}

EngineBridge::~EngineBridge() {
  engine_.reset();  // joins the engine thread while this object is whole
}

void EngineBridge::apply_settings(EngineSettings settings) {
  if (settings.writable_folders && settings.receive_dir != settings_.receive_dir) {
    settings_ = settings;
    return replace_engine(std::move(settings));
  }
  const bool relisten =
      listen_requested_ && (settings.port != settings_.port || settings.bind_address != settings_.bind_address ||
                            settings.receive_dir != settings_.receive_dir);
  settings_ = settings;
  engine_->apply_settings(std::move(settings));
  if (relisten) engine_->listen();
}

void EngineBridge::listen() {
  listen_requested_ = true;
  engine_->listen();
}

TransferId EngineBridge::send(const QString& host, quint16 port, const QStringList& paths,
                              const QString& expected_fingerprint) {
  std::vector<std::filesystem::path> files;
  files.reserve(static_cast<std::size_t>(paths.size()));
  for (const QString& path : paths) files.emplace_back(path.toStdU16String());
  return engine_->send(host.toStdString(), port, std::move(files), SendPolicy{expected_fingerprint.toStdString()});
}

TransferId EngineBridge::send_text(const QString& host, quint16 port, const QString& text,
                                   const QString& expected_fingerprint) {
  return engine_->send(host.toStdString(), port, {}, SendPolicy{expected_fingerprint.toStdString()},
                       text.toStdString());
}

void EngineBridge::respond(TransferId id, bool accept) { engine_->respond(id, accept); }
void EngineBridge::respond(TransferId id, OfferAnswer answer) { engine_->respond(id, std::move(answer)); }
void EngineBridge::decline_unanswered(TransferId id) { engine_->decline_unanswered(id); }

void EngineBridge::cancel(TransferId id) { engine_->cancel(id); }

void EngineBridge::limit(TransferId id, std::uint64_t bytes_per_second) { engine_->limit(id, bytes_per_second); }

void EngineBridge::drain() {
  drain_queued_ = false;
  for (Event& event : engine_->drain_events()) {
    std::visit(
        [this](auto& e) {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, ListeningStarted>) {
            emit listening(from_utf8(e.address), e.port);
          } else if constexpr (std::is_same_v<T, OfferReceived>) {
            emit offer_received(e);
          } else if constexpr (std::is_same_v<T, SendPhaseChanged>) {
            emit send_phase(e);
          } else if constexpr (std::is_same_v<T, SessionStarted>) {
            emit session_started(e);
          } else if constexpr (std::is_same_v<T, Progress>) {
            pending_progress_[e.id] = e;
            if (!progress_timer_.isActive()) progress_timer_.start();
          } else if constexpr (std::is_same_v<T, FileDone>) {
            emit file_done(e);
          } else if constexpr (std::is_same_v<T, SessionDone>) {
            flush_progress(e.id);
            emit session_done(e);
          } else if constexpr (std::is_same_v<T, EngineError>) {
            emit engine_error(from_utf8(e.message));
          }
        },
        event);
  }
}

void EngineBridge::flush_progress() {
  auto pending = std::move(pending_progress_);
  pending_progress_.clear();
  progress_timer_.stop();
  for (const auto& [id, update] : pending) emit progress(update);
}

void EngineBridge::flush_progress(TransferId id) {
  if (auto it = pending_progress_.find(id); it != pending_progress_.end()) {
    const Progress update = it->second;
    pending_progress_.erase(it);
    emit progress(update);
  }
}

}  // namespace ferry::gui
