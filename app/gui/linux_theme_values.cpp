// SPDX-License-Identifier: Apache-2.0
#include "linux_theme_values.hpp"

#include <QDBusVariant>
#include <QFileInfo>
#include <QSettings>

namespace ferry::gui {

namespace {

// gsettings prints strings quoted: 'prefer-dark'.
QString unquoted(const QString& text) {
  QString value = text.trimmed();
  if (value.size() >= 2 && value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\'')))
    value = value.mid(1, value.size() - 2);
  return value;
}

}  // namespace

std::optional<ColorScheme> scheme_from_portal(const QVariant& reply) {
  QVariant value = reply;
  for (int depth = 0; depth < 3 && value.canConvert<QDBusVariant>(); ++depth)
    value = qvariant_cast<QDBusVariant>(value).variant();
  if (value.metaType() != QMetaType::fromType<uint>()) return std::nullopt;
  switch (value.toUInt()) {
    case 1:
      return ColorScheme::Dark;
    case 2:
      return ColorScheme::Light;
    default:
      return std::nullopt;
  }
}

std::optional<ColorScheme> scheme_from_gsettings_color_scheme(const QByteArray& output) {
  const QString value = unquoted(QString::fromUtf8(output));
  if (value == QLatin1String("prefer-dark")) return ColorScheme::Dark;
  if (value == QLatin1String("prefer-light")) return ColorScheme::Light;
  return std::nullopt;
}

std::optional<ColorScheme> scheme_from_gtk_theme(const QString& name) {
  if (unquoted(name).endsWith(QLatin1String("-dark"), Qt::CaseInsensitive)) return ColorScheme::Dark;
  return std::nullopt;
}

std::optional<ColorScheme> scheme_from_gtk_settings(const QString& ini_path) {
  if (!QFileInfo(ini_path).isFile()) return std::nullopt;
  const QSettings ini(ini_path, QSettings::IniFormat);
  const QString prefer_dark = ini.value(QStringLiteral("Settings/gtk-application-prefer-dark-theme")).toString();
  if (prefer_dark == QLatin1String("1") || prefer_dark.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
    return ColorScheme::Dark;
  return scheme_from_gtk_theme(ini.value(QStringLiteral("Settings/gtk-theme-name")).toString());
}

}  // namespace ferry::gui
