// SPDX-License-Identifier: Apache-2.0
#include "discovery/unicast_contacts.hpp"

#include <algorithm>

#include "discovery/peer_table.hpp"

namespace ferry::discovery {

bool UnicastContacts::heard(const Contact& contact, const protocol::Announcement& announcement, Clock::time_point now) {
  if (announcement.kind == protocol::AnnouncementKind::Leave) {
    contacts_.erase(contact);
    return false;
  }
  const bool known = contacts_.contains(contact);
  if (!known && contacts_.size() >= kMaxContacts) {
    const auto oldest =
        std::ranges::min_element(contacts_, {}, [](const auto& entry) { return entry.second.last_heard; });
    contacts_.erase(oldest);
  }
  // As long as a peer heard there would be listed.
  const auto interval = std::min<std::chrono::milliseconds>(announcement.interval, kMaxExpiryInterval);
  contacts_[contact] = {now, now + kSilentIntervals * interval + kExpiryMargin};
  return !known;
}

std::vector<Contact> UnicastContacts::current(Clock::time_point now) {
  std::erase_if(contacts_, [now](const auto& entry) { return entry.second.deadline <= now; });
  std::vector<Contact> live;
  live.reserve(contacts_.size());
  for (const auto& [contact, state] : contacts_) live.push_back(contact);
  return live;
}

}  // namespace ferry::discovery
