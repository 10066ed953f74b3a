// SPDX-License-Identifier: Apache-2.0
// ferry-test-relay: loopback helpers for the end-to-end GUI tests. Prints the
// port it listens on (127.0.0.1), then serves until killed.
//   ferry-test-relay slow BYTES_PER_SECOND TARGET_PORT
//     relays every connection to 127.0.0.1:TARGET_PORT, the sender's bytes at
//     most BYTES_PER_SECOND, so a transfer lasts long enough to cancel or quit
//     during it.
//   ferry-test-relay dead
//     a peer that never answers: its accept queue is full and never drained,
//     so the kernel drops new SYNs and a connect hangs as to a dead host.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {

int listener(int backlog) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, backlog) != 0) {
    std::perror("listen");
    std::exit(1);
  }
  return fd;
}

std::uint16_t port_of(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

int connect_to(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Copies until either side closes; at most `rate` bytes a second (0: no limit).
void pump(int from, int to, long rate) {
  std::vector<char> buffer(16 * 1024);
  const auto start = std::chrono::steady_clock::now();
  long long total = 0;
  for (;;) {
    const ssize_t got = ::recv(from, buffer.data(), rate ? std::min<long>(rate / 10 + 1, 16 * 1024) : 16 * 1024, 0);
    if (got <= 0) break;
    for (ssize_t sent = 0; sent < got;) {
      const ssize_t n = ::send(to, buffer.data() + sent, static_cast<size_t>(got - sent), MSG_NOSIGNAL);
      if (n <= 0) goto done;
      sent += n;
    }
    total += got;
    if (rate) std::this_thread::sleep_until(start + std::chrono::microseconds(total * 1000000 / rate));
  }
done:
  ::shutdown(to, SHUT_WR);
  ::shutdown(from, SHUT_RD);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "dead") == 0) {
    const int fd = listener(0);
    const std::uint16_t port = port_of(fd);
    // Fill the accept queue; with it full, later SYNs are dropped.
    std::vector<int> held;
    for (int i = 0; i < 4; ++i) {
      const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      address.sin_port = htons(port);
      ::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address);
      held.push_back(client);
    }
    std::printf("%u\n", port);
    std::fflush(stdout);
    for (;;) ::pause();
  }
  if (argc == 4 && std::strcmp(argv[1], "slow") == 0) {
    const long rate = std::atol(argv[2]);
    const auto target = static_cast<std::uint16_t>(std::atoi(argv[3]));
    const int fd = listener(16);
    std::printf("%u\n", port_of(fd));
    std::fflush(stdout);
    for (;;) {
      const int client = ::accept(fd, nullptr, nullptr);
      if (client < 0) continue;
      const int server = connect_to(target);
      if (server < 0) {
        ::close(client);
        continue;
      }
      std::thread([client, server, rate] { pump(client, server, rate); }).detach();
      std::thread([client, server] { pump(server, client, 0); }).detach();
    }
  }
  std::fprintf(stderr, "usage: ferry-test-relay slow BYTES_PER_SECOND TARGET_PORT | dead\n");
  return 2;
}
