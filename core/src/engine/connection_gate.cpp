// SPDX-License-Identifier: Apache-2.0
#include "connection_gate.hpp"

#include <algorithm>

namespace ferry {

ConnectionGate::Admission ConnectionGate::admit(TransferId id, const std::string& address) {
  if (per_address_[address] >= kMaxSessionsPerAddress) return {};
  ++per_address_[address];
  address_of_[id] = address;
  Admission admission{.admitted = true};
  if (handshaking_.size() >= kMaxHandshaking) {
    admission.displaced = handshaking_.front();
    handshaking_.pop_front();
  }
  handshaking_.push_back(id);
  return admission;
}

void ConnectionGate::offered(TransferId id) { std::erase(handshaking_, id); }

void ConnectionGate::ended(TransferId id) {
  std::erase(handshaking_, id);
  const auto found = address_of_.find(id);
  if (found == address_of_.end()) return;
  if (--per_address_[found->second] == 0) per_address_.erase(found->second);
  address_of_.erase(found);
}

std::optional<TransferId> ConnectionGate::oldest_handshaking() const {
  if (handshaking_.empty()) return std::nullopt;
  return handshaking_.front();
}

}  // namespace ferry
