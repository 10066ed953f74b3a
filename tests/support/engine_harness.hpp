// SPDX-License-Identifier: Apache-2.0
#pragma once
// Test support: a real receiver engine and real sender engines on 127.0.0.1,
// and helpers for files on disk. Every wait is bounded.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ferry/core/identity.hpp"
#include "ferry/core/transfer_engine.hpp"

namespace ferry::test {

// Collects an engine's events and waits for them with a deadline.
class EventLog {
 public:
  void notify();
  // Waits until `match` holds for some event drained so far; false on timeout.
  template <class Predicate>
  bool wait_for(TransferEngine& engine, Predicate match, std::chrono::seconds timeout);
  std::vector<Event> events() const;
  template <class T>
  std::vector<T> all() const {
    std::vector<T> found;
    for (const auto& e : events())
      if (const auto* t = std::get_if<T>(&e)) found.push_back(*t);
    return found;
  }

 private:
  void pull(TransferEngine& engine);
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false;
  std::vector<Event> events_;
};

struct Outcome {
  std::optional<SessionDone> sender;
  std::optional<SessionDone> receiver;
  std::vector<FileDone> sender_files;
  std::vector<FileDone> receiver_files;
};

// One receiving engine listening on 127.0.0.1 with an ephemeral port. It
// accepts every offer unless settings.consent asks (tests answer themselves).
class Receiver {
 public:
  explicit Receiver(const std::filesystem::path& dir, EngineSettings settings = {.consent = ConsentPolicy::AcceptAll});
  std::uint16_t port() const { return port_; }
  TransferEngine& engine() { return *engine_; }
  EventLog& log() { return log_; }

 private:
  EventLog log_;
  std::unique_ptr<TransferEngine> engine_;
  std::uint16_t port_ = 0;
};

// Sends `paths` from a fresh engine with `settings` and waits for both ends;
// to `port` when given (a relay in front of the receiver), else the receiver's.
Outcome send_and_wait(Receiver& receiver, const std::vector<std::filesystem::path>& paths, EngineSettings settings = {},
                      std::chrono::seconds timeout = std::chrono::seconds(300), std::uint16_t port = 0,
                      SendPolicy policy = {});

// Receiver settings that pin the default sender identity with fast mode, so a
// sender asking for it (SendPolicy::fast_mode) gets it.
EngineSettings trusting_default_sender_with_fast_mode(EngineSettings settings = {.consent = ConsentPolicy::AcceptAll});

// A device identity of its own, made in a fresh folder.
std::shared_ptr<const Identity> fresh_identity(const std::string& name);
// The identity this test process sends with, or receives with, unless a test
// sets one: the same for the whole process (part files are keyed by it).
std::shared_ptr<const Identity> default_sender_identity();
std::shared_ptr<const Identity> default_receiver_identity();

// Files.
void write_random_file(const std::filesystem::path& path, std::uint64_t size, std::uint32_t seed);
void write_sparse_file(const std::filesystem::path& path, std::uint64_t size);
bool same_contents(const std::filesystem::path& a, const std::filesystem::path& b);
// Regular files under `root`, relative, '/'-separated UTF-8, sorted.
std::vector<std::string> list_files(const std::filesystem::path& root);
// A UTF-8 relative path (from list_files or an event) as a path. Windows
// would read a plain std::string in its ANSI code page instead.
std::filesystem::path utf8_path(std::string_view relative);
// A fresh folder on disk (next to the test binary, never tmpfs), removed at exit.
std::filesystem::path fresh_dir(const std::string& name);

template <class Predicate>
bool EventLog::wait_for(TransferEngine& engine, Predicate match, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    pull(engine);
    for (const auto& e : events())
      if (match(e)) return true;
    std::unique_lock lock(mutex_);
    if (!wake_.wait_until(lock, deadline, [&] { return pending_; })) return false;
  }
}

}  // namespace ferry::test
