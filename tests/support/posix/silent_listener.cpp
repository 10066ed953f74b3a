#include "silent_listener.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <QtGlobal>

namespace ferry::test {
namespace {

sockaddr_in loopback_port(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// Starts a non-blocking connect; whether it completed within `wait_ms`.
bool connects_within(int fd, std::uint16_t port, int wait_ms) {
  const sockaddr_in address = loopback_port(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) return true;
  if (errno != EINPROGRESS) qFatal("connect to 127.0.0.1:%u: %s", port, strerror(errno));
  pollfd poll_fd{fd, POLLOUT, 0};
  return ::poll(&poll_fd, 1, wait_ms) == 1;
}

}  // namespace

SilentListener::SilentListener() {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = loopback_port(0);
  socklen_t size = sizeof address;
  if (listener_ < 0 || ::bind(listener_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 0) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
    qFatal("cannot listen on 127.0.0.1");
  port_ = ntohs(address.sin_port);
  // Queue connections until one stays unanswered: from then on the queue is full.
  for (int attempt = 0; attempt < 16; ++attempt) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) qFatal("socket: %s", strerror(errno));
    fillers_.push_back(fd);
    if (!connects_within(fd, port_, 300)) return;
  }
  qFatal("the accept queue of 127.0.0.1:%u never filled up", port_);
}

SilentListener::~SilentListener() {
  for (const int fd : fillers_) ::close(fd);
  ::close(listener_);
}

}  // namespace ferry::test
