// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/network_interfaces.hpp"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <cstring>
#include <map>
#include <memory>

namespace ferry::platform {
namespace {

bool announces_on(unsigned flags) {
  return (flags & IFF_UP) != 0 && (flags & IFF_MULTICAST) != 0 && (flags & IFF_LOOPBACK) == 0;
}

}  // namespace

Result<std::vector<NetworkInterface>> multicast_interfaces() {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return last_errno_error("getifaddrs");
  const std::unique_ptr<ifaddrs, decltype(&::freeifaddrs)> owner(list, &::freeifaddrs);

  // getifaddrs lists each address separately: gather them per interface, in index order.
  std::map<std::uint32_t, NetworkInterface> by_index;
  for (const ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
    if (entry->ifa_addr == nullptr || !announces_on(entry->ifa_flags)) continue;
    const int family = entry->ifa_addr->sa_family;
    if (family != AF_INET && family != AF_INET6) continue;
    const std::uint32_t index = ::if_nametoindex(entry->ifa_name);
    if (index == 0) continue;  // gone meanwhile
    NetworkInterface& found = by_index[index];
    found.name = entry->ifa_name;
    found.index = index;
    if (family == AF_INET) {
      const auto* address = reinterpret_cast<const sockaddr_in*>(entry->ifa_addr);
      Ipv4Address bytes{};
      std::memcpy(bytes.data(), &address->sin_addr, bytes.size());
      found.ipv4.push_back(bytes);
    } else {
      const auto* address = reinterpret_cast<const sockaddr_in6*>(entry->ifa_addr);
      Ipv6Address bytes{};
      std::memcpy(bytes.data(), &address->sin6_addr, bytes.size());
      found.ipv6.push_back(bytes);
    }
  }
  std::vector<NetworkInterface> interfaces;
  for (auto& [index, found] : by_index) interfaces.push_back(std::move(found));
  return interfaces;
}

}  // namespace ferry::platform
