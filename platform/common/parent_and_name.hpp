// SPDX-License-Identifier: Apache-2.0
#pragma once
// A receive-folder path ('/'-separated, relative) split at its last '/'.
#include <string_view>

namespace ferry::platform {

struct ParentAndName {
  std::string_view parent;  // the folder it is in; empty: the receive folder itself
  std::string_view name;    // its own name
};

inline ParentAndName split_parent(std::string_view relative_path) {
  const std::size_t slash = relative_path.rfind('/');
  if (slash == std::string_view::npos) return {{}, relative_path};
  return {relative_path.substr(0, slash), relative_path.substr(slash + 1)};
}

}  // namespace ferry::platform
