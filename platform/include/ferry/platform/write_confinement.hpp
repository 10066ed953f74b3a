// SPDX-License-Identifier: Apache-2.0
#pragma once
// The third layer under the path rules and the no-link walk: the kernel
// itself refuses writes outside the given folders to the calling thread and
// to every thread it creates afterwards. Reads stay free (a sender reads files
// anywhere); other threads of the process, a GUI's among them, are untouched.
// Linux: Landlock (ABI 2, kernel 5.19, for renames across folders). Windows
// has no per-thread equivalent (docs/security.md): nothing is applied there.
#include <filesystem>
#include <string>
#include <vector>

namespace ferry::platform {

struct WriteConfinement {
  bool applied = false;
  std::string detail;  // the folders confined to, or why nothing was applied
};

// Whether this OS has such a confinement at all (Linux: yes, whatever the
// kernel; Windows: no).
bool can_confine_writes();

WriteConfinement confine_writes(const std::vector<std::filesystem::path>& folders);

}  // namespace ferry::platform
