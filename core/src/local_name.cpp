// SPDX-License-Identifier: Apache-2.0
// Each component is mapped on its own: characters first, then names Windows
// reserves or strips, then length, so every step sees the previous one's
// result and the outcome is storable whatever the input was.
#include "ferry/core/local_name.hpp"

#include <array>
#include <cstdint>

#include <fmt/format.h>

#include "text/ascii_case.hpp"
#include "text/utf8.hpp"

namespace ferry {
namespace {

constexpr char kReplacement = '_';
// A cut name keeps room under 255 bytes for the " (9999)" a name clash adds.
constexpr std::size_t kMaxMappedBytes = 240;
// An extension longer than this is not kept apart when a name is cut.
constexpr std::size_t kMaxKeptExtensionBytes = 32;

bool is_control(unsigned char byte) { return byte < 0x20 || byte == 0x7F; }

bool is_windows_forbidden(char c) {
  constexpr std::string_view kForbidden = "<>:\"\\|?*";
  return kForbidden.find(c) != std::string_view::npos;
}

// Windows opens a device for these names whatever follows the first '.' and
// whatever trailing spaces: "nul.txt", "CON ", "aux." are all devices.
bool is_reserved_windows_name(std::string_view component) {
  std::string_view base = component.substr(0, component.find('.'));
  while (!base.empty() && base.back() == ' ') base.remove_suffix(1);
  if (base.size() < 3 || base.size() > 7) return false;  // "con" .. "conout$"

  constexpr std::array<std::string_view, 6> kDevices = {"con", "prn", "aux", "nul", "conin$", "conout$"};
  for (std::string_view device : kDevices) {
    if (equals_ignoring_ascii_case(base, device)) return true;
  }
  if (base.size() < 4) return false;
  const std::string_view port = base.substr(0, 3);
  if (!equals_ignoring_ascii_case(port, "com") && !equals_ignoring_ascii_case(port, "lpt")) return false;
  const std::string_view number = base.substr(3);
  // Windows also treats the superscripts ¹ ² ³ (UTF-8 below) as port numbers.
  constexpr std::array<std::string_view, 3> kSuperscripts = {"\xC2\xB9", "\xC2\xB2", "\xC2\xB3"};
  if (number.size() == 1) return number[0] >= '1' && number[0] <= '9';
  for (std::string_view superscript : kSuperscripts) {
    if (number == superscript) return true;
  }
  return false;
}

// FNV-1a: a short, stable tag that keeps two long names apart once cut.
std::uint32_t name_tag(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash;
}

// "<start of the name>~<tag of the whole name><extension>", within kMaxMappedBytes.
std::string shortened(std::string_view name, std::string_view original) {
  std::string_view extension;
  if (const auto dot = name.rfind('.');
      dot != std::string_view::npos && dot > 0 && name.size() - dot <= kMaxKeptExtensionBytes) {
    extension = name.substr(dot);
  }
  const std::string tag = fmt::format("~{:08x}", name_tag(original));
  const std::size_t room = kMaxMappedBytes - tag.size() - extension.size();
  const std::string_view start = valid_utf8_prefix(name.substr(0, name.size() - extension.size()), room);
  return std::string(start) + tag + std::string(extension);
}

std::string mapped_component(std::string_view component, NameRules rules) {
  const bool windows = rules == NameRules::Windows;
  std::string name(component);
  for (char& c : name) {
    if (is_control(static_cast<unsigned char>(c)) || (windows && is_windows_forbidden(c))) c = kReplacement;
  }
  if (windows) {
    if (is_reserved_windows_name(name)) name.insert(name.begin(), kReplacement);
    // Windows strips them, so "a." would become "a".
    for (auto it = name.rbegin(); it != name.rend() && (*it == ' ' || *it == '.'); ++it) *it = kReplacement;
  }
  if (name.size() > 255) name = shortened(name, component);
  return name;
}

}  // namespace

NameRules name_rules_for(OperatingSystem system) {
  return system == OperatingSystem::Linux ? NameRules::Linux : NameRules::Windows;
}

std::string local_path(std::string_view offered_path, NameRules rules) {
  std::string local;
  local.reserve(offered_path.size());
  for (std::size_t start = 0; start <= offered_path.size();) {
    std::size_t end = offered_path.find('/', start);
    if (end == std::string_view::npos) end = offered_path.size();
    if (start > 0) local += '/';
    local += mapped_component(offered_path.substr(start, end - start), rules);
    start = end + 1;
  }
  return local;
}

std::vector<RenamedEntry> renamed_entries(const std::vector<OfferEntry>& entries, NameRules rules) {
  std::vector<RenamedEntry> renamed;
  for (std::uint32_t index = 0; index < entries.size(); ++index) {
    std::string local = local_path(entries[index].path, rules);
    if (local != entries[index].path) renamed.push_back({index, std::move(local)});
  }
  return renamed;
}

}  // namespace ferry
