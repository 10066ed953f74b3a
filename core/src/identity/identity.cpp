// SPDX-License-Identifier: Apache-2.0
#include "ferry/core/identity.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>

#include "certificate.hpp"
#include "openssl_init.hpp"
#include "ferry/platform/private_files.hpp"

namespace ferry {
namespace {
constexpr std::size_t kMaxIdentityFileBytes = 64 * 1024;
}

std::filesystem::path default_config_dir() {
  if (const char* dir = std::getenv("FERRY_CONFIG_DIR"); dir && *dir) return std::filesystem::path(dir);
  return platform::user_config_dir();
}

Result<Identity> load_or_create_identity(const std::filesystem::path& config_dir, std::string_view device_name) {
  initialise_openssl();
  const auto path = config_dir / "identity.pem";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    auto fresh = generate_identity(device_name);
    if (!fresh) return fresh.error();
    auto created = platform::create_private_file(path, fresh->private_key_pem + fresh->certificate_pem);
    if (!created) return created.error();
    if (created.value()) {
      spdlog::info("created this device's identity in {} (fingerprint {})", path.string(), fresh->fingerprint);
      return fresh;
    }
    // Another process created it first: use that one.
  }
  auto text = platform::read_small_file(path, kMaxIdentityFileBytes);
  if (!text) return text.error();
  return parse_identity(text.value(), path.string());
}

std::string verification_code(std::string_view fingerprint_hex) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < 15 && i < fingerprint_hex.size(); ++i) {
    const char c = fingerprint_hex[i];
    const int nibble = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10;
    bits = (bits << 4) | static_cast<std::uint64_t>(nibble & 0xF);
  }
  std::string code;
  for (int group = 0; group < 3; ++group) {
    if (group > 0) code += '-';
    for (int i = 0; i < 4; ++i) {
      const int shift = 55 - 5 * (group * 4 + i);
      code += kAlphabet[(bits >> shift) & 0x1F];
    }
  }
  return code;
}

}  // namespace ferry
