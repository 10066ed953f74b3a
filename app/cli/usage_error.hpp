#pragma once
#include <stdexcept>

namespace ferry::cli {

// A command line that cannot be run as written; main() reports it and exits with 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ferry::cli
