#include "console_output.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include <fmt/core.h>

#include "utf8.hpp"

namespace ferry::cli {
namespace {

std::string_view direction_verb(Direction direction) {
  return direction == Direction::Send ? "Sending" : "Receiving";
}

std::string_view direction_preposition(Direction direction) {
  return direction == Direction::Send ? "to" : "from";
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
  static constexpr std::array<std::string_view, 5> kUnits{"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (bytes < 1024) return fmt::format("{} B", bytes);
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < kUnits.size()) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string format_rate(double bytes_per_second) {
  if (!std::isfinite(bytes_per_second) || bytes_per_second <= 0) return "-";
  return format_bytes(static_cast<std::uint64_t>(bytes_per_second)) + "/s";
}

double rate_of(std::uint64_t bytes, double seconds) {
  return seconds > 0 ? static_cast<double>(bytes) / seconds : 0.0;
}

std::string printable(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text.substr(i));
    const auto lead = static_cast<unsigned char>(text[i]);
    const bool control = (length == 1 && (lead < 0x20 || lead == 0x7F)) ||
                         (length == 2 && lead == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F);
    if (length == 0 || control) {
      result += kReplacementCharacter;
    } else {
      result += text.substr(i, length);
    }
    i += std::max<std::size_t>(length, 1);
  }
  return result;
}

std::string format_send_phase(const SendPhaseChanged& phase) {
  if (phase.phase == SendPhase::Connecting) return fmt::format("Connecting to {}…", printable(phase.peer));
  return fmt::format("Waiting for {} to accept…", printable(phase.peer));
}

std::string format_session_started(const SessionStarted& started) {
  return fmt::format("{} {} files ({}) {} \"{}\" {} (code {}, {})", direction_verb(started.direction),
                     started.file_count, format_bytes(started.total_bytes),
                     direction_preposition(started.direction), printable(started.device_name),
                     printable(started.peer), started.identity.verification_code,
                     started.mode == protocol::TransferMode::Fast ? "fast mode: file bytes unencrypted"
                                                                  : "encrypted");
}

std::string format_file_done(const FileDone& file) {
  std::string line = fmt::format("  {:<4} {:<8} {:>11} {:>13}  {}", file.ok ? "ok" : "FAIL",
                                 to_string(file.strategy), format_bytes(file.bytes),
                                 file.ok ? format_rate(rate_of(file.bytes, file.seconds)) : "-",
                                 printable(file.path));
  if (!file.ok) line += fmt::format(": {}", printable(file.error));
  if (file.ok && file.resumed_bytes == file.bytes && file.bytes > 0) line += "  (already there)";
  else if (file.resumed_bytes > 0) line += fmt::format("  (resumed at {})", format_bytes(file.resumed_bytes));
  if (!file.strategy_note.empty()) line += fmt::format("  ({})", printable(file.strategy_note));
  return line;
}

std::string format_session_done(const SessionDone& done) {
  const std::string amount = fmt::format("{} in {:.2f} s ({})", format_bytes(done.bytes), done.seconds,
                                         format_rate(rate_of(done.bytes, done.seconds)));
  if (done.ok) return fmt::format("Done: {} files, {}", done.files_ok, amount);
  return fmt::format("FAILED: {} files ok, {} failed, {}: {}", done.files_ok, done.files_failed, amount,
                     session_failure(done));
}

std::string session_failure(const SessionDone& done) {
  if (!done.error.empty()) return printable(done.error);
  return fmt::format("{} of {} files failed", done.files_failed, done.files_ok + done.files_failed);
}

void print_line(std::string_view line) {
  fmt::print(stdout, "{}\n", line);
  std::fflush(stdout);
}

void print_notice(std::string_view message) { fmt::print(stderr, "ferry-cli: {}\n", message); }

void print_error(std::string_view message) { fmt::print(stderr, "ferry-cli: error: {}\n", message); }

}  // namespace ferry::cli
