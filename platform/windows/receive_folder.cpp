// SPDX-License-Identifier: Apache-2.0
// Windows receive folder: every folder on the way to a received file is
// opened (or created) one component at a time below the root, refused if it
// is a reparse point (symlink, junction, mount point) or if where it really
// is (volume and path, links resolved) is not inside its parent (Wine shows a
// Unix symlink to a folder as a plain folder, not as a reparse point), and
// kept open without
// FILE_SHARE_DELETE until the file is in place, so nobody can swap a
// component for a link in between. Names are UTF-16 with the "\\?\" prefix,
// so long paths work. MoveFileExW without MOVEFILE_REPLACE_EXISTING never
// replaces an existing name; NTFS compares names case-insensitively, so a
// name differing only in case is a conflict and gets numbered too.
#include "ferry/platform/receive_folder.hpp"

#include "parent_and_name.hpp"

#include <windows.h>

#include <vector>

#include "handle_read_only_file.hpp"
#include "open_file.hpp"
#include "unique_handle.hpp"
#include "wide_path.hpp"
#include "win_error.hpp"
#include "windows_sinks.hpp"

namespace ferry::platform {

using namespace windows_impl;

namespace {

constexpr int kMaxConflictNumber = 9999;
constexpr std::size_t kMaxNameUnits = 255;  // UTF-16 code units per path component

// Names that would leave the folder or stay in place are never walked.
bool is_plain_name(std::string_view name) { return !name.empty() && name != "." && name != ".."; }

// Opens the folder at `wide` without following a reparse point there, and
// without FILE_SHARE_DELETE: while open it cannot be renamed or removed.
UniqueHandle pin(const std::wstring& wide) {
  return UniqueHandle(::CreateFileW(wide.c_str(), FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                                    OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr));
}

// Where an open folder really is, all links resolved: its volume and its path
// on that volume. FileNameInfo rather than GetFinalPathNameByHandleW, which
// Wine fails with ERROR_MORE_DATA for paths longer than MAX_PATH.
struct Location {
  ULONGLONG volume = 0;
  std::wstring path;
};

Result<Location> location_of(HANDLE handle, const std::string& shown) {
  FILE_ID_INFO id{};
  if (!::GetFileInformationByHandleEx(handle, FileIdInfo, &id, sizeof id))
    return last_win32_error("GetFileInformationByHandleEx(FileIdInfo)", shown);
  // Room for MAX_PATH first, doubled while too small, up to the 32,767-unit limit.
  for (std::size_t units = MAX_PATH;; units *= 2) {
    std::vector<unsigned char> buffer(sizeof(FILE_NAME_INFO) + units * sizeof(wchar_t));
    auto* name = reinterpret_cast<FILE_NAME_INFO*>(buffer.data());
    if (::GetFileInformationByHandleEx(handle, FileNameInfo, name, static_cast<DWORD>(buffer.size())))
      return Location{id.VolumeSerialNumber, std::wstring(name->FileName, name->FileNameLength / sizeof(wchar_t))};
    if (::GetLastError() != ERROR_MORE_DATA || units >= 32768)
      return last_win32_error("GetFileInformationByHandleEx(FileNameInfo)", shown);
  }
}

// Whether `child` is directly inside the folder `parent` (names compared as
// NTFS compares them, ignoring case). A volume's root folder is "\\".
bool is_directly_inside(const Location& child_location, const Location& parent_location) {
  if (child_location.volume != parent_location.volume) return false;
  const std::wstring_view child = child_location.path;
  std::wstring_view parent = parent_location.path;
  if (parent == L"\\") parent = {};
  if (child.size() <= parent.size() + 1 || child[parent.size()] != L'\\') return false;
  if (child.find(L'\\', parent.size() + 1) != std::wstring_view::npos) return false;
  return ::CompareStringOrdinal(child.data(), static_cast<int>(parent.size()), parent.data(),
                                static_cast<int>(parent.size()), TRUE) == CSTR_EQUAL;
}

// The folders from the root down to one folder, each pinned, that folder's
// path as given and where it really is.
// The attributes of an open file or folder; a reparse point is refused.
// Attributes alone: GetFileInformationByHandle also asks for the volume
// serial, which Wine answers through its mount manager, a slow round trip.
Result<DWORD> attributes_refusing_links(HANDLE handle, const std::string& shown) {
  FILE_ATTRIBUTE_TAG_INFO attributes{};
  if (!::GetFileInformationByHandleEx(handle, FileAttributeTagInfo, &attributes, sizeof attributes))
    return last_win32_error("GetFileInformationByHandleEx(FileAttributeTagInfo)", shown);
  if (attributes.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
    return win32_error(ERROR_CANT_RESOLVE_FILENAME, "refused reparse point", shown);
  return attributes.FileAttributes;
}

struct PinnedFolder {
  std::vector<UniqueHandle> pins;
  std::wstring path;
  Location location;
};

// Pins the child folder `name` of `folder`, creating it first when missing
// and `create` is set. `shown` is its relative path for messages.
Result<void> pin_child(PinnedFolder& folder, std::string_view name, const std::string& shown, bool create) {
  const std::wstring path = folder.path + L'\\' + widen(name);
  UniqueHandle handle = pin(path);
  if (!handle.valid() && ::GetLastError() == ERROR_FILE_NOT_FOUND && create) {
    if (!::CreateDirectoryW(path.c_str(), nullptr) && ::GetLastError() != ERROR_ALREADY_EXISTS)
      return last_win32_error("CreateDirectoryW", shown);
    handle = pin(path);  // also after losing a creation race
  }
  if (!handle.valid()) return last_win32_error("CreateFileW", shown);
  auto attributes = attributes_refusing_links(handle.get(), shown);
  if (!attributes) return attributes.error();
  if (!(attributes.value() & FILE_ATTRIBUTE_DIRECTORY)) return win32_error(ERROR_DIRECTORY, "not a folder", shown);
  auto location = location_of(handle.get(), shown);
  if (!location) return location.error();
  if (!is_directly_inside(location.value(), folder.location))
    return win32_error(ERROR_CANT_RESOLVE_FILENAME, "refused link out of its folder", shown);
  folder.pins.push_back(std::move(handle));
  folder.path = path;
  folder.location = std::move(location.value());
  return {};
}

// Pins the folder `relative` ('/'-separated; empty is the root) and every
// folder above it up to the root.
Result<PinnedFolder> pin_folder(const std::wstring& root, std::string_view relative, bool create) {
  PinnedFolder folder{{}, root, {}};
  folder.pins.push_back(pin(root));
  if (!folder.pins.back().valid()) return last_win32_error("CreateFileW", ".");
  auto location = location_of(folder.pins.back().get(), ".");
  if (!location) return location.error();
  folder.location = std::move(location.value());
  for (std::size_t start = 0; start < relative.size();) {
    std::size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    const std::string_view name = relative.substr(start, end - start);
    const std::string walked(relative.substr(0, end));
    if (!is_plain_name(name)) return win32_error(ERROR_INVALID_NAME, "open folder", walked);
    if (auto pinned = pin_child(folder, name, walked, create); !pinned) return pinned.error();
    start = end + 1;
  }
  return folder;
}

// The first `max_bytes` of `text`, cut back to a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t size = max_bytes;
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) --size;
  return text.substr(0, size);
}

// "stem (n).ext" for "stem.ext" (a leading dot starts no extension), the stem
// shortened when needed so the name still fits in 255 UTF-16 units.
std::string numbered_name(std::string_view name, int number) {
  const std::size_t dot = name.rfind('.');
  const bool has_extension = dot != std::string_view::npos && dot != 0;
  const std::string_view extension = has_extension ? name.substr(dot) : std::string_view();
  const std::string tail = " (" + std::to_string(number) + ")" + std::string(extension);
  std::string_view stem = name.substr(0, name.size() - extension.size());
  while (!stem.empty() && widen(stem).size() + widen(tail).size() > kMaxNameUnits)
    stem = utf8_prefix(stem, stem.size() - 1);
  return std::string(stem) + tail;
}

std::string joined(std::string_view parent, std::string_view name) {
  if (parent.empty()) return std::string(name);
  return std::string(parent) + '/' + std::string(name);
}

bool is_missing(const IoError& error) {
  const auto code = static_cast<DWORD>(error.code.value());
  return code == ERROR_FILE_NOT_FOUND || code == ERROR_PATH_NOT_FOUND;
}

bool is_name_taken(DWORD error) { return error == ERROR_ALREADY_EXISTS || error == ERROR_FILE_EXISTS; }

}  // namespace

struct ReceiveFolder::Impl {
  std::filesystem::path root;
  std::wstring root_wide;  // extended_path(root)
};

Result<std::unique_ptr<ReceiveFolder>> ReceiveFolder::open(const std::filesystem::path& root) {
  std::error_code error;
  std::filesystem::create_directories(root, error);
  if (error) return IoError{error, "create_directories", root.string()};
  std::wstring wide = extended_path(root);
  const DWORD attributes = ::GetFileAttributesW(wide.c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES) return last_win32_error("GetFileAttributesW", root.string());
  if (!(attributes & FILE_ATTRIBUTE_DIRECTORY)) return win32_error(ERROR_DIRECTORY, "open", root.string());
  auto impl = std::make_unique<Impl>(Impl{root, std::move(wide)});
  return std::unique_ptr<ReceiveFolder>(new ReceiveFolder(std::move(impl)));
}

ReceiveFolder::ReceiveFolder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ReceiveFolder::~ReceiveFolder() = default;

const std::filesystem::path& ReceiveFolder::root() const { return impl_->root; }

// Part files live directly in the root, which is the user's own folder as
// for every other write here; the part's name is opened with
// FILE_FLAG_OPEN_REPARSE_POINT (open_sink), so a link planted there is
// replaced, never followed.
Result<OpenedSink> ReceiveFolder::open_part(const boost::asio::any_io_executor& executor, std::string_view part_name,
                                            std::uint64_t size, Strategy requested, const DirectOptions& options,
                                            ByteObserver observer, std::uint64_t resume_from) const {
  if (!is_plain_name(part_name) || part_name.find_first_of("/\\:") != std::string_view::npos)
    return IoError{std::make_error_code(std::errc::invalid_argument), "CreateFileW", std::string(part_name)};
  return open_sink(executor, impl_->root / std::filesystem::path(widen(part_name)), size, requested, options,
                   std::move(observer), resume_from);
}

Result<void> ReceiveFolder::write_part(std::string_view part_name, std::span<const std::byte> bytes,
                                       std::int64_t mtime_ns) const {
  if (!is_plain_name(part_name) || part_name.find_first_of("/\\:") != std::string_view::npos)
    return IoError{std::make_error_code(std::errc::invalid_argument), "CreateFileW", std::string(part_name)};
  SinkFile file{open_file(impl_->root_wide + L'\\' + widen(part_name), GENERIC_WRITE, CREATE_ALWAYS,
                          FILE_FLAG_OPEN_REPARSE_POINT),
                (impl_->root / std::filesystem::path(widen(part_name))).string(), bytes.size(), 0};
  if (!file.handle.valid()) return last_win32_error("CreateFileW", file.path);
  if (auto wrote = write_at(file, bytes, 0); !wrote) return wrote.error();
  store_mtime(file, mtime_ns);
  close_file(file);
  return {};
}

Result<std::string> ReceiveFolder::commit(std::string_view part_name, std::string_view relative_path) const {
  const auto [parent, name] = split_parent(relative_path);
  if (!is_plain_name(name)) return win32_error(ERROR_INVALID_NAME, "MoveFileExW", std::string(relative_path));

  auto folder = pin_folder(impl_->root_wide, parent, true);
  if (!folder) return folder.error();
  const std::wstring part = impl_->root_wide + L'\\' + widen(part_name);
  for (int number = 0; number <= kMaxConflictNumber; ++number) {
    const std::string candidate = number == 0 ? std::string(name) : numbered_name(name, number);
    const std::wstring target = folder->path + L'\\' + widen(candidate);
    if (::MoveFileExW(part.c_str(), target.c_str(), 0)) return joined(parent, candidate);
    const DWORD error = ::GetLastError();
    if (!is_name_taken(error)) return win32_error(error, "MoveFileExW", joined(parent, candidate));
  }
  return win32_error(ERROR_FILE_EXISTS, "MoveFileExW", std::string(relative_path));
}

Result<void> ReceiveFolder::set_attributes(std::string_view relative_path, FileAttributes attributes) const {
  if (!attributes.read_only) return {};
  const std::string shown(relative_path);
  const auto [parent, name] = split_parent(relative_path);
  if (!is_plain_name(name)) return win32_error(ERROR_INVALID_NAME, "SetFileAttributesW", shown);
  auto folder = pin_folder(impl_->root_wide, parent, false);
  if (!folder) return folder.error();
  const std::wstring path = folder->path + L'\\' + widen(name);
  const DWORD now = ::GetFileAttributesW(path.c_str());
  if (now == INVALID_FILE_ATTRIBUTES) return last_win32_error("GetFileAttributesW", shown);
  if (now & FILE_ATTRIBUTE_REPARSE_POINT) return win32_error(ERROR_CANT_RESOLVE_FILENAME, "refused link", shown);
  if (!::SetFileAttributesW(path.c_str(), now | FILE_ATTRIBUTE_READONLY))
    return last_win32_error("SetFileAttributesW", shown);
  return {};
}

Result<void> ReceiveFolder::make_folder(std::string_view relative_path) const {
  auto folder = pin_folder(impl_->root_wide, relative_path, true);
  if (!folder) return folder.error();
  return {};
}

void ReceiveFolder::discard(std::string_view part_name) const noexcept {
  try {
    ::DeleteFileW((impl_->root_wide + L'\\' + widen(part_name)).c_str());
  } catch (...) {
    // Out of memory for the name: the part file stays, quietly.
  }
}

Result<std::unique_ptr<ReadOnlyFile>> ReceiveFolder::open_existing(std::string_view relative_path) const {
  const std::string shown(relative_path);
  const auto [parent, name] = split_parent(relative_path);
  if (!is_plain_name(name)) return win32_error(ERROR_INVALID_NAME, "CreateFileW", shown);
  auto folder = pin_folder(impl_->root_wide, parent, false);
  if (!folder && is_missing(folder.error())) return std::unique_ptr<ReadOnlyFile>{};
  if (!folder) return folder.error();
  UniqueHandle handle =
      open_file(folder->path + L'\\' + widen(name), GENERIC_READ, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT);
  if (!handle.valid()) {
    const DWORD error = ::GetLastError();
    if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND) return std::unique_ptr<ReadOnlyFile>{};
    return win32_error(error, "CreateFileW", shown);
  }
  if (auto attributes = attributes_refusing_links(handle.get(), shown); !attributes) return attributes.error();
  auto location = location_of(handle.get(), shown);
  if (!location) return location.error();
  if (!is_directly_inside(location.value(), folder->location))
    return win32_error(ERROR_CANT_RESOLVE_FILENAME, "refused link out of its folder", shown);
  return make_read_only_file(std::move(handle), shown);
}

Result<void> ReceiveFolder::make_durable(std::span<const std::string> part_names) const {
  for (const std::string& part_name : part_names) {
    UniqueHandle handle = open_file(impl_->root_wide + L'\\' + widen(part_name), GENERIC_WRITE, OPEN_EXISTING,
                                    FILE_FLAG_OPEN_REPARSE_POINT);
    if (!handle.valid()) return last_win32_error("CreateFileW", part_name);
    if (!::FlushFileBuffers(handle.get())) return last_win32_error("FlushFileBuffers", part_name);
  }
  return {};
}

Result<std::uint64_t> ReceiveFolder::free_bytes() const {
  ULARGE_INTEGER available{};
  if (!::GetDiskFreeSpaceExW((impl_->root_wide + L'\\').c_str(), &available, nullptr, nullptr))
    return last_win32_error("GetDiskFreeSpaceExW", impl_->root.string());
  return std::uint64_t{available.QuadPart};
}

}  // namespace ferry::platform
