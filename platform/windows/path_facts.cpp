// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/path_facts.hpp"

#include "file_probe.hpp"
#include "open_file.hpp"
#include "wide_path.hpp"
#include "win_error.hpp"

namespace ferry::platform {

using namespace windows_impl;

Result<PathFacts> stat_path(const std::filesystem::path& path) {
  const std::wstring wide = extended_path(path);
  WIN32_FILE_ATTRIBUTE_DATA data{};
  if (!::GetFileAttributesExW(wide.c_str(), GetFileExInfoStandard, &data))
    return last_win32_error("GetFileAttributesExW", path.string());
  PathFacts facts;
  facts.is_symlink = (data.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
  // Only a link needs the second look, at its target (a dangling one is Other).
  if (facts.is_symlink) {
    UniqueHandle target = open_file(wide, FILE_READ_ATTRIBUTES, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
    BY_HANDLE_FILE_INFORMATION info{};
    if (!target.valid() || !::GetFileInformationByHandle(target.get(), &info)) return facts;
    data.dwFileAttributes = info.dwFileAttributes;
    data.nFileSizeHigh = info.nFileSizeHigh;
    data.nFileSizeLow = info.nFileSizeLow;
    data.ftLastWriteTime = info.ftLastWriteTime;
  }
  const bool folder = (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
  facts.kind = folder ? PathFacts::Kind::Folder : PathFacts::Kind::File;
  if (!folder) {
    facts.size = (static_cast<std::uint64_t>(data.nFileSizeHigh) << 32) | data.nFileSizeLow;
    facts.attributes.read_only = (data.dwFileAttributes & FILE_ATTRIBUTE_READONLY) != 0;
  }
  facts.mtime_ns = unix_ns(data.ftLastWriteTime);
  return facts;
}

}  // namespace ferry::platform
