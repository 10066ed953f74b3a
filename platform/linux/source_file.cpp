// SPDX-License-Identifier: Apache-2.0
// The buffered source's one Linux primitive: pread at an offset.
#include <unistd.h>

#include "linux_sources.hpp"

namespace ferry::platform::linux_impl {

Result<std::size_t> read_at(const SourceFile& file, std::span<std::byte> buffer, std::uint64_t offset) {
  ssize_t got = 0;
  do {
    got = ::pread(file.fd.get(), buffer.data(), buffer.size(), static_cast<off_t>(offset));
  } while (got < 0 && errno == EINTR);
  if (got < 0) return last_errno_error("pread", file.path);
  if (got == 0) return errno_error(EIO, "pread: file ended early", file.path);
  return static_cast<std::size_t>(got);
}

}  // namespace ferry::platform::linux_impl
