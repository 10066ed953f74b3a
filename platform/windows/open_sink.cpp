// Creates the Windows FileSink for a part file: unbuffered writes where the
// volume allows them, buffered writes otherwise.
#include <variant>
#include <vector>

#include "buffered_sink.hpp"
#include "file_probe.hpp"
#include "open_file.hpp"
#include "wide_path.hpp"
#include "win_error.hpp"
#include "windows_sinks.hpp"

namespace ferry::platform {

using namespace windows_impl;

namespace {

// A reparse point planted at the part file's name is replaced, never followed.
constexpr DWORD kCreateFlags = FILE_FLAG_OPEN_REPARSE_POINT;

// The direct path's file, an error that must fail the file, or why it cannot
// run here (then the caller falls back to buffered writes).
using DirectAttempt = std::variant<UnbufferedSinkFile, IoError, std::string>;

// A new part file starts empty; a resumed one keeps its first `resume_from`
// bytes and loses whatever an interrupted session left after them.
DWORD disposition(std::uint64_t resume_from) { return resume_from == 0 ? CREATE_ALWAYS : OPEN_ALWAYS; }

Result<void> cut_to(HANDLE file, std::uint64_t resume_from, const std::string& path) {
  if (resume_from == 0) return {};
  return set_end_of_file(file, resume_from, path);
}

DirectAttempt prepare_direct(const boost::asio::any_io_executor& executor, const std::wstring& wide,
                             const std::string& path, std::uint64_t size, std::uint64_t resume_from) {
  UniqueHandle handle = open_file(wide, GENERIC_WRITE, disposition(resume_from),
                                  kCreateFlags | FILE_FLAG_NO_BUFFERING | FILE_FLAG_OVERLAPPED);
  if (!handle.valid()) {
    if (::GetLastError() == ERROR_INVALID_PARAMETER)
      return last_win32_error("CreateFileW FILE_FLAG_NO_BUFFERING", path).describe();
    return last_win32_error("CreateFileW", path);
  }
  if (auto cut = cut_to(handle.get(), resume_from, path); !cut) return cut.error();
  const std::size_t sector_bytes = sector_size(handle.get(), wide);
  if (sector_bytes == 0) return "no sector size (FileStorageInfo, GetDiskFreeSpaceW) for " + path;
  if (auto reserved = reserve_space(handle.get(), size, path); !reserved) return reserved.error();
  boost::asio::windows::random_access_handle file(executor);
  boost::system::error_code ec;
  file.assign(handle.get(), ec);
  if (ec) return IoError{ec, "associate with the IOCP", path}.describe();
  handle.release();  // owned by `file` now
  return UnbufferedSinkFile{std::move(file), path, size, sector_bytes, resume_from};
}

}  // namespace

Result<OpenedSink> open_sink(const boost::asio::any_io_executor& executor,
                             const std::filesystem::path& fs_path, std::uint64_t size,
                             Strategy requested, const DirectOptions& options,
                             ByteObserver observer, std::uint64_t resume_from) {
  const std::string path = fs_path.string();
  const std::wstring wide = extended_path(fs_path);
  OpenedSink opened;
  if (requested == Strategy::Direct) {
    auto direct = prepare_direct(executor, wide, path, size, resume_from);
    if (auto* error = std::get_if<IoError>(&direct)) return *error;
    if (auto* file = std::get_if<UnbufferedSinkFile>(&direct)) {
      opened.sink = make_direct_sink(std::move(*file), options, std::move(observer));
      return opened;
    }
    opened.fallback_reason = std::get<std::string>(direct);
  }
  UniqueHandle handle = open_file(wide, GENERIC_WRITE, disposition(resume_from), kCreateFlags);
  if (!handle.valid()) return last_win32_error("CreateFileW", path);
  if (auto cut = cut_to(handle.get(), resume_from, path); !cut) return cut.error();
  if (size >= kReservedFromBytes) {
    if (auto reserved = reserve_space(handle.get(), size, path); !reserved) return reserved.error();
  }
  opened.sink = common::make_buffered_sink(executor, SinkFile{std::move(handle), path, size, resume_from},
                                           std::move(observer),
                                           [] { return std::vector<std::byte>(common::kBufferedSinkBytes); });
  return opened;
}

}  // namespace ferry::platform
