// SPDX-License-Identifier: Apache-2.0
// Direct: unbuffered (FILE_FLAG_NO_BUFFERING) overlapped reads completed
// through Asio's IOCP into VirtualAlloc'ed buffers, several in flight, each
// buffer sent as soon as it is read and in file order (see
// OrderedBlockSource). The file cache is bypassed, so a huge file does not
// evict anything. The tail is read by an aligned over-read that comes back
// short at end of file. Every read is checked for sector alignment first
// (Wine would not catch a mistake).
#include "alignment_check.hpp"
#include "ordered_block_source.hpp"
#include "virtual_buffer.hpp"
#include "win_error.hpp"
#include "windows_sources.hpp"

namespace ferry::platform::windows_impl {
namespace {

class DirectSource final : public common::OrderedBlockSource<SharedBuffer> {
 public:
  DirectSource(UnbufferedSourceFile file, const DirectOptions& options, ByteObserver observer)
      : OrderedBlockSource(file.path, file.size, file.start, file.sector_bytes,
                           direct_block_bytes(options, file.sector_bytes), direct_buffers(options, file.sector_bytes),
                           std::move(observer)),
        file_(std::move(file)) {}

 private:
  void start_read(Block& block) override {
    const std::size_t length = read_length(block);
    const std::uint64_t offset = read_offset(block);
    std::byte* target = read_target(block);
    if (auto misaligned = check_unbuffered_io(offset, length, target, file_.sector_bytes,
                                              "ReadFile (FILE_FLAG_NO_BUFFERING)", path()))
      return fail(*misaligned);
    file_.handle.async_read_some_at(offset, boost::asio::buffer(target, length),
                                    [this, alive = std::weak_ptr<void>(alive_), buffer = block.buffer,
                                     block_offset = block.offset](boost::system::error_code ec, std::size_t got) {
                                      if (!alive.expired()) on_read(block_offset, ec, got);
                                    });
  }

  void on_read(std::uint64_t block_offset, boost::system::error_code ec, std::size_t got) {
    if (ec && ec != boost::asio::error::eof) return fail(IoError{ec, "ReadFile (FILE_FLAG_NO_BUFFERING)", path()});
    read_done(block_offset, got);
  }

  IoError ended_early() const override { return win32_error(ERROR_HANDLE_EOF, "ReadFile: file ended early", path()); }

  UnbufferedSourceFile file_;
  std::shared_ptr<void> alive_ = std::make_shared<int>(0);  // expires with the source
};

}  // namespace

std::unique_ptr<FileSource> make_direct_source(UnbufferedSourceFile file, const DirectOptions& options,
                                               ByteObserver observer) {
  return std::make_unique<DirectSource>(std::move(file), options, std::move(observer));
}

}  // namespace ferry::platform::windows_impl
