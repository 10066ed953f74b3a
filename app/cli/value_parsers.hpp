// SPDX-License-Identifier: Apache-2.0
#pragma once
// Parsers for the values given on the command line. Each throws UsageError
// with a message naming the bad text.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ferry/base/strategy.hpp"
#include "ferry/core/endpoint.hpp"

namespace ferry::cli {

// "4096", "512K", "16M", "2G" (binary: 1K = 1024); rejects signs, spaces,
// unknown suffixes and values above 2^64 - 1.
std::uint64_t parse_size(std::string_view text);
// The inverse for whole units: 16777216 → "16M"; other values stay in bytes.
std::string format_size(std::uint64_t bytes);

// Bytes per second as a size ("20M": 20 MiB/s); 0 for no limit, else at
// least kMinUploadLimit.
std::uint64_t parse_upload_limit(std::string_view text);

// Whole seconds or milliseconds: "30", "30s", "500ms"; at least 1 ms.
std::chrono::milliseconds parse_duration(std::string_view text);

enum class PortZero { Allowed, Rejected };
std::uint16_t parse_port(std::string_view text, PortZero zero);

using ferry::Endpoint;

// "host:port", "192.168.1.7:53740" or "[::1]:53740" (ferry::parse_endpoint);
// without a port, Ferry's default (53740).
Endpoint parse_endpoint(std::string_view text);

// "auto" (nullopt: the engine picks per file), "zerocopy", "direct", "buffered".
std::optional<Strategy> parse_strategy_choice(std::string_view text);

}  // namespace ferry::cli
