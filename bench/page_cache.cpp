// SPDX-License-Identifier: Apache-2.0
#include "page_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <cerrno>
#include <system_error>

#include "unique_fd.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void throw_errno(const std::string& what, const fs::path& path) {
  throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

UniqueFd open_read(const fs::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) throw_errno("open", path);
  return fd;
}

std::uint64_t size_of(const UniqueFd& fd, const fs::path& path) {
  struct stat facts {};
  if (::fstat(fd.get(), &facts) != 0) throw_errno("fstat", path);
  return static_cast<std::uint64_t>(facts.st_size);
}

Residency file_residency(const fs::path& path) {
  const UniqueFd fd = open_read(path);
  const std::uint64_t size = size_of(fd, path);
  if (size == 0) return {};
  const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  const std::uint64_t pages = (size + page - 1) / page;
  // Mapping a file does not read it; mincore only reports what is cached.
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd.get(), 0);
  if (map == MAP_FAILED) throw_errno("mmap", path);
  std::vector<unsigned char> cached(pages);
  const int result = ::mincore(map, size, cached.data());
  const int mincore_errno = errno;
  ::munmap(map, size);
  if (result != 0) {
    errno = mincore_errno;
    throw_errno("mincore", path);
  }
  Residency residency;
  residency.total_pages = pages;
  residency.resident_pages = static_cast<std::uint64_t>(
      std::count_if(cached.begin(), cached.end(), [](unsigned char page_state) { return (page_state & 1) != 0; }));
  return residency;
}

}  // namespace

double Residency::fraction() const {
  return total_pages == 0 ? 0.0 : static_cast<double>(resident_pages) / static_cast<double>(total_pages);
}

Residency& Residency::operator+=(const Residency& other) {
  resident_pages += other.resident_pages;
  total_pages += other.total_pages;
  return *this;
}

std::vector<fs::path> regular_files(const fs::path& root) {
  std::vector<fs::path> files;
  if (fs::is_regular_file(root)) {
    files.push_back(root);
    return files;
  }
  if (!fs::is_directory(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Residency residency(const fs::path& root) {
  Residency total;
  for (const fs::path& file : regular_files(root)) total += file_residency(file);
  return total;
}

Residency evict(const fs::path& root) {
  // A few pages can escape one pass (e.g. still on a per-CPU LRU batch), so retry briefly.
  constexpr int kAttempts = 5;
  Residency left;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // Dirty pages cannot be dropped. One sync for the whole tree: an fdatasync
    // per file flushes the disk's cache each time, which for S's 10,000 files
    // took longer than the transfers themselves.
    ::sync();
    for (const fs::path& file : regular_files(root)) {
      const UniqueFd fd = open_read(file);
      const int error = ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_DONTNEED);
      if (error != 0) {
        errno = error;
        throw_errno("posix_fadvise DONTNEED", file);
      }
    }
    left = residency(root);
    if (left.resident_pages == 0) break;
  }
  return left;
}

void read_through(const fs::path& root) {
  std::vector<char> buffer(1024 * 1024);
  for (const fs::path& file : regular_files(root)) {
    const UniqueFd fd = open_read(file);
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    while (true) {
      const ssize_t got = ::read(fd.get(), buffer.data(), buffer.size());
      if (got == 0) break;
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) throw_errno("read", file);
    }
  }
}

}  // namespace ferry::bench
