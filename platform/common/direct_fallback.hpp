// SPDX-License-Identifier: Apache-2.0
#pragma once
// The policy both platforms' open_source and open_sink follow: when direct
// I/O is requested, try it; where the file's filesystem (volume) or the kernel
// cannot do it, record why (the engine logs the reason and shows it with the
// file) and open the file the buffered way instead. An error that is not about
// direct I/O (a missing folder, a full disk) fails the file rather than
// falling back.
#include <memory>
#include <string>
#include <utility>
#include <variant>

#include "ferry/base/io_result.hpp"
#include "ferry/base/strategy.hpp"

namespace ferry::platform::common {

// What trying direct I/O for one file came to: the direct source or sink, an
// error that must fail the file, or why direct I/O cannot run for it.
template <typename Made>
using DirectAttempt = std::variant<std::unique_ptr<Made>, IoError, std::string>;

template <typename Made>
struct Chosen {
  std::unique_ptr<Made> made;
  std::string fallback_reason;  // why its strategy differs from the one requested; empty if it does not
};

// `try_direct()` returns a DirectAttempt<Made> and runs only when `requested`
// is Direct; `open_other(strategy)` returns a Result<std::unique_ptr<Made>>
// for `requested`, or for Buffered after a fallback. Both may take the same
// observer: try_direct moves it only into what it returns.
template <typename Made, typename TryDirect, typename OpenOther>
Result<Chosen<Made>> try_direct_first(Strategy requested, TryDirect try_direct, OpenOther open_other) {
  Chosen<Made> chosen;
  if (requested == Strategy::Direct) {
    DirectAttempt<Made> direct = try_direct();
    if (auto* error = std::get_if<IoError>(&direct)) return *error;
    if (auto* made = std::get_if<std::unique_ptr<Made>>(&direct)) {
      chosen.made = std::move(*made);
      return chosen;
    }
    chosen.fallback_reason = std::get<std::string>(std::move(direct));
    requested = Strategy::Buffered;
  }
  auto other = open_other(requested);
  if (!other) return other.error();
  chosen.made = std::move(other.value());
  return chosen;
}

}  // namespace ferry::platform::common
