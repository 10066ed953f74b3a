// SPDX-License-Identifier: Apache-2.0
#pragma once
// ferry-cli identity / trust / untrust: show this device's identity, pin or
// unpin peers.
#include "arguments.hpp"

namespace ferry::cli {

int run_identity(const IdentityOptions& options);
int run_trust(const TrustOptions& options);

}  // namespace ferry::cli
