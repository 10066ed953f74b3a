// SPDX-License-Identifier: Apache-2.0
#pragma once
// One file made ready to send off the engine thread: where it restarts (the
// receiver's HAVE compared with it) and its source opened, which reads a
// small file's bytes at once. The engine thread then sends it without
// waiting on the disk (issue 18, section 2).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include <boost/asio/any_io_executor.hpp>

#include "digest.hpp"
#include "ferry/base/strategy.hpp"
#include "ferry/core/protocol/messages.hpp"
#include "ferry/platform/file_source.hpp"

namespace ferry {

struct FileToPrepare {
  std::uint32_t index = 0;
  std::filesystem::path path;
  std::uint64_t size = 0;  // as offered
  std::int64_t mtime_ns = 0;
  Strategy strategy = Strategy::Buffered;
  platform::DirectOptions direct;
  std::optional<protocol::Have> have;  // what the receiver already holds of it
  StreamDigest fresh_digest;           // of the session's kind, nothing digested yet
};

struct PreparedFile {
  std::uint32_t index = 0;
  Strategy strategy = Strategy::Buffered;
  std::uint64_t offset = 0;  // the first byte to send
  // What the source's observer feeds, from `offset` on; on the heap, so that
  // its address stays put while the file moves between threads.
  std::unique_ptr<StreamDigest> digest;
  // Empty only for a file the receiver holds whole.
  std::optional<Result<platform::OpenedSource>> opened;
  // Whether the file changed while its source read it whole at open; empty
  // when the source reads later (checked once its bytes are sent).
  std::optional<bool> changed_while_read;
  // What its open source holds while it waits to be sent (set by the session).
  std::uint64_t held_bytes = 0;

  bool already_there(std::uint64_t size) const { return offset == size && offset > 0; }
};

// Blocks on the disk: run it on a worker. `executors` are the engine's,
// which the source will run on, and the workers', where it may wait on the disk.
PreparedFile prepare_file(const platform::SourceExecutors& executors, FileToPrepare file);

// Whether `path` is no longer the size and mtime it was offered with. Blocks
// on the disk: run it on a worker.
bool changed_since_offered(const std::filesystem::path& path, std::uint64_t size, std::int64_t mtime_ns);

}  // namespace ferry
