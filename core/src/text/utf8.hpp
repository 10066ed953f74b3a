// SPDX-License-Identifier: Apache-2.0
#pragma once
// Well-formed UTF-8 as The Unicode Standard defines it (table 3-7): no
// overlong forms, no surrogates, nothing above U+10FFFF, no truncated
// sequences, no stray continuation bytes.
#include <cstddef>
#include <string>
#include <string_view>

namespace ferry {

bool is_valid_utf8(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` bytes that is valid
// UTF-8: it stops before the first invalid sequence and never splits a
// character.
std::string_view valid_utf8_prefix(std::string_view text, std::size_t max_bytes);

// `text` with each byte that starts no well-formed sequence replaced by
// U+FFFD, as Unicode recommends (one replacement per maximal bad subpart is
// not attempted: a byte each keeps the count of what was lost visible).
std::string with_invalid_bytes_replaced(std::string_view text);

}  // namespace ferry
