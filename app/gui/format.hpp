// SPDX-License-Identifier: Apache-2.0
#pragma once
// How sizes, speeds, durations and strategies read in the window.
#include <QString>

#include <cstdint>
#include <string>

#include "ferry/base/strategy.hpp"

namespace ferry::gui {

QString human_bytes(std::uint64_t bytes);      // "1.5 MiB"
QString human_speed(double bytes_per_second);  // "12.3 MiB/s"
QString human_duration(double seconds);        // "1 h 02 min", "3 min 05 s", "42 s"
QString file_count(std::uint64_t files);       // "1 file", "3 files"
QString strategy_label(Strategy strategy);
// Why a session failed, in words: its own error, else how many files failed.
QString session_failure(const std::string& error, std::uint32_t files_failed);  // "zero-copy", "direct", "buffered"
// One sentence on why a file moved the way it did, for a tooltip.
QString strategy_reason(Strategy strategy, const std::string& note);
QString from_utf8(const std::string& text);

}  // namespace ferry::gui
