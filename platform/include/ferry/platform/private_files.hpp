// SPDX-License-Identifier: Apache-2.0
#pragma once
// Small files only this user may read: the device's identity (its private
// key) and the list of trusted peers. Written whole and atomically, so a crash
// or a second Ferry starting at the same moment never leaves half a file.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "ferry/base/io_result.hpp"

namespace ferry::platform {

// The user's configuration folder for Ferry: $XDG_CONFIG_HOME/ferry or
// ~/.config/ferry on Linux, %APPDATA%\Ferry on Windows. Not created here.
std::filesystem::path user_config_dir();

// Creates `path` with `content` (folders made private as needed, the file
// 0600 on POSIX) unless it exists: true when this call created it, false
// when it was already there (its content is left as it is).
Result<bool> create_private_file(const std::filesystem::path& path, std::string_view content);

// Replaces `path` with `content` in one step (write beside it, then rename).
Result<void> replace_private_file(const std::filesystem::path& path, std::string_view content);

// The whole file, refused when bigger than `max_bytes`.
Result<std::string> read_small_file(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace ferry::platform
