// SPDX-License-Identifier: Apache-2.0
#pragma once
// FERRY_TEST_TIME_SCALE (a positive integer, default 1): how much longer the
// tests' time budgets are in slower, instrumented builds (the sanitizer
// presets set it). A budget stays far below what the slow algorithm it guards
// against would take.
#include <cstdlib>
#include <string>

namespace ferry::test {

inline int time_scale() {
  static const int scale = [] {
    const char* text = std::getenv("FERRY_TEST_TIME_SCALE");
    if (!text) return 1;
    try {
      const int value = std::stoi(text);
      return value > 0 ? value : 1;
    } catch (const std::exception&) {
      return 1;
    }
  }();
  return scale;
}

}  // namespace ferry::test
