// SPDX-License-Identifier: Apache-2.0
// Picks the Windows FileSource for a file, probing what its volume can do and
// falling back to buffered reads where it cannot
// (platform/common/direct_fallback.hpp).
#include "buffered_source.hpp"
#include "direct_fallback.hpp"
#include "file_probe.hpp"
#include "open_file.hpp"
#include "wide_path.hpp"
#include "win_error.hpp"
#include "windows_sources.hpp"

namespace ferry::platform {

using namespace windows_impl;

namespace {

// The direct source for `file` (open without FILE_FLAG_NO_BUFFERING: its
// path, size and start), or why it cannot run for this file. Takes
// `observer` only when it returns a source.
common::DirectAttempt<FileSource> try_direct_source(const boost::asio::any_io_executor& executor,
                                                    const std::wstring& wide, const SourceFile& file,
                                                    const DirectOptions& options, ByteObserver& observer) {
  UniqueHandle handle = open_file(wide, GENERIC_READ, OPEN_EXISTING,
                                  FILE_FLAG_NO_BUFFERING | FILE_FLAG_OVERLAPPED | FILE_FLAG_SEQUENTIAL_SCAN);
  if (!handle.valid()) return last_win32_error("CreateFileW FILE_FLAG_NO_BUFFERING", file.path).describe();
  const std::size_t sector_bytes = sector_size(handle.get(), wide);
  if (sector_bytes == 0) return "no sector size (FileStorageInfo, GetDiskFreeSpaceW) for " + file.path;
  boost::asio::windows::random_access_handle unbuffered(executor);
  boost::system::error_code ec;
  unbuffered.assign(handle.get(), ec);
  if (ec) return IoError{ec, "associate with the IOCP", file.path}.describe();
  handle.release();  // owned by `unbuffered` now
  return make_direct_source({std::move(unbuffered), file.path, file.size, sector_bytes, file.start}, options,
                            std::move(observer));
}

Result<std::unique_ptr<FileSource>> open_other_source(SourceFile file, Strategy strategy, ByteObserver observer) {
  if (strategy == Strategy::ZeroCopy) return make_transmit_file_source(std::move(file));
  return common::make_buffered_source(std::move(file), std::move(observer));
}

}  // namespace

Result<OpenedSource> open_source(const SourceExecutors& executors, const std::filesystem::path& fs_path,
                                 Strategy requested, const DirectOptions& options, ByteObserver observer,
                                 std::uint64_t start) {
  const std::string path = fs_path.string();
  const std::wstring wide = extended_path(fs_path);
  UniqueHandle handle = open_file(wide, GENERIC_READ, OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN);
  if (!handle.valid()) return last_win32_error("CreateFileW", path);
  auto facts = probe_file(handle.get(), path);
  if (!facts) return facts.error();
  if (!facts->regular) return win32_error(ERROR_BAD_FILE_TYPE, "open: not a regular file", path);

  SourceFile file{std::move(handle), path, facts->size, start};
  auto chosen = common::try_direct_first<FileSource>(
      requested, [&] { return try_direct_source(executors.engine, wide, file, options, observer); },
      [&](Strategy strategy) { return open_other_source(std::move(file), strategy, std::move(observer)); });
  if (!chosen) return chosen.error();
  return OpenedSource{std::move(chosen->made), facts->size, facts->mtime_ns, std::move(chosen->fallback_reason)};
}

}  // namespace ferry::platform
