// SPDX-License-Identifier: Apache-2.0
#pragma once
// Digests of file contents for FILE_END. Inside TLS, XXH3-128 (canonical byte
// order): TLS already guards the bytes. In fast mode, where file bytes cross
// the wire in the clear, AES-256-GMAC keyed with a secret of the session's TLS
// handshake: bytes changed on the wire cannot be given a matching digest.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>

#include <array>
#include <cstdint>
#include <optional>

#include "ferry/base/io_result.hpp"
#include "ferry/core/protocol/messages.hpp"

namespace ferry {

using DigestKey = std::array<std::uint8_t, 32>;

class StreamDigest {
 public:
  StreamDigest();  // XXH3-128
  // GMAC under `key`, its nonce made from the file's offer index (unique
  // within a session, and every session has its own key).
  StreamDigest(const DigestKey& key, std::uint32_t file_index);
  ~StreamDigest();
  StreamDigest(StreamDigest&&) noexcept;
  StreamDigest& operator=(StreamDigest&&) noexcept;

  // A copy of the state so far (to resume digesting from this point later).
  StreamDigest snapshot() const;

  void update(std::span<const std::byte> bytes);
  protocol::Digest finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// False when this OpenSSL lacks GMAC: fast mode is then refused.
bool keyed_digest_available();

// Which digest a session's files carry: XXH3-128, or keyed (fast mode).
struct DigestRecipe {
  std::optional<DigestKey> key;
  StreamDigest start(std::uint32_t file_index) const { return key ? StreamDigest(*key, file_index) : StreamDigest(); }
};

// Reads the file through the page cache (used for zero-copy sends, whose
// bytes never pass through user memory) and digests its first `size` bytes
// into `digest`. A file shorter than `size` is an error.
Result<protocol::Digest> digest_file(const std::filesystem::path& path, std::uint64_t size, StreamDigest digest);

}  // namespace ferry
