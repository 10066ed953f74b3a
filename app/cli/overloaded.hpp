// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace ferry::cli {

// Builds a std::visit visitor from lambdas.
template <typename... Handlers>
struct Overloaded : Handlers... {
  using Handlers::operator()...;
};
template <typename... Handlers>
Overloaded(Handlers...) -> Overloaded<Handlers...>;

}  // namespace ferry::cli
