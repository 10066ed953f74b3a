// SPDX-License-Identifier: Apache-2.0
#include "table.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/core.h>

namespace ferry::bench {
namespace {

// Width in code points, so "–" and "→" pad like one character.
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A cell's text with '|' escaped, so it does not end the cell.
std::string escaped(const std::string& text) {
  std::string result;
  for (const char c : text) {
    if (c == '|') result += '\\';
    result += c;
  }
  return result;
}

std::string padded(const std::string& raw, std::size_t width, Table::Align align) {
  const std::string text = escaped(raw);
  const std::string padding(width - std::min(width, display_width(text)), ' ');
  return align == Table::Align::Left ? text + padding : padding + text;
}

}  // namespace

Spread spread_of(std::vector<double> values) {
  if (values.empty()) throw std::invalid_argument("spread_of: no values");
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  const double median = values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  return {median, values.front(), values.back()};
}

std::string format_spread(const std::vector<double>& values, const std::function<std::string(double)>& format) {
  if (values.empty()) return "n/a";
  const Spread spread = spread_of(values);
  const std::string low = format(spread.min);
  const std::string high = format(spread.max);
  if (low == high) return format(spread.median);
  return fmt::format("{} ({}–{})", format(spread.median), low, high);
}

std::function<std::string(double)> fixed(int decimals) {
  return [decimals](double value) { return fmt::format("{:.{}f}", value, decimals); };
}

std::string percent(double fraction) { return fmt::format("{:.0f}%", fraction * 100); }

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::add_row(std::vector<std::string> cells) {
  if (cells.size() != columns_.size()) throw std::invalid_argument("Table::add_row: wrong number of cells");
  rows_.push_back(std::move(cells));
}

std::string Table::markdown() const {
  std::vector<std::size_t> widths;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    std::size_t width = std::max<std::size_t>(3, display_width(escaped(columns_[i].heading)));
    for (const auto& row : rows_) width = std::max(width, display_width(escaped(row[i])));
    widths.push_back(width);
  }
  std::string text = "|";
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    text += " " + padded(columns_[i].heading, widths[i], columns_[i].align) + " |";
  }
  text += "\n|";
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const bool right = columns_[i].align == Align::Right;
    text += (right ? " " : " :") + std::string(widths[i] - 1, '-') + (right ? ": |" : " |");
  }
  text += "\n";
  for (const auto& row : rows_) {
    text += "|";
    for (std::size_t i = 0; i < columns_.size(); ++i) text += " " + padded(row[i], widths[i], columns_[i].align) + " |";
    text += "\n";
  }
  return text;
}

}  // namespace ferry::bench
