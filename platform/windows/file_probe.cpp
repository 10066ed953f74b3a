// SPDX-License-Identifier: Apache-2.0
#include "file_probe.hpp"

#include <algorithm>
#include <bit>
#include <vector>

#include <spdlog/spdlog.h>

#include "file_time.hpp"
#include "win_error.hpp"

namespace ferry::platform::windows_impl {
namespace {

std::size_t power_of_two_or_zero(std::size_t value) { return std::has_single_bit(value) ? value : 0; }

std::size_t sector_size_of_volume(const std::wstring& wide_path) {
  std::vector<wchar_t> volume(wide_path.size() + 1);
  if (!::GetVolumePathNameW(wide_path.c_str(), volume.data(), static_cast<DWORD>(volume.size()))) return 0;
  DWORD sectors_per_cluster = 0, bytes_per_sector = 0, free_clusters = 0, clusters = 0;
  if (!::GetDiskFreeSpaceW(volume.data(), &sectors_per_cluster, &bytes_per_sector, &free_clusters, &clusters)) return 0;
  return power_of_two_or_zero(bytes_per_sector);
}

}  // namespace

std::int64_t unix_ns(const FILETIME& time) {
  return unix_ns_from_ticks((static_cast<std::uint64_t>(time.dwHighDateTime) << 32) | time.dwLowDateTime);
}

Result<FileFacts> probe_file(HANDLE file, const std::string& path) {
  BY_HANDLE_FILE_INFORMATION info{};
  if (!::GetFileInformationByHandle(file, &info)) return last_win32_error("GetFileInformationByHandle", path);
  FileFacts facts;
  facts.regular = (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) == 0 && ::GetFileType(file) == FILE_TYPE_DISK;
  facts.size = (static_cast<std::uint64_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
  facts.mtime_ns = unix_ns(info.ftLastWriteTime);
  return facts;
}

std::size_t sector_size(HANDLE file, const std::wstring& wide_path) {
  FILE_STORAGE_INFO storage{};
  if (::GetFileInformationByHandleEx(file, FileStorageInfo, &storage, sizeof storage)) {
    return power_of_two_or_zero(
        std::max<std::size_t>(storage.LogicalBytesPerSector, storage.PhysicalBytesPerSectorForPerformance));
  }
  return sector_size_of_volume(wide_path);
}

Result<void> reserve_space(HANDLE file, std::uint64_t size, const std::string& path) {
  if (size == 0) return {};
  FILE_ALLOCATION_INFO allocation{};
  allocation.AllocationSize.QuadPart = static_cast<LONGLONG>(size);
  if (!::SetFileInformationByHandle(file, FileAllocationInfo, &allocation, sizeof allocation)) {
    const DWORD error = ::GetLastError();
    // Only a full disk fails the file; a filesystem that cannot reserve
    // allocates as it writes, as on Linux without fallocate.
    if (error == ERROR_DISK_FULL) return win32_error(error, "SetFileInformationByHandle(FileAllocationInfo)", path);
  }
  return set_end_of_file(file, size, path);
}

Result<void> set_end_of_file(HANDLE file, std::uint64_t size, const std::string& path) {
  FILE_END_OF_FILE_INFO end{};
  end.EndOfFile.QuadPart = static_cast<LONGLONG>(size);
  if (!::SetFileInformationByHandle(file, FileEndOfFileInfo, &end, sizeof end))
    return last_win32_error("SetFileInformationByHandle(FileEndOfFileInfo)", path);
  return {};
}

void store_mtime(HANDLE file, std::int64_t mtime_ns, const std::string& path) {
  const std::uint64_t ticks = filetime_ticks(mtime_ns);
  FILETIME time{static_cast<DWORD>(ticks), static_cast<DWORD>(ticks >> 32)};
  if (!::SetFileTime(file, nullptr, nullptr, &time))
    spdlog::warn("{}: keeps its own modification time: {}", path, last_win32_error("SetFileTime").describe());
}

}  // namespace ferry::platform::windows_impl
