// SPDX-License-Identifier: Apache-2.0
#include "engine_harness.hpp"

#include <QtTest>
#include <algorithm>
#include <atomic>
#include <fstream>
#include <random>

namespace ferry::test {
namespace fs = std::filesystem;

void EventLog::notify() {
  std::lock_guard lock(mutex_);
  pending_ = true;
  wake_.notify_all();
}

void EventLog::pull(TransferEngine& engine) {
  {
    std::lock_guard lock(mutex_);
    pending_ = false;
  }
  auto drained = engine.drain_events();
  std::lock_guard lock(mutex_);
  events_.insert(events_.end(), drained.begin(), drained.end());
}

std::vector<Event> EventLog::events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

std::shared_ptr<const Identity> fresh_identity(const std::string& name) {
  static std::atomic<int> made{0};
  const auto dir = fresh_dir("identity-" + name + "-" + std::to_string(made++));
  auto identity = load_or_create_identity(dir, name);
  if (!identity) qFatal("test identity: %s", identity.error().describe().c_str());
  return std::make_shared<const Identity>(std::move(identity.value()));
}

std::shared_ptr<const Identity> default_sender_identity() {
  static const auto identity = fresh_identity("sender");
  return identity;
}

std::shared_ptr<const Identity> default_receiver_identity() {
  static const auto identity = fresh_identity("receiver");
  return identity;
}

EngineSettings trusting_default_sender_with_fast_mode(EngineSettings settings) {
  pin_peer(settings.known_peers, {default_sender_identity()->fingerprint, "sender", false, true});
  return settings;
}

Receiver::Receiver(const fs::path& dir, EngineSettings settings) {
  if (!settings.identity) settings.identity = default_receiver_identity();
  settings.receive_dir = dir;
  // Beside the folder: a later receiver of the same folder remembers the same senders.
  if (settings.state_dir.empty()) settings.state_dir = dir.parent_path() / (dir.filename().string() + ".state");
  settings.bind_address = "127.0.0.1";
  settings.port = 0;
  engine_ = std::make_unique<TransferEngine>(settings, [this] { log_.notify(); });
  engine_->listen();
  const bool listening = log_.wait_for(
      *engine_, [](const Event& e) { return std::holds_alternative<ListeningStarted>(e); }, std::chrono::seconds(10));
  if (!listening) qFatal("receiver did not start listening");
  port_ = log_.all<ListeningStarted>().front().port;
}

Outcome send_and_wait(Receiver& receiver, const std::vector<fs::path>& paths, EngineSettings settings,
                      std::chrono::seconds timeout, std::uint16_t port, SendPolicy policy) {
  EventLog log;
  if (!settings.identity) settings.identity = default_sender_identity();
  TransferEngine sender(settings, [&log] { log.notify(); });
  const TransferId id = sender.send("127.0.0.1", port != 0 ? port : receiver.port(), paths, policy);
  Outcome outcome;
  const bool sent = log.wait_for(
      sender,
      [id](const Event& e) {
        const auto* done = std::get_if<SessionDone>(&e);
        return done && done->id == id;
      },
      timeout);
  if (sent) outcome.sender = log.all<SessionDone>().back();
  outcome.sender_files = log.all<FileDone>();
  // The receiver numbers its sessions itself: wait for as many ends as sends so far.
  const auto before = receiver.log().all<SessionDone>().size();
  receiver.log().wait_for(
      receiver.engine(), [&](const Event&) { return receiver.log().all<SessionDone>().size() > before; },
      std::chrono::seconds(sent ? 30 : 1));
  if (auto ends = receiver.log().all<SessionDone>(); !ends.empty()) {
    outcome.receiver = ends.back();
    for (const auto& f : receiver.log().all<FileDone>())
      if (f.id == ends.back().id) outcome.receiver_files.push_back(f);
  }
  return outcome;
}

void write_random_file(const fs::path& path, std::uint64_t size, std::uint32_t seed) {
  std::mt19937_64 random(seed);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::vector<std::uint64_t> block(1 << 16);
  while (size > 0) {
    for (auto& word : block) word = random();
    const auto n = std::min<std::uint64_t>(size, block.size() * sizeof(std::uint64_t));
    out.write(reinterpret_cast<const char*>(block.data()), static_cast<std::streamsize>(n));
    size -= n;
  }
  if (!out) qFatal("cannot write %s", path.string().c_str());
}

void write_sparse_file(const fs::path& path, std::uint64_t size) {
  // Data at the start, past 4 GiB and at the end, holes between.
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "head of a sparse file";
  out.seekp(static_cast<std::streamoff>(std::min<std::uint64_t>(size, 0x100000010ull)));
  out << "past four gibibytes";
  out.close();
  fs::resize_file(path, size);
  std::fstream tail(path, std::ios::binary | std::ios::in | std::ios::out);
  tail.seekp(static_cast<std::streamoff>(size - 4));
  tail << "tail";
}

bool same_contents(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::file_size(a, ec) != fs::file_size(b, ec) || ec) return false;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  std::vector<char> ba(1 << 20), bb(1 << 20);
  while (fa && fb) {
    fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
    fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
    if (fa.gcount() != fb.gcount()) return false;
    if (!std::equal(ba.begin(), ba.begin() + fa.gcount(), bb.begin())) return false;
  }
  return true;
}

std::vector<std::string> list_files(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files.push_back(e.path().lexically_relative(root).generic_string());
  std::sort(files.begin(), files.end());
  return files;
}

fs::path utf8_path(std::string_view relative) { return fs::path(std::u8string(relative.begin(), relative.end())); }

namespace {
// Removes the test's scratch folders when the test process ends.
struct ScratchRoot {
  fs::path path = fs::current_path() / "test-scratch" / std::to_string(QCoreApplication::applicationPid());
  ScratchRoot() { fs::create_directories(path); }
  ~ScratchRoot() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};
}  // namespace

fs::path fresh_dir(const std::string& name) {
  static const ScratchRoot root;
  auto dir = root.path / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace ferry::test
