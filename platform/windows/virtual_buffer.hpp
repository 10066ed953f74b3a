#pragma once
#include <windows.h>

#include <cstddef>
#include <memory>
#include <new>
#include <span>

namespace ferry::platform::windows_impl {

// Memory straight from VirtualAlloc: its address is a multiple of the
// allocation granularity (64 KiB), so it suits any sector size for unbuffered I/O.
class VirtualBuffer {
 public:
  explicit VirtualBuffer(std::size_t size)
      : data_(static_cast<std::byte*>(
            ::VirtualAlloc(nullptr, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE))),
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

}  // namespace ferry::platform::windows_impl
