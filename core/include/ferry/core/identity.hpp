// SPDX-License-Identifier: Apache-2.0
#pragma once
// This device's long-term identity: an Ed25519 key pair and a self-signed
// certificate, made at first start and kept in the user's configuration
// folder (0600). Peers know a device by its certificate's SHA-256 fingerprint.
#include <filesystem>
#include <string>
#include <string_view>

#include "ferry/base/io_result.hpp"

namespace ferry {

struct Identity {
  std::string certificate_pem;
  std::string private_key_pem;
  std::string fingerprint;  // 64 lowercase hex digits: SHA-256 of the certificate (DER)
};

// $FERRY_CONFIG_DIR when set, else the platform's per-user folder
// (~/.config/ferry, %APPDATA%\Ferry).
std::filesystem::path default_config_dir();

// Loads config_dir/identity.pem, or creates it (named after `device_name`)
// when absent. Two processes starting at once end up with the same identity.
Result<Identity> load_or_create_identity(const std::filesystem::path& config_dir, std::string_view device_name);

// What people compare to check a peer: 60 bits of the fingerprint as
// "ABCD-EFGH-JKMN" (Crockford base32: no I, L, O or U to misread).
std::string verification_code(std::string_view fingerprint_hex);

}  // namespace ferry
