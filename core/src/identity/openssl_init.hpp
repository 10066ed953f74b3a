// SPDX-License-Identifier: Apache-2.0
#pragma once
// OpenSSL set up without reading an openssl.cnf: Ferry configures everything
// it uses itself, and on Windows the default configuration path lies outside
// anything Ferry installs. Idempotent; must come before other OpenSSL calls.
#include <openssl/crypto.h>

namespace ferry {

inline void initialise_openssl() { OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr); }

}  // namespace ferry
