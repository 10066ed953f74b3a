// SPDX-License-Identifier: Apache-2.0
// Linux ReadOnlyFile: pread on a plain descriptor; pages of large files are
// dropped from the page cache as soon as they have been read.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd_read_only_file.hpp"

namespace ferry::platform::linux_impl {
namespace {

// From this size on, a file read once would only evict hotter pages.
constexpr std::uint64_t kUncachedFromBytes = 32ull * 1024 * 1024;

class FdReadOnlyFile final : public ReadOnlyFile {
 public:
  FdReadOnlyFile(UniqueFd fd, std::string path, std::uint64_t size, std::int64_t mtime_ns)
      : fd_(std::move(fd)), path_(std::move(path)), size_(size), mtime_ns_(mtime_ns) {}

  std::uint64_t size() const override { return size_; }
  std::int64_t mtime_ns() const override { return mtime_ns_; }

  Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> buffer) override {
    ssize_t got = 0;
    do {
      got = ::pread(fd_.get(), buffer.data(), buffer.size(), static_cast<off_t>(offset));
    } while (got < 0 && errno == EINTR);
    if (got < 0) return last_errno_error("pread", path_);
    if (size_ >= kUncachedFromBytes && got > 0)
      ::posix_fadvise(fd_.get(), static_cast<off_t>(offset), got, POSIX_FADV_DONTNEED);
    return static_cast<std::size_t>(got);
  }

 private:
  UniqueFd fd_;
  std::string path_;
  std::uint64_t size_;
  std::int64_t mtime_ns_;
};

}  // namespace

Result<std::unique_ptr<ReadOnlyFile>> make_read_only_file(UniqueFd fd, std::string path) {
  struct stat facts {};
  if (::fstat(fd.get(), &facts) != 0) return last_errno_error("fstat", path);
  if (!S_ISREG(facts.st_mode)) return errno_error(EINVAL, "open: not a regular file", path);
  const auto size = static_cast<std::uint64_t>(facts.st_size);
  const std::int64_t mtime_ns = std::int64_t{facts.st_mtim.tv_sec} * 1'000'000'000 + facts.st_mtim.tv_nsec;
  return std::unique_ptr<ReadOnlyFile>(new FdReadOnlyFile(std::move(fd), std::move(path), size, mtime_ns));
}

}  // namespace ferry::platform::linux_impl

namespace ferry::platform {

Result<std::unique_ptr<ReadOnlyFile>> open_read_only(const std::filesystem::path& path) {
  linux_impl::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return last_errno_error("open", path.string());
  return linux_impl::make_read_only_file(std::move(fd), path.string());
}

}  // namespace ferry::platform
