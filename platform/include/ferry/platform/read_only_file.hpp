// SPDX-License-Identifier: Apache-2.0
#pragma once
// ReadOnlyFile: a file opened only to be read at explicit offsets, e.g. to
// digest what an earlier session left behind before resuming it.
//
// Thread: a file may be used from any one thread at a time (the engine hands
// them to its workers: the reads block).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

#include "ferry/base/io_result.hpp"

namespace ferry::platform {

class ReadOnlyFile {
 public:
  virtual ~ReadOnlyFile() = default;
  // The size and the modification time (ns since the Unix epoch) when the
  // file was opened.
  virtual std::uint64_t size() const = 0;
  virtual std::int64_t mtime_ns() const = 0;
  // Reads up to buffer.size() bytes at `offset`; 0 means end of file. Large
  // files are read without keeping their pages cached (the lecture's page
  // cache argument holds for digesting too).
  virtual Result<std::size_t> read_at(std::uint64_t offset, std::span<std::byte> buffer) = 0;
};

// Opens the regular file at `path` (following links: a sender's own files).
Result<std::unique_ptr<ReadOnlyFile>> open_read_only(const std::filesystem::path& path);

}  // namespace ferry::platform
