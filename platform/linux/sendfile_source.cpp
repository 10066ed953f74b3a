// SPDX-License-Identifier: Apache-2.0
// Zero-copy: sendfile(2) from the page cache straight into the socket. The
// socket is non-blocking; each call asks for everything still owed that is in
// the page cache and the kernel moves as much as the socket buffer takes;
// EAGAIN waits for writability through Asio. A file larger than what is read
// at open is sent only as far as its PageWarmer has brought it into the page
// cache, so that sendfile does not wait on the disk on the engine thread.
#include <fcntl.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <optional>
#include <vector>

#include "linux_sources.hpp"
#include "page_warmer.hpp"

namespace ferry::platform::linux_impl {
namespace {

// sendfile moves at most this much per call (see sendfile(2)).
constexpr std::uint64_t kMaxSendfileCall = 0x7ffff000;

// The bytes of a small file from `start` on, read at once: the observer's
// copy, and the read brings the file into the page cache sendfile sends from.
Result<std::vector<std::byte>> read_rest(const SourceFile& file) {
  std::vector<std::byte> bytes(file.size - file.start);
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n =
        ::pread(file.fd.get(), bytes.data() + got, bytes.size() - got, static_cast<off_t>(file.start + got));
    if (n > 0) {
      got += static_cast<std::size_t>(n);
      continue;
    }
    if (n == 0) return errno_error(EIO, "read for digest: file ended early", file.path);
    if (errno != EINTR) return last_errno_error("pread for digest", file.path);
  }
  return bytes;
}

class SendfileSource final : public FileSource {
 public:
  SendfileSource(SourceFile file, ByteObserver observer, std::optional<std::vector<std::byte>> preread,
                 std::unique_ptr<PageWarmer> warmer)
      : file_(std::move(file)),
        observer_(std::move(observer)),
        preread_(std::move(preread)),
        read_at_open_(preread_.has_value()),
        warmer_(std::move(warmer)),
        offset_(static_cast<off_t>(file_.start)) {}

  Strategy strategy() const override { return Strategy::ZeroCopy; }
  bool observes_bytes() const override { return file_.size <= kZeroCopyObservedBytes; }
  bool read_at_open() const override { return read_at_open_; }

  void async_send(ByteStream& stream, std::uint64_t length, CompletionHandler handler) override {
    stream_ = &stream;
    socket_ = stream.plain_socket();
    remaining_ = length;
    handler_ = std::move(handler);
    if (preread_) {
      observer_(*preread_);
      preread_.reset();
    }
    if (!socket_) return finish(errno_error(EINVAL, "sendfile: the connection encrypts in user space", file_.path));
    if (!socket_->native_non_blocking()) {  // Asio caches the mode: no syscall when set
      boost::system::error_code ec;
      socket_->native_non_blocking(true, ec);
      if (ec) return finish(IoError{ec, "ioctl FIONBIO", file_.path});
    }
    pump();
  }

 private:
  void pump() {
    while (remaining_ > 0) {
      std::uint64_t cached = remaining_;
      if (warmer_ && !warmer_->all_warm()) {
        const auto at = static_cast<std::uint64_t>(offset_);
        if (warmer_->warm_until() <= at) return warmer_->keep_ahead_of(at, [this] { pump(); });
        warmer_->keep_ahead_of(at);
        cached = std::min(cached, warmer_->warm_until() - at);
      }
      const ssize_t sent =
          ::sendfile(socket_->native_handle(), file_.fd.get(), &offset_, std::min(cached, kMaxSendfileCall));
      if (sent > 0) {
        remaining_ -= static_cast<std::uint64_t>(sent);
        continue;
      }
      if (sent == 0) return finish(errno_error(EIO, "sendfile: file ended early", file_.path));
      if (errno == EINTR) continue;
      if (errno == EAGAIN) return wait_writable();
      return finish(last_errno_error("sendfile", file_.path));
    }
    finish(std::nullopt);
  }

  void wait_writable() {
    socket_->async_wait(boost::asio::socket_base::wait_write, [this](boost::system::error_code ec) {
      if (ec) return finish(IoError{ec, "wait for socket writability", file_.path});
      pump();
    });
  }

  void finish(std::optional<IoError> error) {
    boost::asio::post(stream_->get_executor(),
                      [handler = std::move(handler_), error = std::move(error)] { handler(error); });
  }

  SourceFile file_;
  ByteObserver observer_;
  std::optional<std::vector<std::byte>> preread_;  // a small file's bytes, until observed
  bool read_at_open_ = false;
  std::unique_ptr<PageWarmer> warmer_;  // null for a file read whole at open
  off_t offset_;
  std::uint64_t remaining_ = 0;
  ByteStream* stream_ = nullptr;
  boost::asio::ip::tcp::socket* socket_ = nullptr;
  CompletionHandler handler_;
};

}  // namespace

Result<std::unique_ptr<FileSource>> make_sendfile_source(SourceFile file, ByteObserver observer,
                                                         const SourceExecutors& executors) {
  std::optional<std::vector<std::byte>> preread;
  std::unique_ptr<PageWarmer> warmer;
  if (file.size <= kZeroCopyObservedBytes) {
    auto bytes = read_rest(file);
    if (!bytes) return bytes.error();
    preread = std::move(bytes.value());
  } else {
    // The warmer's jobs may outlive this source: they get a descriptor of their own.
    UniqueFd own(::fcntl(file.fd.get(), F_DUPFD_CLOEXEC, 0));
    if (!own.valid()) return last_errno_error("fcntl F_DUPFD_CLOEXEC", file.path);
    warmer = std::make_unique<PageWarmer>(std::move(own), file.path, file.start, file.size, executors);
  }
  return std::unique_ptr<FileSource>(
      std::make_unique<SendfileSource>(std::move(file), std::move(observer), std::move(preread), std::move(warmer)));
}

}  // namespace ferry::platform::linux_impl
