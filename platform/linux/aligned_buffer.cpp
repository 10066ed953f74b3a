// SPDX-License-Identifier: Apache-2.0
#include "aligned_buffer.hpp"

#include <algorithm>
#include <vector>

namespace ferry::platform::linux_impl {
namespace {

constexpr std::size_t kCachedBytesLimit = 32 * 1024 * 1024;

struct CachedBuffer {
  std::byte* data;
  std::size_t capacity;
  std::size_t alignment;
};

struct BufferCache {
  std::vector<CachedBuffer> buffers;
  std::size_t bytes = 0;
  ~BufferCache() {
    for (const auto& b : buffers) std::free(b.data);
  }
};

thread_local BufferCache cache;

std::byte* take_cached(std::size_t capacity, std::size_t alignment) {
  auto it = std::find_if(cache.buffers.begin(), cache.buffers.end(),
                         [&](const CachedBuffer& b) { return b.capacity == capacity && b.alignment == alignment; });
  if (it == cache.buffers.end()) return nullptr;
  std::byte* data = it->data;
  cache.bytes -= it->capacity;
  cache.buffers.erase(it);
  return data;
}

std::byte* allocate(std::size_t capacity, std::size_t alignment) {
  std::byte* data = take_cached(capacity, alignment);
  if (!data) data = static_cast<std::byte*>(std::aligned_alloc(alignment, capacity));
  if (!data) throw std::bad_alloc();
  return data;
}

}  // namespace

AlignedBuffer::AlignedBuffer(std::size_t size, std::size_t alignment)
    : data_(allocate(round_up(size, alignment), alignment), Recycle{round_up(size, alignment), alignment}),
      size_(size) {}

std::vector<AlignedBuffer> direct_buffers(const DirectOptions& options, std::size_t alignment) {
  std::vector<AlignedBuffer> buffers;
  for (std::uint32_t i = 0; i < std::max<std::uint32_t>(options.queue_depth, 1); ++i)
    buffers.emplace_back(direct_block_bytes(options, alignment), alignment);
  return buffers;
}

void AlignedBuffer::Recycle::operator()(std::byte* p) const {
  if (cache.bytes + capacity > kCachedBytesLimit) return std::free(p);
  cache.buffers.push_back({p, capacity, alignment});
  cache.bytes += capacity;
}

}  // namespace ferry::platform::linux_impl
