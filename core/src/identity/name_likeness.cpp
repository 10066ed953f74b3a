// SPDX-License-Identifier: Apache-2.0
#include "name_likeness.hpp"

#include <algorithm>
#include <iterator>
#include <cstdint>
#include <utility>

namespace ferry {
namespace {

// Look-alikes of Latin letters in Cyrillic and Greek, and Latin letters with
// accents, each to the lowercase Latin letter it passes for.
constexpr std::pair<char32_t, char> kLookAlikes[] = {
    // Cyrillic
    {U'А', 'a'},
    {U'а', 'a'},
    {U'В', 'b'},
    {U'в', 'b'},
    {U'Ь', 'b'},
    {U'Е', 'e'},
    {U'е', 'e'},
    {U'Ё', 'e'},
    {U'ё', 'e'},
    {U'К', 'k'},
    {U'к', 'k'},
    {U'М', 'm'},
    {U'м', 'm'},
    {U'Н', 'h'},
    {U'н', 'h'},
    {U'О', 'o'},
    {U'о', 'o'},
    {U'Р', 'p'},
    {U'р', 'p'},
    {U'С', 'c'},
    {U'с', 'c'},
    {U'Т', 't'},
    {U'т', 't'},
    {U'У', 'y'},
    {U'у', 'y'},
    {U'Х', 'x'},
    {U'х', 'x'},
    {U'І', 'i'},
    {U'і', 'i'},
    {U'Ї', 'i'},
    {U'ї', 'i'},
    {U'Ј', 'j'},
    {U'ј', 'j'},
    {U'Ѕ', 's'},
    {U'ѕ', 's'},
    {U'Ԁ', 'd'},
    {U'ԁ', 'd'},
    {U'Ӏ', 'l'},
    {U'ӏ', 'l'},
    {U'Ԛ', 'q'},
    {U'ԛ', 'q'},
    {U'Ԝ', 'w'},
    {U'ԝ', 'w'},
    {U'Ү', 'y'},
    {U'ү', 'y'},
    {U'Һ', 'h'},
    {U'һ', 'h'},
    // Greek
    {U'Α', 'a'},
    {U'α', 'a'},
    {U'Β', 'b'},
    {U'β', 'b'},
    {U'Ε', 'e'},
    {U'ε', 'e'},
    {U'Ζ', 'z'},
    {U'Η', 'h'},
    {U'Ι', 'l'},
    {U'ι', 'i'},
    {U'Κ', 'k'},
    {U'κ', 'k'},
    {U'Μ', 'm'},
    {U'Ν', 'n'},
    {U'ν', 'v'},
    {U'Ο', 'o'},
    {U'ο', 'o'},
    {U'Ρ', 'p'},
    {U'ρ', 'p'},
    {U'Τ', 't'},
    {U'τ', 't'},
    {U'Υ', 'y'},
    {U'υ', 'u'},
    {U'Χ', 'x'},
    {U'χ', 'x'},
    {U'ϲ', 'c'},
    {U'Ϲ', 'c'},
    // Latin with accents (Latin-1 Supplement)
    {U'À', 'a'},
    {U'Á', 'a'},
    {U'Â', 'a'},
    {U'Ã', 'a'},
    {U'Ä', 'a'},
    {U'Å', 'a'},
    {U'à', 'a'},
    {U'á', 'a'},
    {U'â', 'a'},
    {U'ã', 'a'},
    {U'ä', 'a'},
    {U'å', 'a'},
    {U'Ç', 'c'},
    {U'ç', 'c'},
    {U'È', 'e'},
    {U'É', 'e'},
    {U'Ê', 'e'},
    {U'Ë', 'e'},
    {U'è', 'e'},
    {U'é', 'e'},
    {U'ê', 'e'},
    {U'ë', 'e'},
    {U'Ì', 'l'},
    {U'Í', 'l'},
    {U'Î', 'l'},
    {U'Ï', 'l'},
    {U'ì', 'i'},
    {U'í', 'i'},
    {U'î', 'i'},
    {U'ï', 'i'},
    {U'Ñ', 'n'},
    {U'ñ', 'n'},
    {U'Ò', 'o'},
    {U'Ó', 'o'},
    {U'Ô', 'o'},
    {U'Õ', 'o'},
    {U'Ö', 'o'},
    {U'Ø', 'o'},
    {U'ò', 'o'},
    {U'ó', 'o'},
    {U'ô', 'o'},
    {U'õ', 'o'},
    {U'ö', 'o'},
    {U'ø', 'o'},
    {U'Ù', 'u'},
    {U'Ú', 'u'},
    {U'Û', 'u'},
    {U'Ü', 'u'},
    {U'ù', 'u'},
    {U'ú', 'u'},
    {U'û', 'u'},
    {U'ü', 'u'},
    {U'Ý', 'y'},
    {U'ý', 'y'},
    {U'ÿ', 'y'},
};

// ASCII look-alikes: i, I, 1 and | pass for l (capital I is l in many fonts,
// and folding I to i would part ALICE from Alice), digit 0 for o.
char fold_ascii(char c) {
  if (c == 'i' || c == 'I' || c == '1' || c == '|') return 'l';
  if (c == '0') return 'o';
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return c;
}

bool is_space(char32_t c) {
  return c == U' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Shown as nothing: zero-width characters, soft hyphen, combining accents,
// variation selectors, bidirectional controls.
bool is_invisible(char32_t c) {
  return c == 0xAD || (c >= 0x300 && c <= 0x36F) || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
}

// Decodes one UTF-8 character at `text[at]`; a byte that starts no valid
// character is returned as itself (above U+10FFFF, so it matches no table).
std::pair<char32_t, std::size_t> next_char(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  const std::size_t length = lead < 0x80           ? 1
                             : (lead >> 5) == 0x6  ? 2
                             : (lead >> 4) == 0xE  ? 3
                             : (lead >> 3) == 0x1E ? 4
                                                   : 0;
  if (length == 0 || at + length > text.size()) return {0x110000 + lead, 1};
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return {0x110000 + lead, 1};
    c = (c << 6) | (byte(at + i) & 0x3F);
  }
  return {c, length};
}

void append_utf8(std::string& out, char32_t c) {
  if (c >= 0x110000) {
    out += static_cast<char>(c - 0x110000);
  } else if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Fullwidth forms (NFKC's best-known compatibility mapping) to ASCII.
char32_t narrow(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;
  return c;
}

// Lowercase for the scripts the look-alike table covers; Latin capitals
// with an I shape stay capital so the table maps them to l.
char32_t lower(char32_t c) {
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;                // Cyrillic А..Я
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;                // Cyrillic Ѐ..Џ
  if (c >= 0x391 && c <= 0x3A9 && c != 0x399) return c + 0x20;  // Greek Α..Ω but Ι
  return c;
}

}  // namespace

std::string name_skeleton(std::string_view name) {
  std::string out;
  bool pending_space = false;
  for (std::size_t at = 0; at < name.size();) {
    auto [c, length] = next_char(name, at);
    at += length;
    c = narrow(c);
    if (is_invisible(c)) continue;
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (c < 0x80) {
      out += fold_ascii(static_cast<char>(c));
      continue;
    }
    c = lower(c);
    const auto* found = std::find_if(std::begin(kLookAlikes), std::end(kLookAlikes),
                                     [lowered = c](const auto& entry) { return entry.first == lowered; });
    if (found != std::end(kLookAlikes))
      out += fold_ascii(found->second);
    else
      append_utf8(out, c);
  }
  return out;
}

bool names_look_alike(std::string_view a, std::string_view b) { return name_skeleton(a) == name_skeleton(b); }

}  // namespace ferry
