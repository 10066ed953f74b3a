// SPDX-License-Identifier: Apache-2.0
// The buffered source's one Windows primitive: ReadFile at an offset, through
// the file cache.
#include "win_error.hpp"
#include "windows_sources.hpp"

namespace ferry::platform::windows_impl {

Result<std::size_t> read_at(const SourceFile& file, std::span<std::byte> buffer, std::uint64_t offset) {
  OVERLAPPED at{};  // a synchronous handle reads at this offset and returns when done
  at.Offset = static_cast<DWORD>(offset);
  at.OffsetHigh = static_cast<DWORD>(offset >> 32);
  DWORD got = 0;
  if (!::ReadFile(file.handle.get(), buffer.data(), static_cast<DWORD>(buffer.size()), &got, &at) &&
      ::GetLastError() != ERROR_HANDLE_EOF)
    return last_win32_error("ReadFile", file.path);
  if (got == 0) return win32_error(ERROR_HANDLE_EOF, "ReadFile: file ended early", file.path);
  return static_cast<std::size_t>(got);
}

}  // namespace ferry::platform::windows_impl
