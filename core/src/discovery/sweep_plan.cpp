// SPDX-License-Identifier: Apache-2.0
#include "discovery/sweep_plan.hpp"

#include <algorithm>

namespace ferry::discovery {

std::vector<platform::Ipv4Address> sweep_targets(const platform::Ipv4Address& own) {
  std::vector<platform::Ipv4Address> targets;
  for (int host = 1; host <= 254; ++host) {
    platform::Ipv4Address address = own;
    address[3] = static_cast<std::uint8_t>(host);
    if (address != own) targets.push_back(address);
  }
  return targets;
}

bool same_slash24(const platform::Ipv4Address& address, const platform::Ipv4Address& own) {
  return std::equal(address.begin(), address.begin() + 3, own.begin());
}

void SweepPacer::forget_before(Clock::time_point now) {
  while (!sent_.empty() && sent_.front() + kSweepWindow <= now) sent_.pop_front();
}

std::size_t SweepPacer::allowance(Clock::time_point now) {
  forget_before(now);
  return kSweepBudget - sent_.size();
}

void SweepPacer::sent(std::size_t count, Clock::time_point now) {
  forget_before(now);
  count = std::min(count, kSweepBudget - sent_.size());
  sent_.insert(sent_.end(), count, now);
}

SweepPacer::Clock::time_point SweepPacer::next_allowed(Clock::time_point now) {
  forget_before(now);
  if (sent_.size() < kSweepBudget) return now;
  return sent_.front() + kSweepWindow;
}

void SweepPlanner::start(const std::vector<Subnet>& subnets) {
  for (const Subnet& subnet : subnets) {
    auto& queue = queued_[subnet.interface];
    for (const auto& target : sweep_targets(subnet.own)) {
      if (std::ranges::find(queue, target) == queue.end()) queue.push_back(target);
    }
    if (queue.empty()) queued_.erase(subnet.interface);
  }
}

std::vector<platform::Ipv4Address> SweepPlanner::take(Clock::time_point now) {
  std::vector<platform::Ipv4Address> batch;
  for (auto it = queued_.begin(); it != queued_.end();) {
    auto& [interface, queue] = *it;
    SweepPacer& pacer = pacers_[interface];
    const std::size_t count = std::min({kSweepBatch, pacer.allowance(now), queue.size()});
    batch.insert(batch.end(), queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(count));
    queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(count));
    pacer.sent(count, now);
    it = queue.empty() ? queued_.erase(it) : std::next(it);
  }
  return batch;
}

std::optional<SweepPlanner::Clock::time_point> SweepPlanner::next_send(Clock::time_point now) {
  std::optional<Clock::time_point> next;
  for (const auto& [interface, queue] : queued_) {
    const auto at = pacers_[interface].next_allowed(now);
    if (!next || at < *next) next = at;
  }
  return next;
}

}  // namespace ferry::discovery
