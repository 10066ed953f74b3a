// SPDX-License-Identifier: Apache-2.0
// Zero-copy: TransmitFile sends straight from the file cache into the socket,
// completed through the socket's IOCP (Asio's windows::overlapped_ptr). One
// call moves at most 2,147,483,646 bytes, so larger sends loop, each call
// starting at its own OVERLAPPED file offset. At most two calls run at once
// per process (see TransmitFileSlots).
#include <mswsock.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/windows/overlapped_ptr.hpp>

#include "transmit_file_slots.hpp"
#include "win_error.hpp"
#include "windows_sources.hpp"

namespace ferry::platform::windows_impl {
namespace {

constexpr std::uint64_t kMaxTransmitFileCall = 2'147'483'646;  // INT_MAX - 1 (TransmitFile docs)

class TransmitFileSource final : public FileSource {
 public:
  explicit TransmitFileSource(SourceFile file) : file_(std::move(file)), offset_(file_.start) {}

  Strategy strategy() const override { return Strategy::ZeroCopy; }
  bool observes_bytes() const override { return false; }

  void async_send(ByteStream& stream, std::uint64_t length, CompletionHandler handler) override {
    stream_ = &stream;
    socket_ = stream.plain_socket();
    remaining_ = length;
    handler_ = std::move(handler);
    if (!socket_)
      return finish(
          win32_error(ERROR_NOT_SUPPORTED, "TransmitFile: the connection encrypts in user space", file_.path));
    if (!transmit_file_) {
      if (auto loaded = load_transmit_file(); !loaded) return finish(loaded.error());
    }
    next();
  }

 private:
  // TransmitFile is a Winsock extension: its address comes from the socket's provider.
  Result<void> load_transmit_file() {
    GUID id = WSAID_TRANSMITFILE;
    DWORD returned = 0;
    if (::WSAIoctl(socket_->native_handle(), SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &transmit_file_,
                   sizeof transmit_file_, &returned, nullptr, nullptr) != 0)
      return win32_error(static_cast<DWORD>(::WSAGetLastError()),
                         "WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER, TransmitFile)", file_.path);
    return {};
  }

  void next() {
    if (remaining_ == 0) return finish(std::nullopt);
    TransmitFileSlots::instance().acquire(stream_->get_executor(), alive_, [this] { transmit(); });
  }

  // Runs holding one of the process's TransmitFile slots.
  void transmit() {
    const auto chunk = static_cast<DWORD>(std::min(remaining_, kMaxTransmitFileCall));
    boost::asio::windows::overlapped_ptr operation(
        stream_->get_executor(),
        [this, alive = std::weak_ptr<void>(alive_)](boost::system::error_code ec, std::size_t sent) {
          TransmitFileSlots::instance().release();
          if (alive.expired()) return;
          if (ec) return finish(IoError{ec, "TransmitFile", file_.path});
          if (sent == 0) return finish(win32_error(ERROR_HANDLE_EOF, "TransmitFile: file ended early", file_.path));
          offset_ += sent;
          remaining_ -= sent;
          next();
        });
    OVERLAPPED* overlapped = operation.get();
    overlapped->Offset = static_cast<DWORD>(offset_);
    overlapped->OffsetHigh = static_cast<DWORD>(offset_ >> 32);
    const BOOL done = transmit_file_(socket_->native_handle(), file_.handle.get(), chunk, 0, overlapped, nullptr, 0);
    const int error = ::WSAGetLastError();
    if (!done && error != WSA_IO_PENDING) {
      operation.complete(boost::system::error_code(error, boost::system::system_category()), 0);
      return;
    }
    // Pending or done at once: either way the completion arrives through the IOCP.
    operation.release();
  }

  void finish(std::optional<IoError> error) {
    boost::asio::post(stream_->get_executor(),
                      [handler = std::move(handler_), error = std::move(error)] { handler(error); });
  }

  SourceFile file_;
  LPFN_TRANSMITFILE transmit_file_ = nullptr;
  std::uint64_t offset_;
  std::uint64_t remaining_ = 0;
  ByteStream* stream_ = nullptr;
  boost::asio::ip::tcp::socket* socket_ = nullptr;
  CompletionHandler handler_;
  std::shared_ptr<void> alive_ = std::make_shared<int>(0);  // expires with the source
};

}  // namespace

std::unique_ptr<FileSource> make_transmit_file_source(SourceFile file) {
  return std::make_unique<TransmitFileSource>(std::move(file));
}

}  // namespace ferry::platform::windows_impl
