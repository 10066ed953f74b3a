// SPDX-License-Identifier: Apache-2.0
// Linux receive folder: every path is resolved with openat() from the folder's
// own fd, one component at a time with O_NOFOLLOW, so neither a planted symlink
// nor a path naming one can redirect a write outside the folder.
#include "ferry/platform/receive_folder.hpp"

#include "parent_and_name.hpp"

#include "linux_sinks.hpp"

#include "fd_read_only_file.hpp"
#include "unique_fd.hpp"

#include <fcntl.h>
#include <limits.h>  // NAME_MAX
#include <stdio.h>   // renameat2, RENAME_NOREPLACE (glibc, _GNU_SOURCE)
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <string>
#include <system_error>
#include <utility>

namespace ferry::platform {

using linux_impl::UniqueFd;

namespace {

constexpr int kFolderFlags = O_DIRECTORY | O_NOFOLLOW | O_RDONLY | O_CLOEXEC;
constexpr int kMaxConflictNumber = 9999;

// The subject is a view so that nothing allocates, and maybe clobbers errno,
// before the caller's errno argument is read.
IoError syscall_error(int error_number, const char* operation, std::string_view subject) {
  return errno_error(error_number, operation, std::string(subject));
}

// Names that would leave the folder or stay in place are never walked.
bool is_plain_name(std::string_view name) { return !name.empty() && name != "." && name != ".."; }

// Opens the folder `name` in `dir` without following a symlink, creating it
// first when missing and `create` is set. `shown` is its path for messages.
Result<UniqueFd> open_child_folder(int dir, const std::string& name, std::string_view shown, bool create) {
  int fd = ::openat(dir, name.c_str(), kFolderFlags);
  if (fd < 0 && errno == ENOENT && create) {
    if (::mkdirat(dir, name.c_str(), 0755) != 0 && errno != EEXIST) {
      return syscall_error(errno, "mkdirat", shown);
    }
    fd = ::openat(dir, name.c_str(), kFolderFlags);  // also after losing a creation race
  }
  if (fd < 0) return syscall_error(errno, "openat", shown);
  return UniqueFd(fd);
}

// Opens the folder `relative` ('/'-separated; empty is the root itself).
Result<UniqueFd> open_folder(int root, std::string_view relative, bool create) {
  if (relative.empty()) {
    const int fd = ::fcntl(root, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return syscall_error(errno, "fcntl", ".");
    return UniqueFd(fd);
  }
  UniqueFd current;
  int at = root;
  for (std::size_t start = 0; start <= relative.size();) {
    std::size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    const std::string_view name = relative.substr(start, end - start);
    const std::string_view walked = relative.substr(0, end);
    if (!is_plain_name(name)) return syscall_error(EINVAL, "openat", walked);
    auto next = open_child_folder(at, std::string(name), walked, create);
    if (!next) return next.error();
    current = std::move(next.value());
    at = current.get();
    start = end + 1;
  }
  return current;
}

// The first `max_bytes` of `text`, cut back to a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t size = max_bytes;
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) --size;
  return text.substr(0, size);
}

// "stem (n).ext" for "stem.ext" (a leading dot starts no extension), the stem
// shortened when needed so the name still fits in NAME_MAX bytes.
std::string numbered_name(std::string_view name, int number) {
  const std::size_t dot = name.rfind('.');
  const bool has_extension = dot != std::string_view::npos && dot != 0;
  const std::string_view extension = has_extension ? name.substr(dot) : std::string_view();
  const std::string suffix = " (" + std::to_string(number) + ")";
  const std::size_t fixed = std::min<std::size_t>(NAME_MAX, suffix.size() + extension.size());
  const std::string_view stem = utf8_prefix(name.substr(0, name.size() - extension.size()), NAME_MAX - fixed);
  return std::string(stem) + suffix + std::string(extension);
}

// Moves `from` (in `from_dir`) to `to` (in `to_dir`), never replacing an
// existing `to`; `shown` names `to` in errors.
Result<void> move_no_replace(int from_dir, const std::string& from, int to_dir, const std::string& to,
                             std::string_view shown) {
  if (::renameat2(from_dir, from.c_str(), to_dir, to.c_str(), RENAME_NOREPLACE) == 0) return {};
  if (errno != EINVAL && errno != ENOSYS) return syscall_error(errno, "renameat2", shown);
  // No RENAME_NOREPLACE on this file system (NFS, some FUSE): a hard link
  // refuses an existing name just the same.
  if (::linkat(from_dir, from.c_str(), to_dir, to.c_str(), 0) != 0) {
    return syscall_error(errno, "linkat", shown);
  }
  ::unlinkat(from_dir, from.c_str(), 0);
  return {};
}

std::string joined(std::string_view parent, std::string_view name) {
  if (parent.empty()) return std::string(name);
  std::string path(parent);
  path += '/';
  path += name;
  return path;
}

}  // namespace

struct ReceiveFolder::Impl {
  std::filesystem::path root;
  UniqueFd root_fd;
  // The folder the last file went to: files of one folder arrive together, so
  // this saves walking the same path again for each of them. Commits hold
  // the lock: a worker's batch and the engine thread's may overlap.
  std::mutex commit_mutex;
  std::string last_parent;
  UniqueFd last_parent_fd;

  Result<int> parent_folder(std::string_view parent) {
    if (!last_parent_fd.valid() || last_parent != parent) {
      auto folder = open_folder(root_fd.get(), parent, true);
      if (!folder) return folder.error();
      last_parent_fd = std::move(folder.value());
      last_parent = parent;
    }
    return last_parent_fd.get();
  }
};

Result<std::unique_ptr<ReceiveFolder>> ReceiveFolder::open(const std::filesystem::path& root) {
  std::error_code error;
  std::filesystem::create_directories(root, error);
  if (error) return IoError{error, "create_directories", root.string()};
  const int fd = ::open(root.c_str(), O_DIRECTORY | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return syscall_error(errno, "open", root.native());
  auto impl = std::make_unique<Impl>();
  impl->root = root;
  impl->root_fd = UniqueFd(fd);
  return std::unique_ptr<ReceiveFolder>(new ReceiveFolder(std::move(impl)));
}

ReceiveFolder::ReceiveFolder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ReceiveFolder::~ReceiveFolder() = default;

const std::filesystem::path& ReceiveFolder::root() const { return impl_->root; }

Result<OpenedSink> ReceiveFolder::open_part(const boost::asio::any_io_executor& executor, std::string_view part_name,
                                            std::uint64_t size, Strategy requested, const DirectOptions& options,
                                            ByteObserver observer, std::uint64_t resume_from) const {
  if (!is_plain_name(part_name) || part_name.find('/') != std::string_view::npos)
    return syscall_error(EINVAL, "openat", part_name);
  return linux_impl::open_sink_at(executor, {impl_->root_fd.get(), std::string(part_name)},
                                  (impl_->root / part_name).string(), size, requested, options, std::move(observer),
                                  resume_from);
}

Result<void> ReceiveFolder::write_part(std::string_view part_name, std::span<const std::byte> bytes,
                                       std::int64_t mtime_ns) const {
  if (!is_plain_name(part_name) || part_name.find('/') != std::string_view::npos)
    return syscall_error(EINVAL, "openat", part_name);
  const std::string name(part_name);
  linux_impl::SinkFile file{UniqueFd(::openat(impl_->root_fd.get(), name.c_str(),
                                              O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644)),
                            (impl_->root / part_name).string(), bytes.size(), 0};
  if (!file.fd.valid()) return last_errno_error("open", file.path);
  if (auto wrote = write_at(file, bytes, 0); !wrote) return wrote.error();
  store_mtime(file, mtime_ns);
  close_file(file);
  return {};
}

Result<std::string> ReceiveFolder::commit(std::string_view part_name, std::string_view relative_path) const {
  const std::lock_guard lock(impl_->commit_mutex);
  const auto [parent, name] = split_parent(relative_path);
  if (!is_plain_name(name)) return syscall_error(EINVAL, "renameat2", relative_path);

  auto folder = impl_->parent_folder(parent);
  if (!folder) return folder.error();
  const std::string part(part_name);
  for (int number = 0; number <= kMaxConflictNumber; ++number) {
    const std::string candidate = number == 0 ? std::string(name) : numbered_name(name, number);
    const std::string used = joined(parent, candidate);
    auto moved = move_no_replace(impl_->root_fd.get(), part, folder.value(), candidate, used);
    if (moved) return used;
    if (moved.error().code != std::errc::file_exists) return moved.error();
  }
  return syscall_error(EEXIST, "renameat2", relative_path);
}

Result<void> ReceiveFolder::set_attributes(std::string_view relative_path, FileAttributes attributes) const {
  const auto [parent, last] = split_parent(relative_path);
  const std::string name(last);
  if (!is_plain_name(name)) return syscall_error(EINVAL, "openat", relative_path);
  auto folder = open_folder(impl_->root_fd.get(), parent, false);
  if (!folder) return folder.error();
  const UniqueFd file(::openat(folder->get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!file.valid()) return syscall_error(errno, "openat", relative_path);
  struct stat facts {};
  if (::fstat(file.get(), &facts) != 0) return syscall_error(errno, "fstat", relative_path);
  mode_t mode = facts.st_mode & 07777;
  if (attributes.executable) mode |= (mode & 0444) >> 2;  // execute for whoever may read, as chmod +x with a umask
  if (attributes.read_only) mode &= ~static_cast<mode_t>(0222);
  if (::fchmod(file.get(), mode) != 0) return syscall_error(errno, "fchmod", relative_path);
  return {};
}

Result<void> ReceiveFolder::make_folder(std::string_view relative_path) const {
  auto folder = open_folder(impl_->root_fd.get(), relative_path, true);
  if (!folder) return folder.error();
  return {};
}

void ReceiveFolder::discard(std::string_view part_name) const noexcept {
  char name[NAME_MAX + 1];  // no allocation: this must not throw
  if (part_name.size() > NAME_MAX) return;
  std::memcpy(name, part_name.data(), part_name.size());
  name[part_name.size()] = '\0';
  ::unlinkat(impl_->root_fd.get(), name, 0);
}

Result<std::unique_ptr<ReadOnlyFile>> ReceiveFolder::open_existing(std::string_view relative_path) const {
  const auto [parent, last] = split_parent(relative_path);
  const std::string name(last);
  if (!is_plain_name(name)) return syscall_error(EINVAL, "openat", relative_path);
  auto folder = open_folder(impl_->root_fd.get(), parent, false);
  if (!folder && folder.error().code == std::errc::no_such_file_or_directory) return std::unique_ptr<ReadOnlyFile>{};
  if (!folder) return folder.error();
  const int fd = ::openat(folder->get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return std::unique_ptr<ReadOnlyFile>{};
  if (fd < 0) return syscall_error(errno, "openat", relative_path);
  return linux_impl::make_read_only_file(UniqueFd(fd), std::string(relative_path));
}

Result<void> ReceiveFolder::make_durable(std::span<const std::string>) const {
  if (::syncfs(impl_->root_fd.get()) != 0) return syscall_error(errno, "syncfs", impl_->root.native());
  return {};
}

Result<std::uint64_t> ReceiveFolder::free_bytes() const {
  struct statvfs stats {};
  if (::fstatvfs(impl_->root_fd.get(), &stats) != 0) {
    return syscall_error(errno, "fstatvfs", impl_->root.native());
  }
  return std::uint64_t{stats.f_bavail} * stats.f_frsize;
}

}  // namespace ferry::platform
