// SPDX-License-Identifier: Apache-2.0
#pragma once
// A minimal writer for one-line JSON objects. Strings are escaped so the
// output is valid JSON for any input: invalid UTF-8 becomes U+FFFD.
#include <cstdint>
#include <string>
#include <string_view>

namespace ferry::cli {

// Appends `text` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text);

class JsonObject {
 public:
  JsonObject& string(std::string_view key, std::string_view value);
  JsonObject& unsigned_number(std::string_view key, std::uint64_t value);
  JsonObject& signed_number(std::string_view key, std::int64_t value);
  JsonObject& real(std::string_view key, double value);  // non-finite values become 0
  JsonObject& boolean(std::string_view key, bool value);
  JsonObject& raw(std::string_view key, std::string_view json);  // an already encoded value
  std::string str() const;

 private:
  void key(std::string_view name);
  std::string body_;
};

}  // namespace ferry::cli
