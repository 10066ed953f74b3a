// SPDX-License-Identifier: Apache-2.0
#include "page_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <QtTest>
#include <algorithm>
#include <vector>

namespace ferry::test {
namespace fs = std::filesystem;

double resident_fraction(const fs::path& path) { return resident_fraction(path, 0, fs::file_size(path)); }

double resident_fraction(const fs::path& path, std::uint64_t offset, std::uint64_t length) {
  if (length == 0) return 0;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) qFatal("open %s", path.c_str());
  const auto size = static_cast<std::size_t>(length);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, static_cast<off_t>(offset));
  ::close(fd);
  if (map == MAP_FAILED) qFatal("mmap %s", path.c_str());
  const long page = ::sysconf(_SC_PAGESIZE);
  std::vector<unsigned char> pages((size + page - 1) / page);
  ::mincore(map, size, pages.data());
  ::munmap(map, size);
  const auto resident = std::count_if(pages.begin(), pages.end(), [](unsigned char c) { return c & 1; });
  return static_cast<double>(resident) / static_cast<double>(pages.size());
}

void evict_from_page_cache(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) qFatal("open %s", path.c_str());
  ::fdatasync(fd);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
}

}  // namespace ferry::test
