// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/private_files.hpp"

#include <windows.h>

#include <random>

#include "unique_handle.hpp"
#include "wide_path.hpp"
#include "win_error.hpp"

namespace ferry::platform {
namespace {

using windows_impl::extended_path;
using windows_impl::last_win32_error;
using windows_impl::UniqueHandle;

// %APPDATA% is already private to the user: its ACL is inherited.
Result<std::filesystem::path> write_temporary(const std::filesystem::path& path, std::string_view content) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return IoError{ec, "create_directories", path.parent_path().string()};
  std::random_device random;
  auto temporary = path;
  temporary += ".tmp-" + std::to_string(random());
  UniqueHandle file(::CreateFileW(extended_path(temporary).c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                                  FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!file.valid()) return last_win32_error("CreateFileW", temporary.string());
  DWORD written = 0;
  const bool ok = ::WriteFile(file.get(), content.data(), static_cast<DWORD>(content.size()), &written, nullptr) &&
                  written == content.size() && ::FlushFileBuffers(file.get());
  if (!ok) {
    auto error = last_win32_error("WriteFile", temporary.string());
    file.reset();
    ::DeleteFileW(extended_path(temporary).c_str());
    return error;
  }
  return temporary;
}

Result<bool> move_into_place(const std::filesystem::path& temporary, const std::filesystem::path& path, DWORD flags) {
  if (::MoveFileExW(extended_path(temporary).c_str(), extended_path(path).c_str(), flags)) return true;
  const DWORD code = ::GetLastError();
  ::DeleteFileW(extended_path(temporary).c_str());
  if (code == ERROR_ALREADY_EXISTS || code == ERROR_FILE_EXISTS) return false;
  return windows_impl::win32_error(code, "MoveFileExW", path.string());
}

}  // namespace

std::filesystem::path user_config_dir() {
  wchar_t appdata[MAX_PATH];
  const DWORD n = ::GetEnvironmentVariableW(L"APPDATA", appdata, MAX_PATH);
  if (n > 0 && n < MAX_PATH) return std::filesystem::path(appdata) / "Ferry";
  return std::filesystem::current_path() / "Ferry";
}

Result<bool> create_private_file(const std::filesystem::path& path, std::string_view content) {
  auto temporary = write_temporary(path, content);
  if (!temporary) return temporary.error();
  return move_into_place(temporary.value(), path, MOVEFILE_WRITE_THROUGH);
}

Result<void> replace_private_file(const std::filesystem::path& path, std::string_view content) {
  auto temporary = write_temporary(path, content);
  if (!temporary) return temporary.error();
  auto moved = move_into_place(temporary.value(), path, MOVEFILE_WRITE_THROUGH | MOVEFILE_REPLACE_EXISTING);
  if (!moved) return moved.error();
  return {};
}

Result<std::string> read_small_file(const std::filesystem::path& path, std::size_t max_bytes) {
  UniqueHandle file(::CreateFileW(extended_path(path).c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                                  FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!file.valid()) return last_win32_error("CreateFileW", path.string());
  std::string content;
  char chunk[4096];
  for (;;) {
    DWORD n = 0;
    if (!::ReadFile(file.get(), chunk, sizeof chunk, &n, nullptr)) return last_win32_error("ReadFile", path.string());
    if (n == 0) return content;
    if (content.size() + n > max_bytes)
      return windows_impl::win32_error(ERROR_FILE_TOO_LARGE, "ReadFile", path.string());
    content.append(chunk, n);
  }
}

}  // namespace ferry::platform
