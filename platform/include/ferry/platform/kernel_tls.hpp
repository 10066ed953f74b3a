// SPDX-License-Identifier: Apache-2.0
#pragma once
// Kernel TLS (Linux CONFIG_TLS): with it, the kernel could encrypt what
// sendfile sends. Probed once at run time on a throwaway loopback connection.
#include <string>

namespace ferry::platform {

struct KernelTlsProbe {
  bool available = false;
  std::string reason;  // why not, with the syscall and its error
};

KernelTlsProbe probe_kernel_tls();

}  // namespace ferry::platform
