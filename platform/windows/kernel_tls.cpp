// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/kernel_tls.hpp"

namespace ferry::platform {

KernelTlsProbe probe_kernel_tls() {
  return {false, "Windows sockets offer no kernel TLS that TransmitFile could use with OpenSSL"};
}

}  // namespace ferry::platform
