// SPDX-License-Identifier: Apache-2.0
#pragma once
// Where the desktop app keeps what it writes for its user. Normally the
// per-user places: identity and pinned devices in the engine's configuration
// folder (~/.config/ferry, %APPDATA%\Ferry), settings where QSettings puts
// them (a file on Linux, the registry on Windows), history and the
// single-instance lock in Qt's data folders. In portable mode, chosen by a
// file named `portable` next to the program, all of it lives in a `data`
// folder beside the program instead, so a Ferry carried on a USB stick takes
// its identity, pins, settings and history with it and leaves nothing behind.
#include <QSettings>
#include <QString>
#include <filesystem>
#include <memory>

namespace ferry::gui {

struct AppLocations {
  bool portable = false;
  std::filesystem::path config_dir;  // identity.pem and the pinned devices
  QString settings_file;             // empty: QSettings' own per-user place
  QString history_file;
  QString instance_folder;  // the single-instance lock and requests

  std::unique_ptr<QSettings> open_settings() const;
};

// The marker's name, and the folder portable mode keeps its data in.
inline constexpr const char* kPortableMarker = "portable";
inline constexpr const char* kPortableDataFolder = "data";

// The locations for a program that lives in `program_folder` (usually
// QCoreApplication::applicationDirPath()).
AppLocations locate_app_data(const QString& program_folder);

}  // namespace ferry::gui
