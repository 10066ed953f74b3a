// SPDX-License-Identifier: Apache-2.0
#include "prepared_file.hpp"

#include "ferry/platform/path_facts.hpp"
#include "resume.hpp"

namespace ferry {
namespace {

// A source's observer that feeds `digest`.
platform::ByteObserver feeding(StreamDigest& digest) {
  return [&digest](std::span<const std::byte> bytes) { digest.update(bytes); };
}

}  // namespace

// A file written to while it was read may have gone out torn, however well
// its digest matches the bytes sent: its size or mtime tells.
bool changed_since_offered(const std::filesystem::path& path, std::uint64_t size, std::int64_t mtime_ns) {
  auto now = platform::stat_path(path);
  return !now || now->size != size || now->mtime_ns != mtime_ns;
}

PreparedFile prepare_file(const platform::SourceExecutors& executors, FileToPrepare file) {
  PreparedFile prepared;
  prepared.index = file.index;
  prepared.strategy = file.strategy;
  if (file.have) {
    // Comparing with the receiver's copy reads the file.
    auto point = find_resume_point(file.path, *file.have, std::move(file.fresh_digest));
    prepared.offset = point.offset;
    prepared.digest = std::make_unique<StreamDigest>(std::move(point.digest));
  } else {
    prepared.digest = std::make_unique<StreamDigest>(std::move(file.fresh_digest));
  }
  if (prepared.already_there(file.size)) return prepared;
  // A direct source joins the engine's io_uring or IOCP here; its reads start
  // only once the engine thread sends from it.
  prepared.opened = platform::open_source(executors, file.path, file.strategy, file.direct, feeding(*prepared.digest),
                                          prepared.offset);
  if (*prepared.opened && prepared.opened->value().source->read_at_open())
    prepared.changed_while_read = changed_since_offered(file.path, file.size, file.mtime_ns);
  return prepared;
}

}  // namespace ferry
