#include "digest.hpp"

#include <xxhash.h>

#include <fstream>
#include <vector>

namespace ferry {

struct StreamDigest::State {
  XXH3_state_t* xxh = XXH3_createState();
  State() { XXH3_128bits_reset(xxh); }
  ~State() { XXH3_freeState(xxh); }
};

StreamDigest::StreamDigest() : state_(std::make_unique<State>()) {}
StreamDigest::~StreamDigest() = default;
StreamDigest::StreamDigest(StreamDigest&&) noexcept = default;
StreamDigest& StreamDigest::operator=(StreamDigest&&) noexcept = default;

StreamDigest StreamDigest::snapshot() const {
  StreamDigest copy;
  XXH3_copyState(copy.state_->xxh, state_->xxh);
  return copy;
}

void StreamDigest::update(std::span<const std::byte> bytes) {
  XXH3_128bits_update(state_->xxh, bytes.data(), bytes.size());
}

protocol::Digest StreamDigest::finish() const {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state_->xxh));
  protocol::Digest digest;
  std::copy(std::begin(canonical.digest), std::end(canonical.digest), digest.begin());
  return digest;
}

Result<protocol::Digest> digest_file(const std::filesystem::path& path, std::uint64_t size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return errno_error(errno ? errno : ENOENT, "open for digest", path.string());
  std::vector<char> buffer(1024 * 1024);
  StreamDigest digest;
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
