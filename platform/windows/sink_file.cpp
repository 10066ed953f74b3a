// SPDX-License-Identifier: Apache-2.0
// The buffered sink's Windows primitives: WriteFile at an offset (through the
// file cache), the mtime, close.
#include "file_probe.hpp"
#include "win_error.hpp"
#include "windows_sinks.hpp"

namespace ferry::platform::windows_impl {

Result<void> write_at(const SinkFile& file, std::span<const std::byte> bytes, std::uint64_t offset) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    OVERLAPPED at{};  // a synchronous handle writes at this offset and returns when done
    at.Offset = static_cast<DWORD>(offset + done);
    at.OffsetHigh = static_cast<DWORD>((offset + done) >> 32);
    DWORD wrote = 0;
    if (!::WriteFile(file.handle.get(), bytes.data() + done, static_cast<DWORD>(bytes.size() - done), &wrote, &at))
      return last_win32_error("WriteFile", file.path);
    done += wrote;
  }
  return {};
}

void store_mtime(const SinkFile& file, std::int64_t mtime_ns) { store_mtime(file.handle.get(), mtime_ns, file.path); }

void close_file(SinkFile& file) { file.handle.reset(); }

}  // namespace ferry::platform::windows_impl
