#pragma once
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <span>

namespace ferry::platform::linux_impl {

// A heap buffer whose address is a multiple of `alignment` (direct I/O needs it).
class AlignedBuffer {
 public:
  AlignedBuffer(std::size_t size, std::size_t alignment)
      : data_(static_cast<std::byte*>(std::aligned_alloc(alignment, round_up(size, alignment)))),
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
    void operator()(std::byte* p) const { std::free(p); }
  };
  std::unique_ptr<std::byte, Free> data_;
  std::size_t size_;
};

}  // namespace ferry::platform::linux_impl
