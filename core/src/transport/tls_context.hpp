// SPDX-License-Identifier: Apache-2.0
#pragma once
// The TLS configuration every session uses: TLS 1.3 only, this device's
// certificate on both sides (mutual), any peer certificate let through the
// handshake — a self-signed device certificate cannot chain to anything; who
// the peer is gets decided by its fingerprint afterwards (trust.hpp).
#include <memory>

#include <boost/asio/ssl/context.hpp>

#include "ferry/core/identity.hpp"

namespace ferry {

Result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(const Identity& identity);

}  // namespace ferry
