// SPDX-License-Identifier: Apache-2.0
#include "discovery_output.hpp"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include "console_output.hpp"
#include "ferry/core/endpoint.hpp"
#include "ferry/core/identity.hpp"
#include "json_writer.hpp"
#include "overloaded.hpp"

namespace ferry::cli {
namespace {

std::string string_array(const std::vector<std::string>& values) {
  std::string array = "[";
  for (const std::string& value : values) {
    if (array.size() > 1) array += ',';
    append_json_string(array, value);
  }
  return array + "]";
}

JsonObject peer_object(std::string_view type, const DiscoveredPeer& peer) {
  std::vector<std::string> endpoints;
  for (const std::string& host : peer.hosts) endpoints.push_back(format_endpoint({host, peer.port}));
  JsonObject object;
  object.string("type", type)
      .string("device_id", peer.device_id)
      .string("verification_code", verification_code(peer.device_id))
      .string("name", peer.device_name)
      .string("os", peer.os)
      .unsigned_number("protocol_version", peer.protocol_version)
      .unsigned_number("port", peer.port)
      .raw("endpoints", string_array(endpoints));
  return object;
}

}  // namespace

std::string peer_endpoint(const DiscoveredPeer& peer) { return format_endpoint({peer.hosts.front(), peer.port}); }

std::string format_peer(const DiscoveredPeer& peer) {
  return fmt::format("{:<20}  {}  {}  {}", printable(peer.device_name), verification_code(peer.device_id),
                     peer_endpoint(peer), peer.os);
}

std::string to_json(const DiscoveryEvent& event) {
  return std::visit(Overloaded{
                        [](const PeerFound& found) { return peer_object("peer_found", found.peer).str(); },
                        [](const PeerUpdated& updated) { return peer_object("peer_updated", updated.peer).str(); },
                        [](const PeerExpired& expired) {
                          return peer_object("peer_expired", expired.peer).boolean("left", expired.left).str();
                        },
                        [](const DiscoveryError& error) {
                          return JsonObject{}.string("type", "discovery_error").string("message", error.message).str();
                        },
                    },
                    event);
}

void note_discovery(const DiscoveryEvent& event) {
  std::visit(Overloaded{
                 [](const PeerFound& found) { spdlog::debug("peer found: {}", format_peer(found.peer)); },
                 [](const PeerUpdated& updated) { spdlog::debug("peer updated: {}", format_peer(updated.peer)); },
                 [](const PeerExpired& expired) { spdlog::debug("peer gone: {}", format_peer(expired.peer)); },
                 [](const DiscoveryError& error) { print_notice(error.message); },
             },
             event);
}

std::string peer_json(const DiscoveredPeer& peer) { return peer_object("peer", peer).str(); }

}  // namespace ferry::cli
