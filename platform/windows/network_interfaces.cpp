// SPDX-License-Identifier: Apache-2.0
#include "ferry/platform/network_interfaces.hpp"

#include <winsock2.h>
#include <ws2ipdef.h>
#include <iphlpapi.h>

#include <cstring>
#include <filesystem>

#include "win_error.hpp"

namespace ferry::platform {
namespace {

bool announces_on(const IP_ADAPTER_ADDRESSES& adapter) {
  return adapter.OperStatus == IfOperStatusUp && (adapter.Flags & IP_ADAPTER_NO_MULTICAST) == 0 &&
         adapter.IfType != IF_TYPE_SOFTWARE_LOOPBACK;
}

std::string utf8_name(const wchar_t* name) {
  const std::u8string utf8 = std::filesystem::path(name).u8string();
  return std::string(utf8.begin(), utf8.end());
}

NetworkInterface interface_of(const IP_ADAPTER_ADDRESSES& adapter) {
  NetworkInterface found;
  found.name = utf8_name(adapter.FriendlyName);
  // The IPv6 scope id of link-local addresses is the adapter's IPv6 index.
  found.index = adapter.Ipv6IfIndex != 0 ? adapter.Ipv6IfIndex : adapter.IfIndex;
  for (const IP_ADAPTER_UNICAST_ADDRESS* unicast = adapter.FirstUnicastAddress; unicast != nullptr;
       unicast = unicast->Next) {
    const sockaddr* address = unicast->Address.lpSockaddr;
    if (address->sa_family == AF_INET) {
      Ipv4Address bytes{};
      std::memcpy(bytes.data(), &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, bytes.size());
      found.ipv4.push_back(bytes);
    } else if (address->sa_family == AF_INET6) {
      Ipv6Address bytes{};
      std::memcpy(bytes.data(), &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, bytes.size());
      found.ipv6.push_back(bytes);
    }
  }
  return found;
}

}  // namespace

Result<std::vector<NetworkInterface>> multicast_interfaces() {
  constexpr ULONG kFlags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
  ULONG size = 16 * 1024;
  std::vector<std::byte> buffer;
  ULONG status = ERROR_BUFFER_OVERFLOW;
  // The list can grow between the call that sizes it and the one that fills it.
  for (int attempt = 0; attempt < 4 && status == ERROR_BUFFER_OVERFLOW; ++attempt) {
    buffer.resize(size);
    status = ::GetAdaptersAddresses(AF_UNSPEC, kFlags, nullptr, reinterpret_cast<IP_ADAPTER_ADDRESSES*>(buffer.data()),
                                    &size);
  }
  std::vector<NetworkInterface> interfaces;
  if (status == ERROR_NO_DATA) return interfaces;
  if (status != NO_ERROR) return windows_impl::win32_error(status, "GetAdaptersAddresses");
  for (auto* adapter = reinterpret_cast<const IP_ADAPTER_ADDRESSES*>(buffer.data()); adapter != nullptr;
       adapter = adapter->Next) {
    if (!announces_on(*adapter)) continue;
    NetworkInterface found = interface_of(*adapter);
    if (!found.ipv4.empty() || !found.ipv6.empty()) interfaces.push_back(std::move(found));
  }
  return interfaces;
}

}  // namespace ferry::platform
