// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/kernel_tls.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "unique_fd.hpp"

namespace ferry::platform {

using linux_impl::UniqueFd;

// The "tls" upper-layer protocol attaches only to an established socket, so
// the probe connects to itself over loopback.
KernelTlsProbe probe_kernel_tls() {
  UniqueFd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  UniqueFd client(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  auto* raw = reinterpret_cast<sockaddr*>(&address);
  if (!listener.valid() || !client.valid() || ::bind(listener.get(), raw, sizeof address) != 0 ||
      ::listen(listener.get(), 1) != 0 || ::getsockname(listener.get(), raw, &length) != 0 ||
      ::connect(client.get(), raw, sizeof address) != 0)
    return {false, std::string("loopback connection for the probe: ") + std::strerror(errno)};
  UniqueFd accepted(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
  if (::setsockopt(client.get(), SOL_TCP, TCP_ULP, "tls", sizeof "tls") != 0)
    return {false, std::string("setsockopt(TCP_ULP, \"tls\"): ") + std::strerror(errno)};
  return {true, {}};
}

}  // namespace ferry::platform
