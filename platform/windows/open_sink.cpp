// SPDX-License-Identifier: Apache-2.0
// Creates the Windows FileSink for a part file: unbuffered writes where the
// volume allows them, buffered writes otherwise
// (platform/common/direct_fallback.hpp).
#include <vector>

#include "buffered_sink.hpp"
#include "direct_fallback.hpp"
#include "file_probe.hpp"
#include "open_file.hpp"
#include "wide_path.hpp"
#include "win_error.hpp"
#include "windows_sinks.hpp"

namespace ferry::platform {

using namespace windows_impl;

namespace {

// A reparse point planted at the part file's name is replaced, never followed.
constexpr DWORD kCreateFlags = FILE_FLAG_OPEN_REPARSE_POINT;

// A new part file starts empty; a resumed one keeps its first `resume_from`
// bytes and loses whatever an interrupted session left after them.
DWORD disposition(std::uint64_t resume_from) { return resume_from == 0 ? CREATE_ALWAYS : OPEN_ALWAYS; }

Result<void> cut_to(HANDLE file, std::uint64_t resume_from, const std::string& path) {
  if (resume_from == 0) return {};
  return set_end_of_file(file, resume_from, path);
}

// `file`'s unbuffered sink, with its size reserved. Takes `observer` only
// when it returns a sink.
common::DirectAttempt<FileSink> try_direct_sink(const boost::asio::any_io_executor& executor, const std::wstring& wide,
                                                const SinkFile& file, const DirectOptions& options,
                                                ByteObserver& observer) {
  const std::string& path = file.path;
  UniqueHandle handle = open_file(wide, GENERIC_WRITE, disposition(file.start),
                                  kCreateFlags | FILE_FLAG_NO_BUFFERING | FILE_FLAG_OVERLAPPED);
  if (!handle.valid()) {
    if (::GetLastError() == ERROR_INVALID_PARAMETER)
      return last_win32_error("CreateFileW FILE_FLAG_NO_BUFFERING", path).describe();
    return last_win32_error("CreateFileW", path);
  }
  if (auto cut = cut_to(handle.get(), file.start, path); !cut) return cut.error();
  const std::size_t sector_bytes = sector_size(handle.get(), wide);
  if (sector_bytes == 0) return "no sector size (FileStorageInfo, GetDiskFreeSpaceW) for " + path;
  if (auto reserved = reserve_space(handle.get(), file.size, path); !reserved) return reserved.error();
  boost::asio::windows::random_access_handle unbuffered(executor);
  boost::system::error_code ec;
  unbuffered.assign(handle.get(), ec);
  if (ec) return IoError{ec, "associate with the IOCP", path}.describe();
  handle.release();  // owned by `unbuffered` now
  return make_direct_sink({std::move(unbuffered), path, file.size, sector_bytes, file.start}, options,
                          std::move(observer));
}

Result<std::unique_ptr<FileSink>> open_buffered_sink(const boost::asio::any_io_executor& executor,
                                                     const std::wstring& wide, SinkFile file, ByteObserver observer) {
  file.handle = open_file(wide, GENERIC_WRITE, disposition(file.start), kCreateFlags);
  if (!file.handle.valid()) return last_win32_error("CreateFileW", file.path);
  if (auto cut = cut_to(file.handle.get(), file.start, file.path); !cut) return cut.error();
  if (file.size >= kReservedFromBytes) {
    if (auto reserved = reserve_space(file.handle.get(), file.size, file.path); !reserved) return reserved.error();
  }
  return common::make_buffered_sink(executor, std::move(file), std::move(observer),
                                    [] { return std::vector<std::byte>(common::kBufferedSinkBytes); });
}

}  // namespace

Result<OpenedSink> open_sink(const boost::asio::any_io_executor& executor, const std::filesystem::path& fs_path,
                             std::uint64_t size, Strategy requested, const DirectOptions& options,
                             ByteObserver observer, std::uint64_t resume_from) {
  const std::wstring wide = extended_path(fs_path);
  // Not open yet: each way opens it with its own flags.
  SinkFile file{UniqueHandle(), fs_path.string(), size, resume_from};
  auto chosen = common::try_direct_first<FileSink>(
      requested, [&] { return try_direct_sink(executor, wide, file, options, observer); },
      [&](Strategy) { return open_buffered_sink(executor, wide, std::move(file), std::move(observer)); });
  if (!chosen) return chosen.error();
  return OpenedSink{std::move(chosen->made), std::move(chosen->fallback_reason)};
}

}  // namespace ferry::platform
