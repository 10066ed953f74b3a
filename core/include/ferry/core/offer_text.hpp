// SPDX-License-Identifier: Apache-2.0
#pragma once
// The longest text an offer carries (UTF-8 bytes), for senders and the app;
// the wire protocol's own limit is this one.
#include <cstddef>

namespace ferry {

inline constexpr std::size_t kMaxOfferTextBytes = 1024 * 1024;

}  // namespace ferry
