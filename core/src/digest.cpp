// SPDX-License-Identifier: Apache-2.0
#include "digest.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <xxhash.h>

#include <fstream>
#include <vector>

namespace ferry {
namespace {

// One GMAC instance, fetched once: every keyed digest clones a context of it.
EVP_MAC* gmac() {
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "GMAC", nullptr);
  return mac;
}

}  // namespace

struct StreamDigest::State {
  XXH3_state_t* xxh = nullptr;
  bool keyed = false;
  EVP_MAC_CTX* mac = nullptr;  // null when keyed: OpenSSL could not set GMAC up
  ~State() {
    if (xxh) XXH3_freeState(xxh);
    if (mac) EVP_MAC_CTX_free(mac);
  }
};

StreamDigest::StreamDigest() : state_(std::make_unique<State>()) {
  state_->xxh = XXH3_createState();
  XXH3_128bits_reset(state_->xxh);
}

StreamDigest::StreamDigest(const DigestKey& key, std::uint32_t file_index) : state_(std::make_unique<State>()) {
  std::array<unsigned char, 12> nonce{};
  for (int i = 0; i < 4; ++i) nonce[i] = static_cast<unsigned char>(file_index >> (24 - 8 * i));
  char cipher[] = "AES-256-GCM";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0),
      OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_IV, nonce.data(), nonce.size()),
      OSSL_PARAM_construct_end(),
  };
  state_->keyed = true;
  state_->mac = gmac() ? EVP_MAC_CTX_new(gmac()) : nullptr;
  if (state_->mac && EVP_MAC_init(state_->mac, key.data(), key.size(), params) != 1) {
    EVP_MAC_CTX_free(state_->mac);
    state_->mac = nullptr;
  }
}

bool keyed_digest_available() { return gmac() != nullptr; }

StreamDigest::~StreamDigest() = default;
StreamDigest::StreamDigest(StreamDigest&&) noexcept = default;
StreamDigest& StreamDigest::operator=(StreamDigest&&) noexcept = default;

StreamDigest StreamDigest::snapshot() const {
  StreamDigest copy;
  if (state_->keyed) {
    XXH3_freeState(copy.state_->xxh);
    copy.state_->xxh = nullptr;
    copy.state_->keyed = true;
    copy.state_->mac = state_->mac ? EVP_MAC_CTX_dup(state_->mac) : nullptr;
  } else {
    XXH3_copyState(copy.state_->xxh, state_->xxh);
  }
  return copy;
}

void StreamDigest::update(std::span<const std::byte> bytes) {
  if (state_->keyed) {
    if (state_->mac) EVP_MAC_update(state_->mac, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  } else {
    XXH3_128bits_update(state_->xxh, bytes.data(), bytes.size());
  }
}

protocol::Digest StreamDigest::finish() const {
  protocol::Digest digest{};
  if (state_->keyed) {
    // finish() leaves the state usable (as XXH3's does): finalise a copy.
    EVP_MAC_CTX* copy = state_->mac ? EVP_MAC_CTX_dup(state_->mac) : nullptr;
    std::size_t length = 0;
    const bool ok = copy && EVP_MAC_final(copy, digest.data(), &length, digest.size()) == 1 && length == digest.size();
    EVP_MAC_CTX_free(copy);
    // A MAC that could not be computed must never match: random bytes.
    if (!ok) RAND_bytes(digest.data(), static_cast<int>(digest.size()));
    return digest;
  }
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state_->xxh));
  std::copy(std::begin(canonical.digest), std::end(canonical.digest), digest.begin());
  return digest;
}

Result<protocol::Digest> digest_file(const std::filesystem::path& path, std::uint64_t size, StreamDigest digest) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return errno_error(errno ? errno : ENOENT, "open for digest", path.string());
  std::vector<char> buffer(1024 * 1024);
  std::uint64_t left = size;
  while (left > 0) {
    const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(left, buffer.size()));
    in.read(buffer.data(), want);
    const auto got = in.gcount();
    if (got <= 0) return errno_error(EIO, "read for digest: file ended early", path.string());
    digest.update(std::as_bytes(std::span(buffer.data(), static_cast<std::size_t>(got))));
    left -= static_cast<std::uint64_t>(got);
  }
  return digest.finish();
}

}  // namespace ferry
