// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/pipeline_trace.hpp"

#include <cstdlib>
#include <memory>

#include <spdlog/sinks/basic_file_sink.h>

namespace ferry::platform {
namespace {

// Not registered with spdlog: it lives until the process exits, whatever the
// application does with the registry.
std::shared_ptr<spdlog::logger> open_trace() {
  const char* path = std::getenv("FERRY_PIPELINE_TRACE");
  if (!path || !*path) return nullptr;
  try {
    auto log = std::make_shared<spdlog::logger>("pipeline", std::make_shared<spdlog::sinks::basic_file_sink_mt>(path));
    // Seconds since the epoch with microseconds, the thread, the event.
    log->set_pattern("%E.%f %t %v");
    log->set_level(spdlog::level::info);
    return log;
  } catch (const spdlog::spdlog_ex& error) {
    spdlog::warn("FERRY_PIPELINE_TRACE: cannot open {}: {}", path, error.what());
    return nullptr;
  }
}

}  // namespace

spdlog::logger* pipeline_trace() {
  static const std::shared_ptr<spdlog::logger> log = open_trace();
  return log.get();
}

}  // namespace ferry::platform
