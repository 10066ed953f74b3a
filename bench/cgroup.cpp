// SPDX-License-Identifier: Apache-2.0
#include "cgroup.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/core.h>

namespace ferry::bench {
namespace {

namespace fs = std::filesystem;

struct Hierarchy {
  fs::path mount;   // where the hierarchy is mounted
  fs::path parent;  // the folder to create the new cgroup in
  int version = 0;
};

std::vector<std::string> words_of(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// This process's cgroup path in the hierarchy whose /proc/self/cgroup line
// matches: "4:memory:/a/b" for v1 (`controller` "memory"), "0::/a/b" for v2 ("").
std::optional<fs::path> own_cgroup(const std::string& controller) {
  std::ifstream in("/proc/self/cgroup");
  for (std::string line; std::getline(in, line);) {
    const std::size_t first = line.find(':');
    const std::size_t second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const bool match = controller.empty() ? line.starts_with("0::")
                                          : ("," + controllers + ",").find("," + controller + ",") != std::string::npos;
    if (match) return fs::path(line.substr(second + 1)).relative_path();
  }
  return std::nullopt;
}

// The v1 memory hierarchy when one is mounted, else the v2 one when it offers
// the memory controller. A v1 child goes under this process's own cgroup (so
// any limit on this process still applies); a v2 child goes under the root,
// the one place v2 lets a cgroup with processes enable controllers below it.
std::variant<Hierarchy, std::string> find_hierarchy() {
  std::ifstream in("/proc/self/mountinfo");
  std::optional<fs::path> v2_mount;
  for (std::string line; std::getline(in, line);) {
    // "... MOUNTPOINT OPTIONS ... - FSTYPE SOURCE SUPEROPTIONS"
    const std::vector<std::string> words = words_of(line);
    const auto dash = std::find(words.begin(), words.end(), "-");
    if (words.size() < 5 || dash == words.end() || words.end() - dash < 4) continue;
    const std::string& type = *(dash + 1);
    const std::string& super_options = *(dash + 3);
    if (type == "cgroup" && ("," + super_options + ",").find(",memory,") != std::string::npos) {
      const auto own = own_cgroup("memory");
      return Hierarchy{words[4], fs::path(words[4]) / own.value_or(fs::path()), 1};
    }
    if (type == "cgroup2" && !v2_mount) v2_mount = fs::path(words[4]);
  }
  if (!v2_mount) return std::string("no cgroup memory controller is mounted");
  std::ifstream controllers(*v2_mount / "cgroup.controllers");
  std::string list;
  std::getline(controllers, list);
  if ((" " + list + " ").find(" memory ") == std::string::npos) {
    return fmt::format("the cgroup v2 hierarchy at {} has no memory controller (it is bound to v1 or disabled)",
                       v2_mount->string());
  }
  return Hierarchy{*v2_mount, *v2_mount, 2};
}

// Writes `text` to a control file; the error text, or nullopt on success.
std::optional<std::string> write_control(const fs::path& file, const std::string& text) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return fmt::format("open {}: {}", file.string(), std::strerror(errno));
  const ssize_t written = ::write(fd, text.data(), text.size());
  const int error = errno;
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size())) {
    return fmt::format("write '{}' to {}: {}", text, file.string(), std::strerror(error));
  }
  return std::nullopt;
}

std::optional<std::uint64_t> read_number(const fs::path& file) {
  std::ifstream in(file);
  std::uint64_t value = 0;
  if (in >> value) return value;
  return std::nullopt;
}

}  // namespace

std::variant<MemoryCgroup, std::string> MemoryCgroup::create(std::uint64_t limit_bytes) {
  if (::geteuid() != 0) return std::string("it needs root (creating a cgroup and moving processes into it)");
  auto found = find_hierarchy();
  if (const auto* reason = std::get_if<std::string>(&found)) return *reason;
  const Hierarchy hierarchy = std::get<Hierarchy>(found);
  static int serial = 0;
  const fs::path path = hierarchy.parent / fmt::format("ferry-bench-{}-{}", ::getpid(), ++serial);
  if (hierarchy.version == 2) {
    if (const auto error = write_control(hierarchy.parent / "cgroup.subtree_control", "+memory")) return *error;
  }
  if (::mkdir(path.c_str(), 0755) != 0) return fmt::format("mkdir {}: {}", path.string(), std::strerror(errno));
  const std::string limit_file = hierarchy.version == 1 ? "memory.limit_in_bytes" : "memory.max";
  auto error = write_control(path / limit_file, std::to_string(limit_bytes));
  if (!error && hierarchy.version == 2) {
    error = write_control(path / "memory.swap.max", "0");  // no swap: page cache is what gives way
    if (error && !fs::exists(path / "memory.swap.max")) error.reset();
  }
  UniqueFd procs(::open((path / "cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC));
  if (!error && !procs.valid())
    error = fmt::format("open {}: {}", (path / "cgroup.procs").string(), std::strerror(errno));
  if (error) {
    ::rmdir(path.c_str());
    return *error;
  }
  return MemoryCgroup(path, hierarchy.version, std::move(procs));
}

MemoryCgroup::MemoryCgroup(fs::path path, int version, UniqueFd procs)
    : path_(std::move(path)), version_(version), procs_(std::move(procs)) {}

MemoryCgroup::MemoryCgroup(MemoryCgroup&& other) noexcept
    : path_(std::move(other.path_)), version_(other.version_), procs_(std::move(other.procs_)) {
  other.path_.clear();
}

MemoryCgroup::~MemoryCgroup() {
  if (path_.empty()) return;
  procs_.reset();
  // A process that was just killed leaves the cgroup a moment after wait4 reports it.
  for (int attempt = 0; attempt < 50; ++attempt) {
    if (::rmdir(path_.c_str()) == 0 || errno == ENOENT) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  fmt::print(stderr, "ferry-bench: could not remove cgroup {}: {}\n", path_.string(), std::strerror(errno));
}

std::optional<std::uint64_t> MemoryCgroup::peak_bytes() const {
  return read_number(path_ / (version_ == 1 ? "memory.max_usage_in_bytes" : "memory.peak"));
}

}  // namespace ferry::bench
