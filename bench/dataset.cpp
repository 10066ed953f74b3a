// SPDX-License-Identifier: Apache-2.0
#include "dataset.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <system_error>
#include <vector>

#include <fmt/core.h>

#include "unique_fd.hpp"

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void throw_errno(const std::string& what, const fs::path& path) {
  throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// splitmix64: fast, and incompressible enough for a transfer benchmark.
std::uint64_t next_random(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

UniqueFd create_file(const fs::path& path) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd.valid()) throw_errno("create", path);
  return fd;
}

// Writes `size` pseudo-random bytes from `seed` to `fd`.
void write_random_bytes(const UniqueFd& fd, const fs::path& path, std::uint64_t size, std::uint64_t seed) {
  std::vector<std::uint64_t> words(static_cast<std::size_t>(std::min<std::uint64_t>(128 * 1024, (size + 7) / 8)));
  std::uint64_t state = seed;
  std::uint64_t remaining = size;
  while (remaining > 0) {
    for (std::uint64_t& word : words) word = next_random(state);
    const auto* bytes = reinterpret_cast<const char*>(words.data());
    std::size_t length = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, words.size() * 8));
    remaining -= length;
    while (length > 0) {
      const ssize_t written = ::write(fd.get(), bytes, length);
      if (written < 0 && errno == EINTR) continue;
      if (written < 0) throw_errno("write", path);
      bytes += written;
      length -= static_cast<std::size_t>(written);
    }
  }
}

}  // namespace

void write_random_file(const fs::path& path, std::uint64_t size, std::uint64_t seed) {
  const UniqueFd fd = create_file(path);
  write_random_bytes(fd, path, size, seed);
  if (::fdatasync(fd.get()) != 0) throw_errno("fdatasync", path);
}

void write_small_tree(const fs::path& dir, std::uint32_t count, std::uint64_t size, std::uint32_t folders) {
  for (std::uint32_t folder = 0; folder < folders; ++folder)
    fs::create_directories(dir / fmt::format("d{:03}", folder));
  for (std::uint32_t i = 0; i < count; ++i) {
    const fs::path path = dir / fmt::format("d{:03}", i % folders) / fmt::format("s{:05}.bin", i);
    write_random_bytes(create_file(path), path, size, 0x534d414c4cull ^ i);
  }
  ::sync();  // one sync for all: an fdatasync per file would take longer than the transfers
}

std::vector<std::uint64_t> log_uniform_sizes(std::uint32_t count, std::uint64_t min, std::uint64_t max) {
  std::uint64_t state = 0x4d49584544ull;  // fixed: the same set everywhere
  const double low = std::log(static_cast<double>(min));
  const double high = std::log(static_cast<double>(max));
  std::vector<std::uint64_t> sizes;
  for (std::uint32_t i = 0; i < count; ++i) {
    const double unit = static_cast<double>(next_random(state) >> 11) / 9007199254740992.0;  // [0, 1)
    const auto size = static_cast<std::uint64_t>(std::exp(low + unit * (high - low)));
    sizes.push_back(std::clamp(size, min, max));
  }
  return sizes;
}

void write_sized_files(const fs::path& dir, const std::vector<std::uint64_t>& sizes) {
  fs::create_directories(dir);
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    write_random_file(dir / fmt::format("m{:03}.bin", i), sizes[i],
                      0x4d4958ull ^ (static_cast<std::uint64_t>(i) << 32));
  }
}

}  // namespace ferry::bench
