#pragma once
// Everything the user sets, persisted with QSettings, and the engine's view
// of it. The engine takes a new EngineSettings value on every change.
#include <QList>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

#include "ferry/core/settings.hpp"

namespace ferry::gui {

// Who may write to this computer without being asked.
enum class Consent { Ask, AutoAcceptTrusted, AcceptAll };

struct PeerAddress {
  QString name;  // what the user calls it
  QString host;
  quint16 port = 0;
  bool operator==(const PeerAddress&) const = default;
};

struct AppSettings {
  QString device_name;
  std::uint64_t direct_threshold = kDefaultDirectThreshold;
  std::optional<Strategy> forced_strategy;  // nullopt: auto
  QString receive_dir;
  quint16 port = 0;
  Consent consent = Consent::Ask;
  bool start_minimized = false;
  bool discovery = true;          // announce this device and list the peers found on the local network
  QList<PeerAddress> peers;       // added by address
  QStringList trusted_devices;    // device names whose offers are accepted without asking
};

// The threshold the settings panel offers: 1 MiB … 4 GiB.
inline constexpr std::uint64_t kMinThreshold = 1ull << 20;
inline constexpr std::uint64_t kMaxThreshold = 4ull << 30;

// Defaults: the host name, the Download folder + "/Ferry", port 53740.
AppSettings default_settings();
AppSettings load_settings(QSettings& store);
void save_settings(QSettings& store, const AppSettings& settings);
EngineSettings engine_settings(const AppSettings& settings);

}  // namespace ferry::gui
