// SPDX-License-Identifier: Apache-2.0
#pragma once
// A timeline of the direct-I/O pipeline, for finding where a transfer waits:
// one line per block event (read submitted / completed, digested, sent to the
// socket; write submitted / landed; socket reads into a sink buffer), each
// with a microsecond timestamp and the operations in flight. Off unless the
// environment variable FERRY_PIPELINE_TRACE names a file to append to; then
// each event costs one formatted line in a buffered file (a few per MiB).
#include <utility>

#include <spdlog/spdlog.h>

namespace ferry::platform {

// Null unless FERRY_PIPELINE_TRACE is set (read once per process).
spdlog::logger* pipeline_trace();

template <typename... Args>
void trace_pipeline(fmt::format_string<Args...> format, Args&&... args) {
  if (spdlog::logger* log = pipeline_trace()) log->info(format, std::forward<Args>(args)...);
}

}  // namespace ferry::platform
