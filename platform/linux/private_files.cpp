// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/private_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <random>

#include "unique_fd.hpp"

namespace ferry::platform {
namespace {

using linux_impl::UniqueFd;

Result<void> make_private_dirs(const std::filesystem::path& dir) {
  if (dir.empty() || ::mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST) return {};
  if (errno != ENOENT) return last_errno_error("mkdir", dir.string());
  if (auto parent = make_private_dirs(dir.parent_path()); !parent) return parent;
  if (::mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST) return {};
  return last_errno_error("mkdir", dir.string());
}

// Writes `content` to a fresh 0600 file beside `path` and makes it durable.
Result<std::filesystem::path> write_temporary(const std::filesystem::path& path, std::string_view content) {
  if (auto dirs = make_private_dirs(path.parent_path()); !dirs) return dirs.error();
  std::random_device random;
  auto temporary = path;
  temporary += ".tmp-" + std::to_string(random());
  UniqueFd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!fd.valid()) return last_errno_error("open", temporary.string());
  for (std::size_t done = 0; done < content.size();) {
    const auto n = ::write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      auto error = last_errno_error("write", temporary.string());
      ::unlink(temporary.c_str());
      return error;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) {
    auto error = last_errno_error("fsync", temporary.string());
    ::unlink(temporary.c_str());
    return error;
  }
  return temporary;
}

}  // namespace

std::filesystem::path user_config_dir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg == '/') return std::filesystem::path(xdg) / "ferry";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".config" / "ferry";
}

Result<bool> create_private_file(const std::filesystem::path& path, std::string_view content) {
  auto temporary = write_temporary(path, content);
  if (!temporary) return temporary.error();
  // link() fails with EEXIST instead of replacing: the first writer wins.
  const bool created = ::link(temporary->c_str(), path.c_str()) == 0;
  const int link_errno = errno;
  ::unlink(temporary->c_str());
  if (created) return true;
  if (link_errno == EEXIST) return false;
  return errno_error(link_errno, "link", path.string());
}

Result<void> replace_private_file(const std::filesystem::path& path, std::string_view content) {
  auto temporary = write_temporary(path, content);
  if (!temporary) return temporary.error();
  if (::rename(temporary->c_str(), path.c_str()) != 0) {
    auto error = last_errno_error("rename", path.string());
    ::unlink(temporary->c_str());
    return error;
  }
  return {};
}

Result<std::string> read_small_file(const std::filesystem::path& path, std::size_t max_bytes) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return last_errno_error("open", path.string());
  std::string content;
  char chunk[4096];
  for (;;) {
    const auto n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return last_errno_error("read", path.string());
    if (n == 0) return content;
    if (content.size() + static_cast<std::size_t>(n) > max_bytes) return errno_error(EFBIG, "read", path.string());
    content.append(chunk, static_cast<std::size_t>(n));
  }
}

}  // namespace ferry::platform
