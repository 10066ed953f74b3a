// SPDX-License-Identifier: Apache-2.0
#pragma once
// The Linux ReadOnlyFile over an open descriptor (see read_only_file.hpp).
#include <memory>
#include <string>

#include "ferry/platform/read_only_file.hpp"
#include "unique_fd.hpp"

namespace ferry::platform::linux_impl {

// `fd` is open for reading; fails unless it is a regular file.
Result<std::unique_ptr<ReadOnlyFile>> make_read_only_file(UniqueFd fd, std::string path);

}  // namespace ferry::platform::linux_impl
