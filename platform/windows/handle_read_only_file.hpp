// SPDX-License-Identifier: Apache-2.0
#pragma once
// The Windows ReadOnlyFile over an open handle (see read_only_file.hpp).
#include <memory>
#include <string>

#include "ferry/platform/read_only_file.hpp"
#include "unique_handle.hpp"

namespace ferry::platform::windows_impl {

// `handle` is a synchronous handle open for reading; fails unless it is a
// regular file.
Result<std::unique_ptr<ReadOnlyFile>> make_read_only_file(UniqueHandle handle, std::string path);

}  // namespace ferry::platform::windows_impl
