// SPDX-License-Identifier: Apache-2.0
#pragma once
// The two devices every ferry-cli transfer of the bench runs between, each
// with its own identity in a configuration folder under the bench's work dir
// (never the user's). The receiver pins the sender with fast mode, so the
// sender's `--fast` alone decides each session's mode. One folder for both
// would not do: a sender asks for fast mode whenever it finds the receiver
// pinned with it, so no session could then be encrypted.
#include <chrono>
#include <filesystem>

namespace ferry::bench {

struct Devices {
  std::filesystem::path receiver_config;  // ferry-cli receive --config-dir
  std::filesystem::path sender_config;    // ferry-cli send --config-dir
};

// Creates both identities under `dir` with `ferry-cli identity` and `ferry-cli
// trust SENDER --fast`; their output goes to `log_dir`. Throws
// std::runtime_error when ferry-cli fails or prints no fingerprint.
Devices set_up_devices(const std::filesystem::path& cli, const std::filesystem::path& dir,
                       const std::filesystem::path& log_dir, std::chrono::seconds time_limit);

}  // namespace ferry::bench
