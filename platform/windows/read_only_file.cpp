// SPDX-License-Identifier: Apache-2.0
// Windows ReadOnlyFile: ReadFile at an OVERLAPPED offset on a synchronous handle.
#include <windows.h>

#include "file_probe.hpp"
#include "handle_read_only_file.hpp"
#include "open_file.hpp"
#include "wide_path.hpp"
#include "win_error.hpp"

namespace ferry::platform::windows_impl {
namespace {

class HandleReadOnlyFile final : public ReadOnlyFile {
 public:
  HandleReadOnlyFile(UniqueHandle handle, std::string path, std::uint64_t size, std::int64_t mtime_ns)
      : handle_(std::move(handle)), path_(std::move(path)), size_(size), mtime_ns_(mtime_ns) {}

  std::uint64_t size() const override { return size_; }
  std::int64_t mtime_ns() const override { return mtime_ns_; }

  Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> buffer) override {
    OVERLAPPED at{};  // a synchronous handle reads at this offset and returns when done
    at.Offset = static_cast<DWORD>(offset);
    at.OffsetHigh = static_cast<DWORD>(offset >> 32);
    const auto want = static_cast<DWORD>(std::min<std::size_t>(buffer.size(), 1u << 30));
    DWORD got = 0;
    if (!::ReadFile(handle_.get(), buffer.data(), want, &got, &at)) {
      const DWORD error = ::GetLastError();
      if (error == ERROR_HANDLE_EOF) return std::size_t{0};
      return win32_error(error, "ReadFile", path_);
    }
    return std::size_t{got};
  }

 private:
  UniqueHandle handle_;
  std::string path_;
  std::uint64_t size_;
  std::int64_t mtime_ns_;
};

}  // namespace

Result<std::unique_ptr<ReadOnlyFile>> make_read_only_file(UniqueHandle handle, std::string path) {
  auto facts = probe_file(handle.get(), path);
  if (!facts) return facts.error();
  if (!facts->regular) return win32_error(ERROR_BAD_FILE_TYPE, "open: not a regular file", path);
  return std::unique_ptr<ReadOnlyFile>(
      new HandleReadOnlyFile(std::move(handle), std::move(path), facts->size, facts->mtime_ns));
}

}  // namespace ferry::platform::windows_impl

namespace ferry::platform {

Result<std::unique_ptr<ReadOnlyFile>> open_read_only(const std::filesystem::path& path) {
  windows_impl::UniqueHandle handle = windows_impl::open_file(windows_impl::extended_path(path), GENERIC_READ,
                                                              OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN);
  if (!handle.valid()) return windows_impl::last_win32_error("CreateFileW", path.string());
  return windows_impl::make_read_only_file(std::move(handle), path.string());
}

}  // namespace ferry::platform
