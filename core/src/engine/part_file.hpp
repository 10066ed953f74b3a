// SPDX-License-Identifier: Apache-2.0
#pragma once
// The part file of one incoming file: claimed (its stable name, when no other
// session writes it), opened, then closed (and then kept for the next
// session, committed, or discarded by the session on a worker). A file
// appears under its final name only through CommitBatch.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>

#include "failure.hpp"
#include "session.hpp"
#include "ferry/platform/file_sink.hpp"
#include "ferry/platform/receive_folder.hpp"

namespace ferry {

// Whether a part holding `held` bytes stays for a later session: only a
// resumable one, and only when it holds at least one whole resume block
// (docs/resilience.md). Every path that keeps a part asks this.
bool part_worth_keeping(bool resumable, std::uint64_t held);

class PartFile {
 public:
  // The stable `resumable_name` when no other session holds it, else
  // `own_name`; none when resuming (only the stable name holds the bytes).
  static std::optional<PartFile> claim(SessionHost& host, std::shared_ptr<platform::ReceiveFolder> folder,
                                       const std::string& resumable_name, std::string own_name, bool resuming);
  PartFile(PartFile&&) = default;
  PartFile& operator=(PartFile&&) = default;
  ~PartFile() = default;

  // Creates (or continues at `resume_from`) the part with a sink writing it.
  // A new part that cannot be opened is gone again; a resumed one keeps what it held.
  std::optional<Failure> open(const boost::asio::any_io_executor& executor, std::uint64_t size, Strategy strategy,
                              const platform::DirectOptions& options, platform::ByteObserver observer,
                              std::uint64_t resume_from, std::string& fallback_reason);

  const std::string& name() const { return name_; }
  bool resumable() const { return resumable_; }
  platform::FileSink* sink() const { return sink_.get(); }
  // Closes the sink (waiting for writes in flight); the part stays.
  void close() { sink_.reset(); }

 private:
  PartFile(std::shared_ptr<platform::ReceiveFolder> folder, std::string name, bool resumable)
      : folder_(std::move(folder)), name_(std::move(name)), resumable_(resumable) {}

  std::shared_ptr<platform::ReceiveFolder> folder_;
  std::string name_;
  bool resumable_ = false;
  std::unique_ptr<platform::FileSink> sink_;
};

}  // namespace ferry
