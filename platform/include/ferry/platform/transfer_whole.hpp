// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <limits>

#include <boost/system/error_code.hpp>

namespace ferry::platform {

// Completion condition for asio::async_read/async_write: asio's transfer_all
// moves at most 64 KiB per system call, a sixteenth of a direct-I/O block;
// this asks the kernel for everything still owed in each call.
struct TransferWhole {
  std::size_t operator()(const boost::system::error_code& ec, std::size_t) const {
    return ec ? 0 : std::numeric_limits<std::size_t>::max();
  }
};

}  // namespace ferry::platform
