// SPDX-License-Identifier: Apache-2.0
#include "system_theme_linux.hpp"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>

#include <spdlog/spdlog.h>

#include "linux_theme_values.hpp"

namespace ferry::gui {

namespace {

const QString kPortalService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPortalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString kPortalSettings = QStringLiteral("org.freedesktop.portal.Settings");
const QString kAppearance = QStringLiteral("org.freedesktop.appearance");
const QString kColorScheme = QStringLiteral("color-scheme");
constexpr int kPortalTimeoutMs = 1500;
constexpr int kGsettingsTimeoutMs = 2000;

}  // namespace

LinuxThemeSources default_linux_theme_sources() {
  LinuxThemeSources sources;
  // Without a session bus, Qt would try to start one (D-Bus autolaunch).
  sources.portal = qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS");
  sources.gsettings = QStandardPaths::findExecutable(QStringLiteral("gsettings"));
  sources.gtk_settings = QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
                             .filePath(QStringLiteral("gtk-3.0/settings.ini"));
  return sources;
}

LinuxSystemTheme::LinuxSystemTheme(LinuxThemeSources sources) : sources_(std::move(sources)) {
  bool portal_answered = false;
  const std::optional<ColorScheme> from_portal = read_portal(portal_answered);
  scheme_ = from_portal ? *from_portal : read_fallbacks();
  if (portal_answered)
    QDBusConnection::sessionBus().connect(QString(), kPortalPath, kPortalSettings, QStringLiteral("SettingChanged"),
                                          this, SLOT(portal_setting_changed(QString, QString, QDBusVariant)));
}

std::optional<ColorScheme> LinuxSystemTheme::read_portal(bool& answered) const {
  answered = false;
  if (!sources_.portal) return std::nullopt;
  QDBusConnection bus = QDBusConnection::sessionBus();
  if (!bus.isConnected()) return std::nullopt;
  QDBusMessage read =
      QDBusMessage::createMethodCall(kPortalService, kPortalPath, kPortalSettings, QStringLiteral("Read"));
  read << kAppearance << kColorScheme;
  const QDBusMessage reply = bus.call(read, QDBus::Block, kPortalTimeoutMs);
  if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
    spdlog::debug("no color scheme from the desktop portal: {}", reply.errorMessage().toStdString());
    return std::nullopt;
  }
  answered = true;
  return scheme_from_portal(reply.arguments().constFirst());
}

ColorScheme LinuxSystemTheme::read_fallbacks() const {
  if (auto scheme = read_gsettings(QStringLiteral("color-scheme"))) return *scheme;
  if (auto scheme = read_gsettings(QStringLiteral("gtk-theme"))) return *scheme;
  if (!sources_.gtk_settings.isEmpty())
    if (auto scheme = scheme_from_gtk_settings(sources_.gtk_settings)) return *scheme;
  return ColorScheme::Light;
}

std::optional<ColorScheme> LinuxSystemTheme::read_gsettings(const QString& key) const {
  if (sources_.gsettings.isEmpty()) return std::nullopt;
  QProcess gsettings;
  gsettings.start(sources_.gsettings, {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.interface"), key});
  if (!gsettings.waitForFinished(kGsettingsTimeoutMs) || gsettings.exitStatus() != QProcess::NormalExit ||
      gsettings.exitCode() != 0) {
    spdlog::debug("gsettings get org.gnome.desktop.interface {}: no answer ({})", key.toStdString(),
                  gsettings.errorString().toStdString());
    gsettings.kill();
    gsettings.waitForFinished(kGsettingsTimeoutMs);
    return std::nullopt;
  }
  const QByteArray output = gsettings.readAllStandardOutput();
  return key == QLatin1String("gtk-theme") ? scheme_from_gtk_theme(QString::fromUtf8(output))
                                           : scheme_from_gsettings_color_scheme(output);
}

void LinuxSystemTheme::portal_setting_changed(const QString& group, const QString& key, const QDBusVariant& value) {
  if (group != kAppearance || key != kColorScheme) return;
  const std::optional<ColorScheme> scheme = scheme_from_portal(QVariant::fromValue(value));
  update(scheme ? *scheme : read_fallbacks());
}

void LinuxSystemTheme::update(ColorScheme scheme) {
  if (scheme == scheme_) return;
  scheme_ = scheme;
  emit changed(scheme_);
}

std::unique_ptr<SystemTheme> make_system_theme() { return std::make_unique<LinuxSystemTheme>(); }

}  // namespace ferry::gui
