#include "prepared_file.hpp"

#include "resume.hpp"

namespace ferry {

platform::ByteObserver feeding(StreamDigest& digest) {
  return [&digest](std::span<const std::byte> bytes) { digest.update(bytes); };
}

Result<platform::OpenedSource> open_prepared(const boost::asio::any_io_executor& engine,
                                             const std::filesystem::path& path, PreparedFile& file,
                                             const platform::DirectOptions& direct) {
  return platform::open_source(engine, path, file.strategy, direct, feeding(*file.digest), file.offset);
}

PreparedFile prepare_file(const boost::asio::any_io_executor& engine, FileToPrepare file) {
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
  if (prepared.already_there(file.size) || file.strategy == Strategy::Direct) return prepared;
  prepared.opened = open_prepared(engine, file.path, prepared, file.direct);
  return prepared;
}

}  // namespace ferry
