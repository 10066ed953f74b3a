// SPDX-License-Identifier: Apache-2.0
#include "part_file.hpp"

#include "ferry/core/protocol/messages.hpp"

namespace ferry {

bool part_worth_keeping(bool resumable, std::uint64_t held) { return resumable && held >= protocol::kResumeBlockBytes; }

std::optional<PartFile> PartFile::claim(SessionHost& host, std::shared_ptr<platform::ReceiveFolder> folder,
                                        const std::string& resumable_name, std::string own_name, bool resuming) {
  if (host.claim_part(resumable_name)) return PartFile(std::move(folder), resumable_name, true);
  if (resuming) return std::nullopt;
  return PartFile(std::move(folder), std::move(own_name), false);
}

std::optional<Failure> PartFile::open(const boost::asio::any_io_executor& executor, std::uint64_t size,
                                      Strategy strategy, const platform::DirectOptions& options,
                                      platform::ByteObserver observer, std::uint64_t resume_from,
                                      std::string& fallback_reason) {
  auto opened = folder_->open_part(executor, name_, size, strategy, options, std::move(observer), resume_from);
  if (!opened) {
    if (resume_from == 0) folder_->discard(name_);
    return io_failure(cause_of_write_error(opened.error()), opened.error(), name_);
  }
  fallback_reason = opened->fallback_reason;
  sink_ = std::move(opened->sink);
  return std::nullopt;
}

}  // namespace ferry
