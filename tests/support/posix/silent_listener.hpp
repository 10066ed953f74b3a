#pragma once
// Test support: a port on 127.0.0.1 where a connect never completes, like an
// address whose firewall drops SYNs. It is a real listening socket whose
// accept queue is kept full and never accepted from, so the kernel drops
// every further SYN.
#include <cstdint>
#include <vector>

namespace ferry::test {

class SilentListener {
 public:
  SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  ~SilentListener();

  std::uint16_t port() const { return port_; }

 private:
  int listener_ = -1;
  std::vector<int> fillers_;  // connections queued (or pending) on the listener
  std::uint16_t port_ = 0;
};

}  // namespace ferry::test
