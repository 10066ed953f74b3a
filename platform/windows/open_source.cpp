// Picks the Windows FileSource for a file, probing what its volume can do and
// falling back to buffered reads where it cannot.
#include <variant>

#include "buffered_source.hpp"
#include "file_probe.hpp"
#include "open_file.hpp"
#include "wide_path.hpp"
#include "win_error.hpp"
#include "windows_sources.hpp"

namespace ferry::platform {

using namespace windows_impl;

namespace {

// Everything the direct path needs, or why it cannot run for this file.
std::variant<UnbufferedSourceFile, std::string> prepare_direct(
    const boost::asio::any_io_executor& executor, const std::wstring& wide,
    const std::string& path, std::uint64_t size, std::uint64_t start) {
  UniqueHandle handle = open_file(wide, GENERIC_READ, OPEN_EXISTING,
                                  FILE_FLAG_NO_BUFFERING | FILE_FLAG_OVERLAPPED |
                                      FILE_FLAG_SEQUENTIAL_SCAN);
  if (!handle.valid()) return last_win32_error("CreateFileW FILE_FLAG_NO_BUFFERING", path).describe();
  const std::size_t sector_bytes = sector_size(handle.get(), wide);
  if (sector_bytes == 0)
    return "no sector size (FileStorageInfo, GetDiskFreeSpaceW) for " + path;
  boost::asio::windows::random_access_handle file(executor);
  boost::system::error_code ec;
  file.assign(handle.get(), ec);
  if (ec) return IoError{ec, "associate with the IOCP", path}.describe();
  handle.release();  // owned by `file` now
  return UnbufferedSourceFile{std::move(file), path, size, sector_bytes, start};
}

}  // namespace

Result<OpenedSource> open_source(const boost::asio::any_io_executor& executor,
                                 const std::filesystem::path& fs_path, Strategy requested,
                                 const DirectOptions& options, ByteObserver observer,
                                 std::uint64_t start) {
  const std::string path = fs_path.string();
  const std::wstring wide = extended_path(fs_path);
  UniqueHandle handle = open_file(wide, GENERIC_READ, OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN);
  if (!handle.valid()) return last_win32_error("CreateFileW", path);
  auto facts = probe_file(handle.get(), path);
  if (!facts) return facts.error();
  if (!facts->regular) return win32_error(ERROR_BAD_FILE_TYPE, "open: not a regular file", path);

  OpenedSource opened;
  opened.size = facts->size;
  opened.mtime_ns = facts->mtime_ns;
  if (requested == Strategy::Direct) {
    auto direct = prepare_direct(executor, wide, path, facts->size, start);
    if (auto* file = std::get_if<UnbufferedSourceFile>(&direct)) {
      opened.source = make_direct_source(std::move(*file), options, std::move(observer));
      return opened;
    }
    opened.fallback_reason = std::get<std::string>(direct);
    requested = Strategy::Buffered;
  }
  SourceFile file{std::move(handle), path, facts->size, start};
  if (requested == Strategy::ZeroCopy) {
    opened.source = make_transmit_file_source(std::move(file));
    return opened;
  }
  auto source = common::make_buffered_source(std::move(file), std::move(observer));
  if (!source) return source.error();
  opened.source = std::move(source.value());
  return opened;
}

}  // namespace ferry::platform
