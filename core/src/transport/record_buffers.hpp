// SPDX-License-Identifier: Apache-2.0
#pragma once
// The bytes between OpenSSL's record layer and a session's socket when TLS
// runs in user space. OpenSSL reads ciphertext out of `incoming` and writes
// records into `outgoing` through a BIO of its own kind (make_buffer_bio);
// the Connection moves them to and from the socket in large batches, so one
// system call carries many TLS records instead of one.
#include <cstddef>
#include <span>
#include <vector>

#include <openssl/bio.h>

namespace ferry {

struct RecordBuffers {
  std::vector<std::byte> incoming;  // ciphertext read from the socket
  std::size_t incoming_begin = 0;   // unread bytes are incoming[begin, end)
  std::size_t incoming_end = 0;
  std::vector<std::byte> outgoing;  // records waiting to be written

  std::span<const std::byte> unread() const {
    return std::span(incoming).subspan(incoming_begin, incoming_end - incoming_begin);
  }
};

// A BIO reading from and appending to `buffers` (not owned). A read with
// nothing unread asks OpenSSL to retry (SSL_ERROR_WANT_READ); writes always
// succeed. Null if OpenSSL cannot allocate it.
BIO* make_buffer_bio(RecordBuffers& buffers);

}  // namespace ferry
