// SPDX-License-Identifier: Apache-2.0
#pragma once
// Windows paths: UTF-16 everywhere, "\\?\" for paths past MAX_PATH.
#include <filesystem>
#include <string>
#include <string_view>

namespace ferry::platform::windows_impl {

// UTF-8 (as on the wire and in Ferry's relative paths) to UTF-16.
std::wstring widen(std::string_view utf8);

// The absolute, normalised form of `path` with the "\\?\" (or "\\?\UNC\")
// prefix, so the wide APIs accept it beyond MAX_PATH. Relative paths are
// resolved against the current folder.
std::wstring extended_path(const std::filesystem::path& path);

}  // namespace ferry::platform::windows_impl
