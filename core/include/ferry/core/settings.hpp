#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "ferry/platform/strategy.hpp"

namespace ferry {

// Chosen from ferry-bench threshold sweeps (docs/threshold.md):
// below 128 MiB zero-copy moves files at least as fast as direct I/O, and
// these sizes are the ones worth keeping in the page cache; from 128 MiB on,
// direct I/O costs no more CPU, overtakes zero-copy on cold files by 256 MiB,
// and keeps big files from evicting everything else.
inline constexpr std::uint64_t kDefaultDirectThreshold = 128ull * 1024 * 1024;

// Ask: every offer waits for TransferEngine::respond. AcceptAll: the offer is
// still announced (OfferReceived) and accepted at once; respond() is ignored.
enum class ConsentPolicy { Ask, AcceptAll };

// The engine's whole configuration, applied as one value.
struct EngineSettings {
  std::string device_name = "ferry";
  std::uint64_t direct_threshold = kDefaultDirectThreshold;
  std::optional<Strategy> forced_strategy;  // nullopt: pick per file (auto)
  std::filesystem::path receive_dir;
  std::string bind_address = "0.0.0.0";
  std::uint16_t port = 0;                   // 0: any free port
  ConsentPolicy consent = ConsentPolicy::Ask;
  std::uint32_t direct_block_bytes = 1024 * 1024;  // one direct read/write
  std::uint32_t direct_queue_depth = 8;             // direct reads/writes in flight
};

}  // namespace ferry
