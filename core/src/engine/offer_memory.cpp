// SPDX-License-Identifier: Apache-2.0
#include "offer_memory.hpp"

#include <atomic>
#include <string>

#include "ferry/platform/free_memory.hpp"

namespace ferry {
namespace {

// Engines of one process (the desktop app restarts its engine) share the cap.
std::atomic<std::size_t> g_in_use{0};

// Freeing less than this leaves too little to hand back to be worth a heap walk.
constexpr std::size_t kReturnAbove = 4u * 1024 * 1024;

class Category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "offer memory"; }
  std::string message(int) const override { return "pending offers hold all the memory allowed"; }
};

}  // namespace

const std::error_category& offer_memory_category() {
  static const Category category;
  return category;
}

std::error_code make_error_code(OfferMemoryError e) { return {static_cast<int>(e), offer_memory_category()}; }

OfferMemoryCharge::~OfferMemoryCharge() {
  if (bytes_ == 0) return;
  g_in_use.fetch_sub(bytes_);
  // Runs after the decoded offer itself is gone (the session's members die first).
  if (bytes_ >= kReturnAbove) platform::return_free_memory();
}

bool OfferMemoryCharge::resize(std::size_t bytes) {
  if (bytes > bytes_) {
    const std::size_t more = bytes - bytes_;
    std::size_t now = g_in_use.load();
    do {
      if (now + more > kOfferMemoryCap) return false;
    } while (!g_in_use.compare_exchange_weak(now, now + more));
  } else {
    g_in_use.fetch_sub(bytes_ - bytes);
  }
  bytes_ = bytes;
  return true;
}

std::size_t decoded_size(const protocol::Offer& offer) {
  std::size_t bytes = offer.entries.capacity() * sizeof(protocol::OfferEntry);
  for (const auto& entry : offer.entries)
    if (entry.path.capacity() > std::string().capacity()) bytes += entry.path.capacity() + 1;
  if (offer.text.capacity() > std::string().capacity()) bytes += offer.text.capacity() + 1;
  return bytes;
}

std::size_t offer_memory_in_use() { return g_in_use.load(); }

}  // namespace ferry
