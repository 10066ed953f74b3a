// SPDX-License-Identifier: Apache-2.0
#pragma once
// Everything the user sets, persisted with QSettings, and the engine's view
// of it with this device's identity and pinned peers. The engine takes a new
// EngineSettings value on every change.
#include <QList>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <optional>

#include "ferry/core/settings.hpp"
#include "theme.hpp"
#include "this_device.hpp"

namespace ferry::gui {

// Who may write to this computer without being asked. Ask: nobody, not even
// pinned devices. AutoAcceptTrusted: pinned devices set to accept without
// asking (KnownPeer::auto_accept). AcceptAll: everybody but a device that uses
// a pinned device's name with another identity (PeerTrust::Changed).
enum class Consent { Ask, AutoAcceptTrusted, AcceptAll };

struct PeerAddress {
  QString name;  // what the user calls it
  QString host;
  quint16 port = 0;
  // A discovered peer's device id: a send refuses any other receiver
  // certificate, so a spoofed announcement cannot redirect it. Not stored.
  QString device_id;
  bool operator==(const PeerAddress&) const = default;
};

// Peers the user sends to together, under a name of their choosing. A
// discovered member is known by its device id (found again at whatever
// address it announces), one added by address by its host and port.
struct PeerGroup {
  QString name;
  QList<PeerAddress> members;
  bool operator==(const PeerGroup&) const = default;
};

struct AppSettings {
  QString device_name;
  std::uint64_t direct_threshold = kDefaultDirectThreshold;
  std::optional<Strategy> forced_strategy;  // nullopt: auto
  QString receive_dir;
  quint16 port = 0;
  // The address to listen on; empty: every address, IPv4 and IPv6. Only in
  // the settings file (network/address), like the offer timeout below.
  QString bind_address;
  // How long an offer waits for an answer before it is declined.
  std::chrono::seconds offer_timeout{120};
  Consent consent = Consent::Ask;
  bool start_minimized = false;
  Appearance appearance = Appearance::System;  // light, dark, or as the system prefers
  QString language;                            // "en", "de", "zh_CN"; empty: as the system prefers (app_language.hpp)
  bool discovery = true;                       // announce this device and list the peers found on the local network
  std::uint64_t upload_limit = 0;              // bytes per second, every transfer together; 0: none
  bool keep_attributes = true;                 // received files get the executable bit and read-only flag they had
  QList<PeerAddress> peers;                    // added by address
  QList<PeerGroup> groups;                     // named selections of peers
};

inline constexpr std::chrono::seconds kMaxOfferTimeout{3600};

// The threshold the settings panel offers: 1 MiB … 4 GiB.
inline constexpr std::uint64_t kMinThreshold = 1ull << 20;
inline constexpr std::uint64_t kMaxThreshold = 4ull << 30;

// Defaults: the host name, the Download folder + "/Ferry", port 53740.
AppSettings default_settings();
// Also drops the device names older versions accepted offers from without
// asking: anyone can claim a name (devices are pinned by identity now).
AppSettings load_settings(QSettings& store);
void save_settings(QSettings& store, const AppSettings& settings);
EngineSettings engine_settings(const AppSettings& settings, const ThisDevice& device);

}  // namespace ferry::gui
