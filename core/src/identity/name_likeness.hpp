// SPDX-License-Identifier: Apache-2.0
#pragma once
// Whether two device names would look the same to a user reading them, for
// the impostor warning (docs/security.md, "Names that look alike").
#include <string>
#include <string_view>

namespace ferry {

// The form two names are compared in: look-alike letters replaced by one
// Latin letter, case folded, accents and invisible characters dropped,
// whitespace trimmed and collapsed; UTF-8. Invalid UTF-8 bytes stay as they are.
std::string name_skeleton(std::string_view name);

// True when `a` and `b` have the same skeleton.
bool names_look_alike(std::string_view a, std::string_view b);

}  // namespace ferry
