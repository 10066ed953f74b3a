// SPDX-License-Identifier: Apache-2.0
#include "value_parsers.hpp"

#include <charconv>
#include <limits>

#include <fmt/core.h>

#include "ferry/core/settings.hpp"
#include "usage_error.hpp"

namespace ferry::cli {
namespace {

std::optional<std::uint64_t> suffix_multiplier(std::string_view suffix) {
  if (suffix.empty()) return 1;
  if (suffix.size() != 1) return std::nullopt;
  switch (suffix.front()) {
    case 'K':
    case 'k':
      return std::uint64_t{1} << 10;
    case 'M':
    case 'm':
      return std::uint64_t{1} << 20;
    case 'G':
    case 'g':
      return std::uint64_t{1} << 30;
    default:
      return std::nullopt;
  }
}

// Parses all of `text` as an unsigned decimal number.
template <typename Number>
std::optional<Number> parse_whole_number(std::string_view text) {
  Number value{};
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc{} || stop != end) return std::nullopt;
  return value;
}

}  // namespace

std::uint64_t parse_size(std::string_view text) {
  const auto digits_end = text.find_first_not_of("0123456789");
  const std::string_view digits = text.substr(0, digits_end);
  const std::string_view suffix = digits_end == std::string_view::npos ? "" : text.substr(digits_end);
  const auto multiplier = suffix_multiplier(suffix);
  if (digits.empty() || !multiplier) {
    throw UsageError(fmt::format(
        "invalid size '{}': expected a number of bytes, optionally with a K, M or G suffix (e.g. 16M)", text));
  }
  const auto value = parse_whole_number<std::uint64_t>(digits);
  if (!value || *value > std::numeric_limits<std::uint64_t>::max() / *multiplier) {
    throw UsageError(fmt::format("size '{}' is too large", text));
  }
  return *value * *multiplier;
}

std::uint64_t parse_upload_limit(std::string_view text) {
  std::uint64_t limit = 0;
  try {
    limit = parse_size(text);
  } catch (const UsageError&) {
    throw UsageError(fmt::format(
        "invalid limit '{}': expected bytes per second, optionally with a K, M or G suffix (e.g. 20M), or 0 for none",
        text));
  }
  if (limit != 0 && limit < kMinUploadLimit)
    throw UsageError(
        fmt::format("limit '{}' is too low: at least {} bytes per second (1K), or 0 for none", text, kMinUploadLimit));
  return limit;
}

std::chrono::milliseconds parse_duration(std::string_view text) {
  const bool millis = text.ends_with("ms");
  std::string_view digits = text;
  if (millis)
    digits.remove_suffix(2);
  else if (text.ends_with('s'))
    digits.remove_suffix(1);
  const auto value = parse_whole_number<std::uint32_t>(digits);
  if (!value || *value == 0 || (!millis && *value > 1'000'000))
    throw UsageError(
        fmt::format("invalid duration '{}': expected seconds (e.g. 30 or 30s) or milliseconds (500ms)", text));
  return millis ? std::chrono::milliseconds(*value) : std::chrono::seconds(*value);
}

std::uint16_t parse_port(std::string_view text, PortZero zero) {
  const auto value = parse_whole_number<std::uint32_t>(text);
  const std::uint32_t lowest = zero == PortZero::Allowed ? 0 : 1;
  if (!value || *value < lowest || *value > std::numeric_limits<std::uint16_t>::max()) {
    throw UsageError(fmt::format("invalid port '{}': expected a number from {} to 65535", text, lowest));
  }
  return static_cast<std::uint16_t>(*value);
}

Endpoint parse_endpoint(std::string_view text) {
  auto parsed = ferry::parse_endpoint(text, kDefaultReceivePort);
  if (const auto* error = std::get_if<std::string>(&parsed)) throw UsageError(*error);
  return std::get<Endpoint>(std::move(parsed));
}

std::optional<Strategy> parse_strategy_choice(std::string_view text) {
  if (text == "auto") return std::nullopt;
  if (const auto strategy = parse_strategy(text)) return strategy;
  throw UsageError(fmt::format("invalid strategy '{}': expected auto, zerocopy, direct or buffered", text));
}

std::string format_size(std::uint64_t bytes) {
  for (const auto& [suffix, unit] : {std::pair{'G', 1ull << 30}, {'M', 1ull << 20}, {'K', 1ull << 10}})
    if (bytes != 0 && bytes % unit == 0) return std::to_string(bytes / unit) + suffix;
  return std::to_string(bytes);
}

}  // namespace ferry::cli
