// SPDX-License-Identifier: Apache-2.0
#include "app_locations.hpp"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "ferry/core/identity.hpp"
#include "history.hpp"

namespace ferry::gui {

std::unique_ptr<QSettings> AppLocations::open_settings() const {
  if (settings_file.isEmpty()) return std::make_unique<QSettings>();
  return std::make_unique<QSettings>(settings_file, QSettings::IniFormat);
}

AppLocations locate_app_data(const QString& program_folder) {
  const QDir beside(program_folder);
  if (QFileInfo(beside.filePath(QLatin1String(kPortableMarker))).isFile()) {
    const QDir data(beside.filePath(QLatin1String(kPortableDataFolder)));
    return {true, std::filesystem::path(data.absolutePath().toStdU16String()),
            data.filePath(QStringLiteral("settings.ini")), data.filePath(QStringLiteral("history.json")),
            data.absolutePath()};
  }
  return {false,
          default_config_dir(),
          {},
          default_history_file(),
          QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)};
}

}  // namespace ferry::gui
