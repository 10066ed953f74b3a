// SPDX-License-Identifier: Apache-2.0
// Large received files: unbuffered (FILE_FLAG_NO_BUFFERING) overlapped writes
// completed through Asio's IOCP, several in flight, so the receiver's file
// cache stays clean too. The last block is padded to the sector size, and the
// exact end of file set at the end (FileEndOfFileInfo; see PaddedBlockSink).
// Every write is checked for sector alignment first (Wine would not catch a
// mistake).
//
// Writes past the file's valid data length complete synchronously on NTFS
// even when overlapped (the filesystem zero-fills first); the part file was
// reserved up front, so at least no write extends the file's allocation.
#include "alignment_check.hpp"
#include "file_probe.hpp"
#include "padded_block_sink.hpp"
#include "virtual_buffer.hpp"
#include "win_error.hpp"
#include "windows_sinks.hpp"

namespace ferry::platform::windows_impl {
namespace {

class DirectSink final : public common::PaddedBlockSink<SharedBuffer> {
 public:
  DirectSink(UnbufferedSinkFile file, const DirectOptions& options, ByteObserver observer)
      : PaddedBlockSink(file.handle.get_executor(), file.path, file.start, file.sector_bytes,
                        direct_block_bytes(options, file.sector_bytes), direct_buffers(options, file.sector_bytes),
                        std::move(observer)),
        file_(std::move(file)) {}

 private:
  void start_write(Write& write) override {
    const std::uint64_t offset = write_offset(write);
    std::byte* source = write_source(write);
    const std::size_t length = write_length(write);
    if (auto misaligned = check_unbuffered_io(offset, length, source, file_.sector_bytes,
                                              "WriteFile (FILE_FLAG_NO_BUFFERING)", path()))
      return write_failed(write, *misaligned);
    file_.handle.async_write_some_at(offset, boost::asio::buffer(source, length),
                                     [this, alive = std::weak_ptr<void>(alive_), buffer = write.buffer, &write](
                                         boost::system::error_code ec, std::size_t wrote) {
                                       if (!alive.expired()) on_written(write, ec, wrote);
                                     });
  }

  void on_written(Write& write, boost::system::error_code ec, std::size_t wrote) {
    if (ec) return write_failed(write, IoError{ec, "WriteFile (FILE_FLAG_NO_BUFFERING)", path()});
    write_done(write, wrote);
  }

  std::optional<IoError> finish_file(std::uint64_t size, std::int64_t mtime_ns) override {
    if (auto cut = set_end_of_file(file_.handle.native_handle(), size, path()); !cut) return cut.error();
    store_mtime(file_.handle.native_handle(), mtime_ns, path());
    return std::nullopt;
  }

  void close_file() override {
    boost::system::error_code ignored;
    file_.handle.close(ignored);
  }

  IoError write_after_tail() const override {
    return win32_error(ERROR_INVALID_PARAMETER, "unbuffered write after the file's last block", path());
  }
  IoError short_write() const override {
    return win32_error(ERROR_WRITE_FAULT, "WriteFile (FILE_FLAG_NO_BUFFERING): short write", path());
  }

  UnbufferedSinkFile file_;
  std::shared_ptr<void> alive_ = std::make_shared<int>(0);  // expires with the sink
};

}  // namespace

std::unique_ptr<FileSink> make_direct_sink(UnbufferedSinkFile file, const DirectOptions& options,
                                           ByteObserver observer) {
  return std::make_unique<DirectSink>(std::move(file), options, std::move(observer));
}

}  // namespace ferry::platform::windows_impl
