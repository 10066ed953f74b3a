// SPDX-License-Identifier: Apache-2.0
#pragma once
// The receive folder: where a peer's files land. Everything a peer writes goes
// through here, so this is where "never outside the folder" is enforced:
// every path is walked component by component from the folder's own handle,
// never following a symlink. Paths given here are already validated by
// ferry::path_rejection (relative, '/'-separated, no '..').
//
// Thread: the engine calls it from its thread; the const members (every one
// that may wait on the disk: open_part, write_part, commit, set_attributes, make_folder, discard,
// open_existing, make_durable, free_bytes) may also run on worker threads,
// at the same time as the others.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "ferry/base/file_attributes.hpp"
#include "ferry/base/io_result.hpp"
#include "ferry/platform/file_sink.hpp"
#include "ferry/platform/read_only_file.hpp"

namespace ferry::platform {

class ReceiveFolder {
 public:
  // Opens (creating it and its parents if missing) the receive folder at `root`.
  static Result<std::unique_ptr<ReceiveFolder>> open(const std::filesystem::path& root);
  ~ReceiveFolder();
  ReceiveFolder(const ReceiveFolder&) = delete;
  ReceiveFolder& operator=(const ReceiveFolder&) = delete;

  const std::filesystem::path& root() const;

  // Creates (or continues at `resume_from`) the in-progress file `part_name`
  // directly in the root (the engine names them ".ferry-<session>-<index>.part")
  // and opens a sink writing it (see file_sink.hpp's open_sink), through the
  // folder's own handle like every other write: a link planted under that
  // name is never followed.
  Result<OpenedSink> open_part(const boost::asio::any_io_executor& executor, std::string_view part_name,
                               std::uint64_t size, Strategy requested, const DirectOptions& options,
                               ByteObserver observer, std::uint64_t resume_from = 0) const;

  // Creates the part file `part_name` (named and opened as open_part does)
  // holding exactly `bytes`, with the modification time `mtime_ns`, and
  // closes it: a small file written whole by one call, without a sink.
  Result<void> write_part(std::string_view part_name, std::span<const std::byte> bytes, std::int64_t mtime_ns) const;

  // Moves the finished part file to `relative_path`, creating missing parent
  // folders. If the name is taken, the file gets "name (1).ext", "name (2).ext",
  // ... (up to 9999); an existing file is never replaced. Returns the relative
  // path actually used.
  Result<std::string> commit(std::string_view part_name, std::string_view relative_path) const;

  // Gives the committed file `relative_path` the attributes a sender's file
  // had, walked like open_existing. Linux: executable adds execute where
  // read is allowed, read-only removes every write permission; Windows:
  // read-only sets FILE_ATTRIBUTE_READONLY and executable means nothing.
  // Called after commit, so a part file (kept to resume) stays writable.
  Result<void> set_attributes(std::string_view relative_path, FileAttributes attributes) const;

  // Creates the folder `relative_path` and its parents; existing ones are fine.
  Result<void> make_folder(std::string_view relative_path) const;

  // Removes a part file if it exists; never fails loudly.
  void discard(std::string_view part_name) const noexcept;

  // Opens the existing regular file `relative_path` (a part file's name, or a
  // received file's path) for reading, walked like every other path: a link
  // on the way or at the end is refused. No such file (or folder on the way):
  // a null pointer, not an error.
  Result<std::unique_ptr<ReadOnlyFile>> open_existing(std::string_view relative_path) const;

  // Makes the data of the named part files durable, so they can be committed
  // knowing that a crash cannot leave a final name on unwritten data: one
  // syncfs for the whole filesystem on Linux, FlushFileBuffers per file on
  // Windows.
  Result<void> make_durable(std::span<const std::string> part_names) const;

  // Bytes available to an unprivileged writer on the folder's filesystem.
  Result<std::uint64_t> free_bytes() const;

 private:
  struct Impl;
  explicit ReceiveFolder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ferry::platform
