// SPDX-License-Identifier: Apache-2.0
#pragma once
// FILE_FLAG_NO_BUFFERING requires every ReadFile/WriteFile to start at a file
// offset, move a length and use a buffer address that are all multiples of
// the volume's sector size; Windows fails the call otherwise
// (ERROR_INVALID_PARAMETER). Wine ignores the flag and never fails, so Ferry
// checks these invariants itself before every unbuffered call: a mistake shows
// up in the tests under Wine, named, instead of only on a real Windows disk.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "ferry/base/io_result.hpp"

namespace ferry::platform::windows_impl {

// nullopt when `offset`, `length` and `buffer` are multiples of `sector_bytes`
// (a power of two); else an IoError naming `operation`, `subject` and the
// invariant that broke, e.g. "ReadFile (unaligned length 4097, sector 4096)".
std::optional<IoError> check_unbuffered_io(std::uint64_t offset, std::size_t length, const void* buffer,
                                           std::size_t sector_bytes, const std::string& operation,
                                           const std::string& subject);

}  // namespace ferry::platform::windows_impl
