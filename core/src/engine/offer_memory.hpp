// SPDX-License-Identifier: Apache-2.0
#pragma once
// What all offers being received or waiting for an answer hold in memory,
// together, in this process: bytes of OFFER frames as they arrive, then the
// decoded entries. Above the cap a further offer is declined as Busy, so many
// large offers at once cannot exhaust the receiver's memory.
#include <cstddef>
#include <system_error>

#include "ferry/core/protocol/messages.hpp"

namespace ferry {

inline constexpr std::size_t kOfferMemoryCap = 192u * 1024 * 1024;

enum class OfferMemoryError { Exhausted = 1 };
const std::error_category& offer_memory_category();
std::error_code make_error_code(OfferMemoryError);

// What the DECLINE(Busy) of such an offer tells the sender.
inline constexpr const char* kOfferMemoryBusyText =
    "the receiver is holding too many large offers right now; try again once they are answered";

// One offer's share of the cap; returns it (and the freed heap pages) on destruction.
class OfferMemoryCharge {
 public:
  OfferMemoryCharge() = default;
  OfferMemoryCharge(const OfferMemoryCharge&) = delete;
  OfferMemoryCharge& operator=(const OfferMemoryCharge&) = delete;
  ~OfferMemoryCharge();

  // Makes this charge `bytes`; false (and unchanged) when the cap would be passed.
  bool resize(std::size_t bytes);
  std::size_t bytes() const { return bytes_; }

 private:
  std::size_t bytes_ = 0;
};

// Heap bytes a decoded offer holds: its entries and their paths (held once:
// the session, its machine and its events share them).
std::size_t decoded_size(const protocol::Offer& offer);
// What all charges hold now.
std::size_t offer_memory_in_use();

}  // namespace ferry

template <>
struct std::is_error_code_enum<ferry::OfferMemoryError> : std::true_type {};
