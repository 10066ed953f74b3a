// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ferry/base/strategy.hpp"
#include "ferry/core/identity.hpp"
#include "ferry/core/trust.hpp"

namespace ferry {

// Chosen from ferry-bench's threshold sweep (docs/threshold.md): on a mixed
// set of files, 32 MiB moved the most bytes per second for the least CPU;
// files from 32 MiB on also stay out of the page cache.
inline constexpr std::uint64_t kDefaultDirectThreshold = 32ull * 1024 * 1024;

// Upload limits below this count as this: a burst of 4 KiB every 4 s keeps
// a session well within the peers' idle timeouts.
inline constexpr std::uint64_t kMinUploadLimit = 1024;

// Ask: every offer waits for TransferEngine::respond, except from a pinned
// device with auto-accept. AcceptAll: the offer is still announced
// (OfferReceived) and accepted at once unless the peer's identity Changed;
// respond() is ignored then.
enum class ConsentPolicy { Ask, AcceptAll };

// The engine's whole configuration, applied as one value.
struct EngineSettings {
  std::string device_name = "ferry";
  // This device's key and certificate: every session is TLS 1.3 with it.
  // Without one, listen() and send() fail.
  std::shared_ptr<const Identity> identity;
  std::vector<KnownPeer> known_peers;  // pinned devices
  std::uint64_t direct_threshold = kDefaultDirectThreshold;
  std::optional<Strategy> forced_strategy;  // nullopt: pick per file (auto)
  std::filesystem::path receive_dir;
  // What the engine remembers between runs: which sender delivered which
  // received file (`delivered/`), so that only that sender hears the file is
  // already there. Empty: nothing is remembered, and every file is sent whole.
  std::filesystem::path state_dir;
  // When set, the engine thread and every thread it creates (workers, lanes)
  // may write only beneath receive_dir and these folders, enforced by the
  // kernel where it can (Landlock on Linux), from before the first peer
  // connects. The confinement cannot widen later: a new receive_dir needs a
  // new engine.
  std::optional<std::vector<std::filesystem::path>> writable_folders;
  std::string bind_address = "::";  // every address, IPv4 and IPv6
  std::uint16_t port = 0;           // 0: any free port
  ConsentPolicy consent = ConsentPolicy::Ask;
  // 4 × 4 MiB in flight: more than the disk's 8 MiB readahead, and a quarter
  // of the system calls of 8 × 1 MiB (ferry-bench L, docs/performance.md).
  std::uint32_t direct_block_bytes = 4 * 1024 * 1024;  // one direct read/write
  std::uint32_t direct_queue_depth = 4;                // direct reads/writes in flight
  // Sending: the file bytes per second of every sending session together (0:
  // no limit). Each write of file data is paced to it, kernel paths kept
  // (docs/performance.md, "Upload limit").
  std::uint64_t upload_limit = 0;
  // Sending: continue files the receiver already holds part of (HAVE), skip
  // ones it holds whole. Off: every file is sent from its first byte.
  bool resume = true;
  // Receiving: make files' data durable (syncfs / FlushFileBuffers, once per
  // batch of files) before they get their final names, so a crash can never
  // leave a final name on unwritten data.
  bool durable_commit = true;
  // Receiving: give files the executable bit and read-only flag they had on
  // the sender (where this system has them). Times are kept either way: the
  // check that a file is already here relies on them.
  bool keep_attributes = true;
  // A session whose peer sends nothing (or takes nothing) for this long fails.
  // Waiting for the receiving user's answer is not idle time.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
  // Sending: a connection (TCP, then TLS) not made within this fails with
  // FailureCause::ConnectTimedOut instead of the system's minutes.
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
};

// Whether a transfer may be saved into `folder` (OfferAnswer::folder): always,
// unless writes are confined (writable_folders), then only beneath
// receive_dir or one of those folders.
bool may_save_to(const EngineSettings& settings, const std::filesystem::path& folder);

}  // namespace ferry
