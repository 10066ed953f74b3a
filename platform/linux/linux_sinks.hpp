#pragma once
// The Linux FileSink implementations, built by open_sink().
#include <cstdint>
#include <memory>
#include <string>

#include "ferry/platform/file_sink.hpp"
#include "unique_fd.hpp"
#include "uring_queue.hpp"

namespace ferry::platform::linux_impl {

struct SinkFile {
  UniqueFd fd;
  std::string path;  // for error messages
  std::uint64_t size = 0;
  std::uint64_t start = 0;  // first byte to write (a resumed file)
};

std::unique_ptr<FileSink> make_buffered_sink(const boost::asio::any_io_executor& executor,
                                             SinkFile file, ByteObserver observer);
// `fd` must be open with O_DIRECT and `alignment` come from statx (at least 4096).
std::unique_ptr<FileSink> make_direct_sink(const boost::asio::any_io_executor& executor,
                                           SinkFile file, std::size_t alignment,
                                           UringQueuePtr queue,
                                           const DirectOptions& options, ByteObserver observer);

}  // namespace ferry::platform::linux_impl
