// SPDX-License-Identifier: Apache-2.0
#pragma once
// What Windows tells about an open file (size, mtime, the sector size that
// unbuffered I/O must align to) and the few changes the sinks make to one.
#include <windows.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "ferry/base/io_result.hpp"

namespace ferry::platform::windows_impl {

struct FileFacts {
  bool regular = false;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // since the Unix epoch
};

Result<FileFacts> probe_file(HANDLE file, const std::string& path);

// Nanoseconds since the Unix epoch from a FILETIME (100 ns ticks since 1601),
// saturated where the FILETIME lies beyond 1677 to 2262.
std::int64_t unix_ns(const FILETIME& time);

// The alignment FILE_FLAG_NO_BUFFERING needs on the volume holding `file`:
// FileStorageInfo (Windows 8+), else GetDiskFreeSpaceW's bytes per sector
// (Wine has only the latter). 0 when neither answers with a power of two.
std::size_t sector_size(HANDLE file, const std::wstring& wide_path);

// Reserves `size` bytes for the file (FileAllocationInfo) and makes it that
// long (FileEndOfFileInfo), so a full disk shows up now, not mid-transfer.
Result<void> reserve_space(HANDLE file, std::uint64_t size, const std::string& path);

// Sets the exact end of file (cuts off the padding of unbuffered writes).
Result<void> set_end_of_file(HANDLE file, std::uint64_t size, const std::string& path);

// Sets the file's last-write time (other times untouched), to the 100 ns
// tick at or before `mtime_ns`. A time is never worth failing a file for: a
// refusal is logged.
void store_mtime(HANDLE file, std::int64_t mtime_ns, const std::string& path);

}  // namespace ferry::platform::windows_impl
