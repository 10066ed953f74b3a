// SPDX-License-Identifier: Apache-2.0
#pragma once
// docs/protocol.md's rules written out a second time, independently of the
// codec, so the fuzz targets can check the codec against them.
#include <cstdint>
#include <optional>
#include <string_view>

#include "ferry/core/protocol/codec.hpp"

namespace ferry::fuzz {

// Stops the fuzz target with a message; libFuzzer keeps the input that did it.
[[noreturn]] void fail(const char* condition, const char* file, int line);

#define FUZZ_CHECK(condition) ((condition) ? void(0) : ::ferry::fuzz::fail(#condition, __FILE__, __LINE__))

// Section 2.3: the payload limit of a frame type, nothing for an unknown type.
std::optional<std::uint32_t> payload_limit(std::uint8_t type);

// Section 2.2 (The Unicode Standard, table 3-7), by decoding code points.
bool is_well_formed_utf8(std::string_view text);

// The error decoding the encoding of `message` must give, checking its fields
// in wire order as section 4 does; nothing when the message is valid.
std::optional<protocol::DecodeError> first_field_error(const protocol::Message& message);

// The frame type byte `message` is sent with.
std::uint8_t type_byte(const protocol::Message& message);

}  // namespace ferry::fuzz
