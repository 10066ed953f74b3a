// SPDX-License-Identifier: Apache-2.0
#pragma once
// Markdown tables, and how one measured value over several runs is written
// in a cell: the median, with min–max when the runs differ.
#include <functional>
#include <string>
#include <vector>

namespace ferry::bench {

struct Spread {
  double median = 0;
  double min = 0;
  double max = 0;
};

// Throws std::invalid_argument for no values.
Spread spread_of(std::vector<double> values);

// "812 (790–830)": the median formatted by `format`, then the range when
// min and max format differently. "n/a" for no values.
std::string format_spread(const std::vector<double>& values, const std::function<std::string(double)>& format);

// Fixed-point with `decimals` digits.
std::function<std::string(double)> fixed(int decimals);
// Percent of a 0..1 fraction, no decimals.
std::string percent(double fraction);

class Table {
 public:
  enum class Align { Left, Right };
  struct Column {
    std::string heading;
    Align align = Align::Right;
  };

  explicit Table(std::vector<Column> columns);
  void add_row(std::vector<std::string> cells);  // one cell per column
  std::string markdown() const;                  // padded so the source reads as a table too

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace ferry::bench
