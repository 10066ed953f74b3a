// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <windows.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <new>
#include <span>
#include <vector>

#include "ferry/platform/file_source.hpp"

namespace ferry::platform::windows_impl {

// Memory straight from VirtualAlloc: its address is a multiple of the
// allocation granularity (64 KiB), so it suits any sector size for unbuffered I/O.
class VirtualBuffer {
 public:
  explicit VirtualBuffer(std::size_t size)
      : data_(static_cast<std::byte*>(::VirtualAlloc(nullptr, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE))),
        size_(size) {
    if (!data_) throw std::bad_alloc();
  }
  std::byte* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  std::span<std::byte> span() const { return {data_.get(), size_}; }

  static std::size_t round_up(std::size_t value, std::size_t alignment) {
    return (value + alignment - 1) / alignment * alignment;
  }

 private:
  struct Free {
    void operator()(std::byte* p) const { ::VirtualFree(p, 0, MEM_RELEASE); }
  };
  std::unique_ptr<std::byte, Free> data_;
  std::size_t size_;
};

// Shared with the read or write in flight, so a source or sink destroyed
// mid-operation leaves the kernel a live buffer until its completion has been
// delivered.
using SharedBuffer = std::shared_ptr<VirtualBuffer>;

// For the direct paths' shared code (platform/common).
inline std::byte* buffer_data(const SharedBuffer& buffer) { return buffer->data(); }

// One unbuffered read or write: the configured block rounded up to the sector size.
inline std::size_t direct_block_bytes(const DirectOptions& options, std::size_t sector_bytes) {
  return VirtualBuffer::round_up(options.block_bytes, sector_bytes);
}

// The buffers of one direct source or sink: at least two operations in flight,
// so the disk never waits for the network (nor the network for the disk).
inline std::vector<SharedBuffer> direct_buffers(const DirectOptions& options, std::size_t sector_bytes) {
  std::vector<SharedBuffer> buffers;
  for (std::uint32_t i = 0; i < std::max<std::uint32_t>(options.queue_depth, 2); ++i)
    buffers.push_back(std::make_shared<VirtualBuffer>(direct_block_bytes(options, sector_bytes)));
  return buffers;
}

}  // namespace ferry::platform::windows_impl
