// SPDX-License-Identifier: Apache-2.0
#include "app_settings.hpp"

#include <QDir>
#include <QStandardPaths>
#include <QSysInfo>

#include <spdlog/spdlog.h>

#include <algorithm>

#include "ferry/core/endpoint.hpp"
#include "ferry/platform/write_confinement.hpp"
#include "peer_groups.hpp"

namespace ferry::gui {

namespace {

QString strategy_key(const std::optional<Strategy>& strategy) {
  if (!strategy) return QStringLiteral("auto");
  return QString::fromLatin1(to_string(*strategy).data(), static_cast<qsizetype>(to_string(*strategy).size()));
}

std::optional<Strategy> strategy_from_key(const QString& key) { return parse_strategy(key.toStdString()); }

QString consent_key(Consent consent) {
  switch (consent) {
    case Consent::Ask:
      return QStringLiteral("ask");
    case Consent::AutoAcceptTrusted:
      return QStringLiteral("trusted");
    case Consent::AcceptAll:
      return QStringLiteral("all");
  }
  return QStringLiteral("ask");
}

Consent consent_from_key(const QString& key) {
  if (key == QLatin1String("trusted")) return Consent::AutoAcceptTrusted;
  if (key == QLatin1String("all")) return Consent::AcceptAll;
  return Consent::Ask;
}

QString appearance_key(Appearance appearance) {
  switch (appearance) {
    case Appearance::Light:
      return QStringLiteral("light");
    case Appearance::Dark:
      return QStringLiteral("dark");
    case Appearance::System:
      break;
  }
  return QStringLiteral("system");
}

Appearance appearance_from_key(const QString& key) {
  if (key == QLatin1String("light")) return Appearance::Light;
  if (key == QLatin1String("dark")) return Appearance::Dark;
  return Appearance::System;
}

void drop_devices_trusted_by_name(QSettings& store) {
  const QString key = QStringLiteral("receive/trustedDevices");
  if (!store.contains(key)) return;
  const QStringList names = store.value(key).toStringList();
  if (!names.isEmpty())
    spdlog::warn(
        "devices trusted by name ({}) are no longer accepted without asking: accept their next "
        "offer with \"Always accept from this device\" to pin them by identity",
        names.join(QStringLiteral(", ")).toStdString());
  store.remove(key);
}

}  // namespace

AppSettings default_settings() {
  AppSettings settings;
  settings.device_name = QSysInfo::machineHostName();
  if (settings.device_name.isEmpty()) settings.device_name = QStringLiteral("ferry");
  settings.receive_dir =
      QDir(QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)).filePath(QStringLiteral("Ferry"));
  settings.port = kDefaultReceivePort;
  return settings;
}

AppSettings load_settings(QSettings& store) {
  drop_devices_trusted_by_name(store);
  const AppSettings defaults = default_settings();
  AppSettings settings;
  settings.device_name = store.value(QStringLiteral("device/name"), defaults.device_name).toString();
  const auto threshold =
      store.value(QStringLiteral("engine/directThreshold"), QVariant::fromValue<qulonglong>(defaults.direct_threshold))
          .toULongLong();
  settings.direct_threshold = std::clamp<std::uint64_t>(threshold, kMinThreshold, kMaxThreshold);
  settings.forced_strategy =
      strategy_from_key(store.value(QStringLiteral("engine/strategy"), QStringLiteral("auto")).toString());
  settings.receive_dir = store.value(QStringLiteral("receive/folder"), defaults.receive_dir).toString();
  const uint port = store.value(QStringLiteral("network/port"), defaults.port).toUInt();
  settings.port = port <= 65535 ? static_cast<quint16>(port) : defaults.port;
  settings.bind_address = store.value(QStringLiteral("network/address")).toString();
  const auto timeout =
      store.value(QStringLiteral("receive/offerTimeout"), static_cast<qlonglong>(defaults.offer_timeout.count()))
          .toLongLong();
  settings.offer_timeout = std::chrono::seconds(std::clamp<qlonglong>(timeout, 1, kMaxOfferTimeout.count()));
  settings.consent = consent_from_key(store.value(QStringLiteral("receive/consent")).toString());
  settings.start_minimized = store.value(QStringLiteral("window/startMinimized"), false).toBool();
  settings.discovery = store.value(QStringLiteral("network/discovery"), defaults.discovery).toBool();
  settings.appearance = appearance_from_key(store.value(QStringLiteral("window/appearance")).toString());
  settings.language = store.value(QStringLiteral("window/language")).toString();
  settings.upload_limit = store.value(QStringLiteral("network/uploadLimit"), 0).toULongLong();
  settings.keep_attributes = store.value(QStringLiteral("receive/keepAttributes"), true).toBool();
  const int peers = store.beginReadArray(QStringLiteral("peers"));
  for (int i = 0; i < peers; ++i) {
    store.setArrayIndex(i);
    const uint peer_port = store.value(QStringLiteral("port")).toUInt();
    const QString host = store.value(QStringLiteral("host")).toString();
    if (host.isEmpty() || peer_port == 0 || peer_port > 65535) continue;
    settings.peers.append({store.value(QStringLiteral("name")).toString(), host, static_cast<quint16>(peer_port)});
  }
  store.endArray();
  settings.groups = load_groups(store);
  return settings;
}

void save_settings(QSettings& store, const AppSettings& settings) {
  store.setValue(QStringLiteral("device/name"), settings.device_name);
  store.setValue(QStringLiteral("engine/directThreshold"), QVariant::fromValue<qulonglong>(settings.direct_threshold));
  store.setValue(QStringLiteral("engine/strategy"), strategy_key(settings.forced_strategy));
  store.setValue(QStringLiteral("receive/folder"), settings.receive_dir);
  store.setValue(QStringLiteral("network/port"), settings.port);
  store.setValue(QStringLiteral("receive/consent"), consent_key(settings.consent));
  store.setValue(QStringLiteral("window/startMinimized"), settings.start_minimized);
  store.setValue(QStringLiteral("network/discovery"), settings.discovery);
  store.setValue(QStringLiteral("window/appearance"), appearance_key(settings.appearance));
  store.setValue(QStringLiteral("window/language"), settings.language);
  store.setValue(QStringLiteral("network/uploadLimit"), QVariant::fromValue<qulonglong>(settings.upload_limit));
  store.setValue(QStringLiteral("receive/keepAttributes"), settings.keep_attributes);
  store.remove(QStringLiteral("peers"));  // a shorter list leaves no stale entries behind
  store.beginWriteArray(QStringLiteral("peers"), static_cast<int>(settings.peers.size()));
  for (int i = 0; i < settings.peers.size(); ++i) {
    store.setArrayIndex(i);
    store.setValue(QStringLiteral("name"), settings.peers[i].name);
    store.setValue(QStringLiteral("host"), settings.peers[i].host);
    store.setValue(QStringLiteral("port"), settings.peers[i].port);
  }
  store.endArray();
  save_groups(store, settings.groups);
  store.sync();
}

EngineSettings engine_settings(const AppSettings& settings, const ThisDevice& device) {
  EngineSettings engine;
  engine.device_name = settings.device_name.toStdString();
  engine.identity = device.identity;
  engine.known_peers = device.pinned_peers;
  // The engine accepts pinned devices set to auto-accept by itself; "Ask"
  // asks them too.
  if (settings.consent == Consent::Ask)
    for (KnownPeer& peer : engine.known_peers) peer.auto_accept = false;
  engine.direct_threshold = settings.direct_threshold;
  engine.forced_strategy = settings.forced_strategy;
  engine.receive_dir = std::filesystem::path(settings.receive_dir.toStdU16String());
  engine.state_dir = device.config_dir;
  // Where Linux's kernel lets the engine write besides the receive folder
  // (Landlock): its configuration and temporary files. The GUI thread stays free.
  if (platform::can_confine_writes()) {
    engine.writable_folders = std::vector<std::filesystem::path>{device.config_dir};
    std::error_code no_temp;
    const std::filesystem::path temp = std::filesystem::temp_directory_path(no_temp);
    if (!no_temp) engine.writable_folders->push_back(temp);
  }
  engine.port = settings.port;
  if (!settings.bind_address.isEmpty()) engine.bind_address = settings.bind_address.toStdString();
  engine.upload_limit = settings.upload_limit;
  engine.keep_attributes = settings.keep_attributes;
  engine.consent = settings.consent == Consent::AcceptAll ? ConsentPolicy::AcceptAll : ConsentPolicy::Ask;
  return engine;
}

}  // namespace ferry::gui
