// SPDX-License-Identifier: Apache-2.0
#pragma once
// Win32 error codes as IoErrors. Boost's system category knows Win32 codes
// (its message() asks FormatMessageW), and converts to std::error_code.
#include <windows.h>

#include <boost/system/error_code.hpp>
#include <string>
#include <utility>

#include "ferry/base/io_result.hpp"

namespace ferry::platform::windows_impl {

inline IoError win32_error(DWORD code, std::string operation, std::string subject = {}) {
  const boost::system::error_code ec(static_cast<int>(code), boost::system::system_category());
  return IoError{ec, std::move(operation), std::move(subject)};
}

inline IoError last_win32_error(std::string operation, std::string subject = {}) {
  return win32_error(::GetLastError(), std::move(operation), std::move(subject));
}

}  // namespace ferry::platform::windows_impl
