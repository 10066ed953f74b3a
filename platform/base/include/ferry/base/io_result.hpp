// SPDX-License-Identifier: Apache-2.0
#pragma once
// Errors cross Ferry's layers as values: an IoError names the operation, the
// file or peer it concerned and the system error; Result<T> carries either.
#include <cerrno>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <variant>

namespace ferry {

struct IoError {
  std::error_code code;
  std::string operation;  // e.g. "open", "sendfile", "io_uring_setup"
  std::string subject;    // the file path or peer address concerned; may be empty

  // "open(/data/a.bin): No such file or directory"
  std::string describe() const {
    std::string text = operation;
    if (!subject.empty()) text += "(" + subject + ")";
    text += ": " + code.message();
    return text;
  }
};

inline IoError errno_error(int error_number, std::string operation, std::string subject = {}) {
  return IoError{std::error_code(error_number, std::system_category()), std::move(operation), std::move(subject)};
}

inline IoError last_errno_error(std::string operation, std::string subject = {}) {
  return errno_error(errno, std::move(operation), std::move(subject));
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(IoError error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const IoError& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, IoError> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(IoError error) : error_(std::move(error)) {}

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const IoError& error() const { return *error_; }

 private:
  std::optional<IoError> error_;
};

}  // namespace ferry
