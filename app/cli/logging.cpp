// SPDX-License-Identifier: Apache-2.0
#include "logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace ferry::cli {

void set_up_logging(bool verbose) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("ferry-cli"));
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
}

}  // namespace ferry::cli
