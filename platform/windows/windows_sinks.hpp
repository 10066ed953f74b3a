// SPDX-License-Identifier: Apache-2.0
#pragma once
// The Windows FileSink implementations, built by open_sink().
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "ferry/platform/file_sink.hpp"
#include <boost/asio/windows/random_access_handle.hpp>

#include "unique_handle.hpp"

namespace ferry::platform::windows_impl {

struct SinkFile {
  UniqueHandle handle;
  std::string path;  // for error messages
  std::uint64_t size = 0;
  std::uint64_t start = 0;  // first byte to write (a resumed file)
};

// A file open with FILE_FLAG_NO_BUFFERING | FILE_FLAG_OVERLAPPED, already
// associated with the executor's IOCP.
struct UnbufferedSinkFile {
  boost::asio::windows::random_access_handle handle;
  std::string path;
  std::uint64_t size = 0;
  std::size_t sector_bytes = 0;  // from sector_size()
  std::uint64_t start = 0;       // first byte to write (a resumed file)
};

// The buffered sink's primitives (platform/common/buffered_sink.hpp), on a
// `file` open for writing (synchronous handle): WriteFile at an offset, the
// mtime (logged, never failing), close.
Result<void> write_at(const SinkFile& file, std::span<const std::byte> bytes, std::uint64_t offset);
void store_mtime(const SinkFile& file, std::int64_t mtime_ns);
void close_file(SinkFile& file);
std::unique_ptr<FileSink> make_direct_sink(UnbufferedSinkFile file, const DirectOptions& options,
                                           ByteObserver observer);

}  // namespace ferry::platform::windows_impl
