// SPDX-License-Identifier: Apache-2.0
#include "console_output.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include <fmt/core.h>

#include "failure_words.hpp"
#include "utf8.hpp"

namespace ferry::cli {
namespace {

std::string_view direction_verb(Direction direction) { return direction == Direction::Send ? "Sending" : "Receiving"; }

std::string_view direction_preposition(Direction direction) { return direction == Direction::Send ? "to" : "from"; }

// "12.0 MiB in 0.52 s (23.1 MiB/s)", counted from the first byte of file
// data; "7 files already there" when nothing had to move; files the
// receiving user left out, "2 files skipped by the receiver".
std::string amount_moved(const SessionDone& done) {
  std::string there;
  if (done.files_already_there == done.files_ok && done.files_ok > 0)
    there = "all already there";
  else if (done.files_already_there > 0)
    there = fmt::format("{} already there", count_of(done.files_already_there, "file"));
  if (done.files_skipped > 0) {
    const std::string skipped = fmt::format("{} skipped by the receiver", count_of(done.files_skipped, "file"));
    there = there.empty() ? skipped : there + ", " + skipped;
  }
  if (done.data_bytes == 0 && !there.empty()) return there;
  std::string moved = fmt::format("{} in {:.2f} s ({})", format_bytes(done.data_bytes), done.seconds,
                                  format_rate(rate_of(done.data_bytes, done.seconds)));
  return there.empty() ? moved : moved + ", " + there;
}

}  // namespace

std::string count_of(std::uint64_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

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

std::uint64_t moved_bytes(const FileDone& file) { return file.bytes - std::min(file.resumed_bytes, file.bytes); }

double rate_of(std::uint64_t bytes, double seconds) { return seconds > 0 ? static_cast<double>(bytes) / seconds : 0.0; }

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
  if (phase.phase == SendPhase::Connecting)
    return fmt::format("Connecting to {}…", printable(format_endpoint(phase.peer)));
  return fmt::format("Waiting for {} to accept…", printable(format_endpoint(phase.peer)));
}

std::string format_session_started(const SessionStarted& started) {
  return fmt::format("{} {} ({}) {} \"{}\" {} (code {}, {})", direction_verb(started.direction),
                     count_of(started.file_count, "file"), format_bytes(started.total_bytes),
                     direction_preposition(started.direction), printable(started.device_name),
                     printable(format_endpoint(started.peer)), started.identity.verification_code,
                     started.mode == TransferMode::Fast ? "fast mode: file bytes unencrypted"
                     : started.kernel_tls               ? "encrypted, kernel TLS"
                                                        : "encrypted");
}

std::string format_file_done(const FileDone& file) {
  const std::uint64_t moved = moved_bytes(file);
  std::string line = fmt::format(
      "  {:<4} {:<8} {:>11} {:>13}  {}", file.ok ? "ok" : "FAIL", to_string(file.strategy), format_bytes(file.bytes),
      file.ok && moved > 0 ? format_rate(rate_of(moved, file.seconds)) : "-", printable(file.path));
  if (!file.ok) {
    const std::string words = failure_words(file.cause, file.direction);
    line += ": " + (words.empty() ? printable(file.error) : fmt::format("{} ({})", words, printable(file.error)));
  }
  if (file.ok && file.resumed_bytes == file.bytes && file.bytes > 0)
    line += "  (already there)";
  else if (file.resumed_bytes > 0)
    line += fmt::format("  (resumed at {})", format_bytes(file.resumed_bytes));
  if (!file.strategy_note.empty()) line += fmt::format("  ({})", printable(file.strategy_note));
  return line;
}

std::string format_session_done(const SessionDone& done, const std::filesystem::path& receive_dir) {
  if (done.ok) return fmt::format("Done: {}, {}", count_of(done.files_ok, "file"), amount_moved(done));
  return "Failed: " + session_failure(done, receive_dir);
}

std::string session_failure(const SessionDone& done, const std::filesystem::path& receive_dir) {
  const std::string detail =
      !done.error.empty() ? printable(done.error)
      : done.files_failed > 0
          ? fmt::format("{} of {} failed", count_of(done.files_failed, "file"), done.files_ok + done.files_failed)
          : std::string();
  std::string text = failure_words(done.cause, done.direction, receive_dir);
  if (text.empty())
    text = detail;
  else if (!detail.empty())
    text += fmt::format(" ({})", detail);
  if (done.files_ok > 0) text += fmt::format(" ({} arrived)", count_of(done.files_ok, "file"));
  // Promised only when the receiver really keeps what arrived.
  if (done.resumable) text += "; what arrived is kept: sending the same files again continues it";
  return text;
}

void print_line(std::string_view line) {
  fmt::print(stdout, "{}\n", line);
  std::fflush(stdout);
}

void print_notice(std::string_view message) { fmt::print(stderr, "ferry-cli: {}\n", message); }

void print_error(std::string_view message) { fmt::print(stderr, "ferry-cli: error: {}\n", message); }

}  // namespace ferry::cli
