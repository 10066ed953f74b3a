#pragma once
// Human-readable lines for the console. Every line is flushed at once so a
// pipe or a log file sees it while the transfer runs.
#include <cstdint>
#include <string>
#include <string_view>

#include "ferry/core/events.hpp"

namespace ferry::cli {

// "0 B", "512 B", "4.0 KiB", "12.3 MiB", "1.5 GiB".
std::string format_bytes(std::uint64_t bytes);
// "845.2 MiB/s"; "-" when there is no meaningful rate.
std::string format_rate(double bytes_per_second);
// bytes / seconds, 0 when seconds is not positive.
double rate_of(std::uint64_t bytes, double seconds);

// Replaces control characters (C0, DEL, C1) and invalid UTF-8 with U+FFFD, so
// names chosen by a peer cannot drive the terminal.
std::string printable(std::string_view text);

std::string format_send_phase(const SendPhaseChanged& phase);
std::string format_session_started(const SessionStarted& started);
// "  ok   zerocopy    12.3 MiB   845.2 MiB/s  photos/a.jpg"
std::string format_file_done(const FileDone& file);
std::string format_session_done(const SessionDone& done);
// Why a session failed, for the error line on stderr.
std::string session_failure(const SessionDone& done);

void print_line(std::string_view line);      // stdout
void print_notice(std::string_view message);  // "ferry-cli: MESSAGE" on stderr
void print_error(std::string_view message);   // "ferry-cli: error: MESSAGE" on stderr

}  // namespace ferry::cli
