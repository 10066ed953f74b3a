// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <span>
#include <vector>

#include "ferry/platform/file_source.hpp"

namespace ferry::platform::linux_impl {

// A heap buffer whose address is a multiple of `alignment` (direct I/O needs it).
// Direct I/O buffers, and the buffered paths' 1 MiB ones, are large:
// allocating them per file costs an mmap, a page fault per page and an munmap
// (or zeroing) each time, so released buffers wait in a small per-thread cache
// for the next file (the engine moves files on one thread).
class AlignedBuffer {
 public:
  AlignedBuffer(std::size_t size, std::size_t alignment);
  std::byte* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  std::span<std::byte> span() const { return {data_.get(), size_}; }

  static std::size_t round_up(std::size_t value, std::size_t alignment) {
    return (value + alignment - 1) / alignment * alignment;
  }

 private:
  struct Recycle {
    std::size_t capacity = 0;
    std::size_t alignment = 0;
    void operator()(std::byte* p) const;
  };
  std::unique_ptr<std::byte, Recycle> data_;
  std::size_t size_;
};

// For the direct paths' shared code (platform/common).
inline std::byte* buffer_data(const AlignedBuffer& buffer) { return buffer.data(); }

// One direct read or write: the configured block rounded up to `alignment`.
inline std::size_t direct_block_bytes(const DirectOptions& options, std::size_t alignment) {
  return AlignedBuffer::round_up(options.block_bytes, alignment);
}

// The buffers of one direct source or sink: one per operation in flight.
std::vector<AlignedBuffer> direct_buffers(const DirectOptions& options, std::size_t alignment);

}  // namespace ferry::platform::linux_impl
