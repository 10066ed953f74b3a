// SPDX-License-Identifier: Apache-2.0
#pragma once
// OpenSSL's error queue as an IoError: the oldest queued error, named by
// Asio's ssl category (its message is OpenSSL's reason string).
#include <openssl/err.h>

#include <boost/asio/ssl/error.hpp>
#include <string>
#include <utility>

#include "ferry/base/io_result.hpp"

namespace ferry {

inline IoError openssl_error(std::string operation, std::string subject = {}) {
  const unsigned long code = ::ERR_get_error();
  ::ERR_clear_error();
  const boost::system::error_code ec(static_cast<int>(code), boost::asio::error::get_ssl_category());
  return IoError{ec, std::move(operation), std::move(subject)};
}

}  // namespace ferry
