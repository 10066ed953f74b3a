// SPDX-License-Identifier: Apache-2.0
// The Linux desktop's light or dark preference: the portal's reply values,
// gsettings' outputs and GTK's settings.ini read into a scheme, and the
// fallback order through the real gsettings program (its keyfile backend in a
// folder of the test's own) and a real settings.ini.
#include <QDBusVariant>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

#include "linux_theme_values.hpp"
#include "system_theme_linux.hpp"

using namespace ferry::gui;

namespace {

constexpr int kGsettingsTimeoutMs = 10'000;

using Scheme = std::optional<ColorScheme>;

QVariant in_variants(const QVariant& value, int depth) {
  QVariant wrapped = value;
  for (int i = 0; i < depth; ++i) wrapped = QVariant::fromValue(QDBusVariant(wrapped));
  return wrapped;
}

}  // namespace

Q_DECLARE_METATYPE(Scheme)

class TestSystemThemeLinux : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void portal_reply_data();
  void portal_reply();
  void gsettings_color_scheme_data();
  void gsettings_color_scheme();
  void gtk_theme_name_data();
  void gtk_theme_name();
  void gtk_settings_file();
  void fallbacks_in_order_through_gsettings();

 private:
  void gsettings_set(const QString& key, const QString& value);
  void write_gtk_settings(const QByteArray& settings);

  QTemporaryDir home_;
  QString gsettings_;
};

void TestSystemThemeLinux::initTestCase() {
  QVERIFY(home_.isValid());
  gsettings_ = QStandardPaths::findExecutable(QStringLiteral("gsettings"));
  QVERIFY2(!gsettings_.isEmpty(), "gsettings (libglib2.0-bin) is needed");
  // gsettings keeps its values in a key file under this test's folder.
  qputenv("GSETTINGS_BACKEND", "keyfile");
  qputenv("XDG_CONFIG_HOME", QFile::encodeName(home_.path()));
}

void TestSystemThemeLinux::portal_reply_data() {
  QTest::addColumn<QVariant>("reply");
  QTest::addColumn<Scheme>("expected");
  for (int depth : {1, 2}) {  // Read answers v, older portals v in v
    QTest::addRow("0 in %d variants", depth) << in_variants(QVariant::fromValue(0u), depth) << Scheme();
    QTest::addRow("1 in %d variants", depth)
        << in_variants(QVariant::fromValue(1u), depth) << Scheme(ColorScheme::Dark);
    QTest::addRow("2 in %d variants", depth)
        << in_variants(QVariant::fromValue(2u), depth) << Scheme(ColorScheme::Light);
  }
  QTest::newRow("3, unknown") << in_variants(QVariant::fromValue(3u), 1) << Scheme();
  QTest::newRow("a string") << in_variants(QVariant(QStringLiteral("prefer-dark")), 1) << Scheme();
  QTest::newRow("nothing") << QVariant() << Scheme();
}

void TestSystemThemeLinux::portal_reply() {
  QFETCH(QVariant, reply);
  QFETCH(Scheme, expected);
  QCOMPARE(scheme_from_portal(reply), expected);
}

void TestSystemThemeLinux::gsettings_color_scheme_data() {
  QTest::addColumn<QByteArray>("output");
  QTest::addColumn<Scheme>("expected");
  QTest::newRow("prefer-dark") << QByteArray("'prefer-dark'\n") << Scheme(ColorScheme::Dark);
  QTest::newRow("prefer-light") << QByteArray("'prefer-light'\n") << Scheme(ColorScheme::Light);
  QTest::newRow("default") << QByteArray("'default'\n") << Scheme();
  QTest::newRow("unquoted") << QByteArray("prefer-dark") << Scheme(ColorScheme::Dark);
  QTest::newRow("empty") << QByteArray() << Scheme();
  QTest::newRow("another word") << QByteArray("'dark'\n") << Scheme();
}

void TestSystemThemeLinux::gsettings_color_scheme() {
  QFETCH(QByteArray, output);
  QFETCH(Scheme, expected);
  QCOMPARE(scheme_from_gsettings_color_scheme(output), expected);
}

void TestSystemThemeLinux::gtk_theme_name_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<Scheme>("expected");
  QTest::newRow("Adwaita-dark, quoted") << QStringLiteral("'Adwaita-dark'\n") << Scheme(ColorScheme::Dark);
  QTest::newRow("Yaru-Dark") << QStringLiteral("Yaru-Dark") << Scheme(ColorScheme::Dark);
  QTest::newRow("Adwaita") << QStringLiteral("'Adwaita'\n") << Scheme();
  QTest::newRow("Darkness-light") << QStringLiteral("Darkness-light") << Scheme();
  QTest::newRow("empty") << QString() << Scheme();
}

void TestSystemThemeLinux::gtk_theme_name() {
  QFETCH(QString, name);
  QFETCH(Scheme, expected);
  QCOMPARE(scheme_from_gtk_theme(name), expected);
}

void TestSystemThemeLinux::gtk_settings_file() {
  const QString ini = home_.filePath(QStringLiteral("gtk-3.0/settings.ini"));
  QCOMPARE(scheme_from_gtk_settings(ini), Scheme());  // no file
  write_gtk_settings("gtk-application-prefer-dark-theme=1\n");
  QCOMPARE(scheme_from_gtk_settings(ini), Scheme(ColorScheme::Dark));
  write_gtk_settings("gtk-application-prefer-dark-theme=true\ngtk-theme-name=Adwaita\n");
  QCOMPARE(scheme_from_gtk_settings(ini), Scheme(ColorScheme::Dark));
  write_gtk_settings("gtk-application-prefer-dark-theme=0\ngtk-theme-name=Arc-Dark\n");
  QCOMPARE(scheme_from_gtk_settings(ini), Scheme(ColorScheme::Dark));
  write_gtk_settings("gtk-application-prefer-dark-theme=false\ngtk-theme-name=Adwaita\n");
  QCOMPARE(scheme_from_gtk_settings(ini), Scheme());
}

// gsettings' color-scheme first, then its GTK theme, then settings.ini, then light.
void TestSystemThemeLinux::fallbacks_in_order_through_gsettings() {
  const LinuxThemeSources sources{false, gsettings_, home_.filePath(QStringLiteral("gtk-3.0/settings.ini"))};
  write_gtk_settings("gtk-application-prefer-dark-theme=0\n");
  gsettings_set(QStringLiteral("color-scheme"), QStringLiteral("default"));
  gsettings_set(QStringLiteral("gtk-theme"), QStringLiteral("Adwaita"));
  QCOMPARE(LinuxSystemTheme(sources).scheme(), ColorScheme::Light);

  gsettings_set(QStringLiteral("color-scheme"), QStringLiteral("prefer-dark"));
  QCOMPARE(LinuxSystemTheme(sources).scheme(), ColorScheme::Dark);

  gsettings_set(QStringLiteral("color-scheme"), QStringLiteral("default"));
  gsettings_set(QStringLiteral("gtk-theme"), QStringLiteral("Adwaita-dark"));
  QCOMPARE(LinuxSystemTheme(sources).scheme(), ColorScheme::Dark);

  gsettings_set(QStringLiteral("gtk-theme"), QStringLiteral("Adwaita"));
  write_gtk_settings("gtk-application-prefer-dark-theme=1\n");
  QCOMPARE(LinuxSystemTheme(sources).scheme(), ColorScheme::Dark);

  // A stated preference outranks the older signs of dark.
  gsettings_set(QStringLiteral("color-scheme"), QStringLiteral("prefer-light"));
  QCOMPARE(LinuxSystemTheme(sources).scheme(), ColorScheme::Light);

  // Without gsettings: settings.ini alone.
  QCOMPARE(LinuxSystemTheme({false, QString(), sources.gtk_settings}).scheme(), ColorScheme::Dark);
  QCOMPARE(LinuxSystemTheme({false, home_.filePath(QStringLiteral("no-such-program")), QString()}).scheme(),
           ColorScheme::Light);
}

void TestSystemThemeLinux::gsettings_set(const QString& key, const QString& value) {
  QProcess gsettings;
  gsettings.start(gsettings_, {QStringLiteral("set"), QStringLiteral("org.gnome.desktop.interface"), key, value});
  QVERIFY(gsettings.waitForFinished(kGsettingsTimeoutMs));
  QVERIFY2(gsettings.exitCode() == 0, gsettings.readAllStandardError().constData());
}

void TestSystemThemeLinux::write_gtk_settings(const QByteArray& settings) {
  QVERIFY(QDir(home_.path()).mkpath(QStringLiteral("gtk-3.0")));
  QFile ini(home_.filePath(QStringLiteral("gtk-3.0/settings.ini")));
  QVERIFY(ini.open(QIODevice::WriteOnly | QIODevice::Truncate));
  ini.write("[Settings]\n" + settings);
}

QTEST_GUILESS_MAIN(TestSystemThemeLinux)
#include "test_system_theme_linux.moc"
