// SPDX-License-Identifier: Apache-2.0
#include "wide_path.hpp"

#include <windows.h>

namespace ferry::platform::windows_impl {

std::wstring widen(std::string_view utf8) {
  if (utf8.empty()) return {};
  const int size = static_cast<int>(utf8.size());
  const int wide = ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), size, nullptr, 0);
  std::wstring text(static_cast<std::size_t>(wide), L'\0');
  ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), size, text.data(), wide);
  return text;
}

std::wstring extended_path(const std::filesystem::path& path) {
  static constexpr std::wstring_view kPrefix = L"\\\\?\\";
  static constexpr std::wstring_view kUncPrefix = L"\\\\?\\UNC\\";
  const std::wstring& given = path.native();
  if (given.starts_with(kPrefix)) return given;
  std::error_code ignored;  // on failure the path is used as given
  std::filesystem::path full = std::filesystem::absolute(path, ignored).lexically_normal();
  full.make_preferred();
  const std::wstring& text = full.native();
  if (text.starts_with(L"\\\\")) return std::wstring(kUncPrefix) + text.substr(2);
  return std::wstring(kPrefix) + text;
}

}  // namespace ferry::platform::windows_impl
