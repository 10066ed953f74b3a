// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/write_confinement.hpp"

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "unique_fd.hpp"

namespace ferry::platform {

namespace {

using linux_impl::UniqueFd;

// Landlock ABI 3 (kernel 6.2); older kernel headers lack the name.
constexpr std::uint64_t kAccessTruncate = 1ULL << 14;

std::uint64_t handled_writes(int abi) {
  std::uint64_t access = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                         LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
                         LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
                         LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM | LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3) access |= kAccessTruncate;
  return access;
}

std::string errno_text(const char* call) { return fmt::format("{}: {}", call, std::strerror(errno)); }

}  // namespace

bool can_confine_writes() { return true; }

WriteConfinement confine_writes(const std::vector<std::filesystem::path>& folders) {
  const long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 0) {
    if (errno == ENOSYS || errno == EOPNOTSUPP)
      return {false, "this kernel has no Landlock (or it is disabled at boot)"};
    return {false, errno_text("landlock_create_ruleset")};
  }
  // ABI 1 refuses every rename into another folder, and a received file's
  // part is renamed from the folder's top into its own subfolder.
  if (abi < 2) return {false, "this kernel's Landlock (ABI 1) cannot allow renames across folders"};

  const std::uint64_t access = handled_writes(static_cast<int>(abi));
  landlock_ruleset_attr attributes{};
  attributes.handled_access_fs = access;
  const UniqueFd ruleset(static_cast<int>(syscall(SYS_landlock_create_ruleset, &attributes, sizeof attributes, 0)));
  if (!ruleset.valid()) return {false, errno_text("landlock_create_ruleset")};

  std::string confined;
  for (const auto& folder : folders) {
    const UniqueFd directory(::open(folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!directory.valid()) return {false, fmt::format("open({}): {}", folder.string(), std::strerror(errno))};
    landlock_path_beneath_attr beneath{};
    beneath.allowed_access = access;
    beneath.parent_fd = directory.get();
    if (syscall(SYS_landlock_add_rule, ruleset.get(), LANDLOCK_RULE_PATH_BENEATH, &beneath, 0) != 0)
      return {false, fmt::format("landlock_add_rule({}): {}", folder.string(), std::strerror(errno))};
    confined += (confined.empty() ? "" : ", ") + folder.string();
  }
  // Required of an unprivileged thread, and per thread like the confinement.
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return {false, errno_text("prctl(PR_SET_NO_NEW_PRIVS)")};
  if (syscall(SYS_landlock_restrict_self, ruleset.get(), 0) != 0) return {false, errno_text("landlock_restrict_self")};
  return {true, fmt::format("writes confined to {} (Landlock ABI {})", confined, abi)};
}

}  // namespace ferry::platform
