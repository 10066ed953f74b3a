#pragma once
// XXH3-128 digests of file contents, in the protocol's canonical byte order.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>

#include "ferry/core/protocol/messages.hpp"
#include "ferry/platform/io_result.hpp"

namespace ferry {

class StreamDigest {
 public:
  StreamDigest();
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

// Reads the file through the page cache (used for zero-copy sends, whose
// bytes never pass through user memory) and digests its first `size` bytes.
// A file shorter than `size` is an error.
Result<protocol::Digest> digest_file(const std::filesystem::path& path, std::uint64_t size);

}  // namespace ferry
