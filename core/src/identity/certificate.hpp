// SPDX-License-Identifier: Apache-2.0
#pragma once
// Making and reading the PEM texts an Identity is stored as.
#include <string>
#include <string_view>

#include "ferry/core/identity.hpp"

namespace ferry {

// A fresh Ed25519 key and a self-signed certificate for it (CN = name).
Result<Identity> generate_identity(std::string_view device_name);

// Parses a stored identity (key and certificate PEM blocks in one text),
// checks that the key belongs to the certificate and fills in the fingerprint.
Result<Identity> parse_identity(std::string_view pem, const std::string& source);

// SHA-256 of a DER certificate as 64 lowercase hex digits.
std::string fingerprint_of_der(const unsigned char* der, int length);

}  // namespace ferry
