// SPDX-License-Identifier: Apache-2.0
#pragma once
// Human-readable lines for the console. Every line is flushed at once so a
// pipe or a log file sees it while the transfer runs.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "ferry/core/events.hpp"

namespace ferry::cli {

// "1 file", "3 files".
std::string count_of(std::uint64_t count, std::string_view noun);
// "0 B", "512 B", "4.0 KiB", "12.3 MiB", "1.5 GiB".
std::string format_bytes(std::uint64_t bytes);
// "845.2 MiB/s"; "-" when there is no meaningful rate.
std::string format_rate(double bytes_per_second);
// The file's bytes this session moved: not what an earlier one delivered.
std::uint64_t moved_bytes(const FileDone& file);
// bytes / seconds, 0 when seconds is not positive.
double rate_of(std::uint64_t bytes, double seconds);

// Replaces control characters (C0, DEL, C1) and invalid UTF-8 with U+FFFD, so
// names chosen by a peer cannot drive the terminal.
std::string printable(std::string_view text);

std::string format_send_phase(const SendPhaseChanged& phase);
std::string format_session_started(const SessionStarted& started);
// "  ok   zerocopy    12.3 MiB   845.2 MiB/s  photos/a.jpg"
std::string format_file_done(const FileDone& file);
// "Done: 3 files, 12.0 MiB in 0.52 s (23.1 MiB/s)" or "Failed: " and why.
// `receive_dir`: the receiving side's folder, named when it is the problem.
std::string format_session_done(const SessionDone& done, const std::filesystem::path& receive_dir = {});
// Why a session failed, how many files arrived, and whether sending again
// continues it: the one line a failure prints.
std::string session_failure(const SessionDone& done, const std::filesystem::path& receive_dir = {});

void print_line(std::string_view line);       // stdout
void print_notice(std::string_view message);  // "ferry-cli: MESSAGE" on stderr
void print_error(std::string_view message);   // "ferry-cli: error: MESSAGE" on stderr

}  // namespace ferry::cli
