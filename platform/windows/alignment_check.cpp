// SPDX-License-Identifier: Apache-2.0
#include "alignment_check.hpp"

#include <windows.h>

#include "win_error.hpp"

namespace ferry::platform::windows_impl {
namespace {

IoError misaligned(const std::string& operation, const std::string& subject, const char* what, std::uint64_t value,
                   std::size_t sector_bytes) {
  return win32_error(ERROR_INVALID_PARAMETER,
                     operation + " (unaligned " + what + " " + std::to_string(value) + ", sector " +
                         std::to_string(sector_bytes) + ")",
                     subject);
}

}  // namespace

std::optional<IoError> check_unbuffered_io(std::uint64_t offset, std::size_t length, const void* buffer,
                                           std::size_t sector_bytes, const std::string& operation,
                                           const std::string& subject) {
  const std::uint64_t mask = sector_bytes - 1;
  if (offset & mask) return misaligned(operation, subject, "offset", offset, sector_bytes);
  if (length & mask) return misaligned(operation, subject, "length", length, sector_bytes);
  const auto address = reinterpret_cast<std::uintptr_t>(buffer);
  if (address & mask) return misaligned(operation, subject, "buffer address", address, sector_bytes);
  return std::nullopt;
}

}  // namespace ferry::platform::windows_impl
