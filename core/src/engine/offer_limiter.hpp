// SPDX-License-Identifier: Apache-2.0
#pragma once
// Rate limits on incoming offers, so a hostile or broken peer cannot bury the
// user in consent dialogs: one offer waiting per device, and at most so many
// offers a minute per device and per address (a new identity costs nothing,
// an address does).
#include <chrono>
#include <deque>
#include <map>
#include <set>
#include <string>

namespace ferry {

class OfferLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kPerDevicePerMinute = 10;
  static constexpr std::size_t kPerAddressPerMinute = 30;
  static constexpr std::size_t kSweepAbove = 1024;

  bool admit(const std::string& fingerprint, const std::string& address, Clock::time_point now = Clock::now()) {
    if (waiting_.contains(fingerprint)) return false;
    if (recent_.size() > kSweepAbove) forget_quiet(now - std::chrono::minutes(1));
    auto& by_device = recent_[fingerprint];
    auto& by_address = recent_["@" + address];
    forget_before(by_device, now - std::chrono::minutes(1));
    forget_before(by_address, now - std::chrono::minutes(1));
    if (by_device.size() >= kPerDevicePerMinute || by_address.size() >= kPerAddressPerMinute) return false;
    by_device.push_back(now);
    by_address.push_back(now);
    waiting_.insert(fingerprint);
    return true;
  }

  void settled(const std::string& fingerprint) { waiting_.erase(fingerprint); }

 private:
  // Devices and addresses with no offer in the last minute: a peer minting
  // identities must not grow this map without end.
  void forget_quiet(Clock::time_point cutoff) {
    std::erase_if(recent_,
                  [cutoff](const auto& entry) { return entry.second.empty() || entry.second.back() < cutoff; });
  }

  static void forget_before(std::deque<Clock::time_point>& times, Clock::time_point cutoff) {
    while (!times.empty() && times.front() < cutoff) times.pop_front();
  }

  std::set<std::string> waiting_;
  std::map<std::string, std::deque<Clock::time_point>> recent_;
};

}  // namespace ferry
