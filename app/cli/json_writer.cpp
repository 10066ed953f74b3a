// SPDX-License-Identifier: Apache-2.0
#include "json_writer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "utf8.hpp"

namespace ferry::cli {
namespace {

void append_ascii(std::string& out, char c) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      break;
  }
  if (static_cast<unsigned char>(c) < 0x20) {
    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
  } else {
    out += c;
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text.substr(i));
    if (length == 1) {
      append_ascii(out, text[i]);
    } else if (length == 0) {
      out += kReplacementCharacter;
    } else {
      out += text.substr(i, length);
    }
    i += std::max<std::size_t>(length, 1);
  }
  out += '"';
}

JsonObject& JsonObject::string(std::string_view name, std::string_view value) {
  key(name);
  append_json_string(body_, value);
  return *this;
}

JsonObject& JsonObject::unsigned_number(std::string_view name, std::uint64_t value) {
  key(name);
  body_ += fmt::format("{}", value);
  return *this;
}

JsonObject& JsonObject::signed_number(std::string_view name, std::int64_t value) {
  key(name);
  body_ += fmt::format("{}", value);
  return *this;
}

JsonObject& JsonObject::real(std::string_view name, double value) {
  key(name);
  body_ += fmt::format("{}", std::isfinite(value) ? value : 0.0);
  return *this;
}

JsonObject& JsonObject::boolean(std::string_view name, bool value) {
  key(name);
  body_ += value ? "true" : "false";
  return *this;
}

JsonObject& JsonObject::raw(std::string_view name, std::string_view json) {
  key(name);
  body_ += json;
  return *this;
}

std::string JsonObject::str() const { return "{" + body_ + "}"; }

void JsonObject::key(std::string_view name) {
  if (!body_.empty()) body_ += ',';
  append_json_string(body_, name);
  body_ += ':';
}

}  // namespace ferry::cli
