// SPDX-License-Identifier: Apache-2.0
#pragma once
// The Windows FileSource implementations, built by open_source().
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "ferry/platform/file_source.hpp"
#include <boost/asio/windows/random_access_handle.hpp>

#include "unique_handle.hpp"

namespace ferry::platform::windows_impl {

struct SourceFile {
  UniqueHandle handle;
  std::string path;  // for error messages
  std::uint64_t size = 0;
  std::uint64_t start = 0;  // first byte to send
};

// A file open with FILE_FLAG_NO_BUFFERING | FILE_FLAG_OVERLAPPED, already
// associated with the executor's IOCP.
struct UnbufferedSourceFile {
  boost::asio::windows::random_access_handle handle;
  std::string path;
  std::uint64_t size = 0;
  std::size_t sector_bytes = 0;  // from sector_size()
  std::uint64_t start = 0;       // first byte to send
};

// `file` open for reading (synchronous handle).
std::unique_ptr<FileSource> make_transmit_file_source(SourceFile file);
// The buffered source's read (platform/common/buffered_source.hpp): ReadFile
// at an offset (`file` open for reading, synchronous handle).
Result<std::size_t> read_at(const SourceFile& file, std::span<std::byte> buffer, std::uint64_t offset);
std::unique_ptr<FileSource> make_direct_source(UnbufferedSourceFile file, const DirectOptions& options,
                                               ByteObserver observer);

}  // namespace ferry::platform::windows_impl
