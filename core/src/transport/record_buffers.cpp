// SPDX-License-Identifier: Apache-2.0
#include "record_buffers.hpp"

#include <algorithm>
#include <cstring>

namespace ferry {
namespace {

RecordBuffers& buffers_of(BIO* bio) { return *static_cast<RecordBuffers*>(BIO_get_data(bio)); }

int read_unread(BIO* bio, char* out, std::size_t length, std::size_t* read) {
  BIO_clear_retry_flags(bio);
  RecordBuffers& buffers = buffers_of(bio);
  const std::size_t n = std::min(length, buffers.incoming_end - buffers.incoming_begin);
  if (n == 0) {
    BIO_set_retry_read(bio);
    *read = 0;
    return 0;
  }
  std::memcpy(out, buffers.incoming.data() + buffers.incoming_begin, n);
  buffers.incoming_begin += n;
  *read = n;
  return 1;
}

int append_outgoing(BIO* bio, const char* in, std::size_t length, std::size_t* written) {
  BIO_clear_retry_flags(bio);
  auto& outgoing = buffers_of(bio).outgoing;
  const auto* bytes = reinterpret_cast<const std::byte*>(in);
  outgoing.insert(outgoing.end(), bytes, bytes + length);
  *written = length;
  return 1;
}

// OpenSSL flushes after each handshake flight; the Connection writes the
// buffer out itself. Nothing else (kernel TLS included) applies here.
long control(BIO*, int command, long, void*) { return command == BIO_CTRL_FLUSH ? 1 : 0; }

int create(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

BIO_METHOD* buffer_method() {
  // Made once and kept for the life of the process, as OpenSSL's own are.
  static BIO_METHOD* const method = [] {
    BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "ferry record buffers");
    if (m && BIO_meth_set_read_ex(m, read_unread) == 1 && BIO_meth_set_write_ex(m, append_outgoing) == 1 &&
        BIO_meth_set_ctrl(m, control) == 1 && BIO_meth_set_create(m, create) == 1)
      return m;
    BIO_meth_free(m);
    return static_cast<BIO_METHOD*>(nullptr);
  }();
  return method;
}

}  // namespace

BIO* make_buffer_bio(RecordBuffers& buffers) {
  BIO_METHOD* method = buffer_method();
  BIO* bio = method ? BIO_new(method) : nullptr;
  if (bio) BIO_set_data(bio, &buffers);
  return bio;
}

}  // namespace ferry
