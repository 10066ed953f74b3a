#include "dataset.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

#include <fmt/core.h>

#include "unique_fd.hpp"

namespace ferry::bench {
namespace {

[[noreturn]] void throw_errno(const std::string& what, const std::filesystem::path& path) {
  throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// splitmix64: fast, and incompressible enough for a transfer benchmark.
std::uint64_t next_random(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace

void write_random_file(const std::filesystem::path& path, std::uint64_t size, std::uint64_t seed) {
  const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd.valid()) throw_errno("create", path);
  std::vector<std::uint64_t> words(128 * 1024);  // 1 MiB
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
  if (::fdatasync(fd.get()) != 0) throw_errno("fdatasync", path);
}

void write_file_set(const std::filesystem::path& dir, std::uint32_t count, std::uint64_t size) {
  std::filesystem::create_directories(dir);
  for (std::uint32_t i = 0; i < count; ++i) {
    write_random_file(dir / fmt::format("f{:04}.bin", i), size, (size << 20) ^ i);
  }
}

}  // namespace ferry::bench
