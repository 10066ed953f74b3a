// SPDX-License-Identifier: Apache-2.0
// Windows' app mode read from the registry: AppsUseLightTheme written with
// QSettings under a key of the test's own, read back through the detector,
// its changes noticed while it runs, and followed by the application's
// palette when the appearance is "as the system".
#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <chrono>
#include <memory>

#include "system_theme_windows.hpp"
#include "theme_controller.hpp"

using namespace ferry::gui;
using namespace std::chrono_literals;

namespace {

const QString kTestKey = QStringLiteral("HKEY_CURRENT_USER\\Software\\Ferry\\Tests\\Personalize");
constexpr int kNoticeMs = 5'000;

void set_light(const QVariant& value) {
  QSettings key(kTestKey, QSettings::NativeFormat);
  if (value.isValid())
    key.setValue(QStringLiteral("AppsUseLightTheme"), value);
  else
    key.remove(QStringLiteral("AppsUseLightTheme"));
  key.sync();
}

}  // namespace

class TestSystemThemeWindows : public QObject {
  Q_OBJECT

 private slots:
  void cleanup();
  void reads_the_registry_value();
  void notices_a_change();
  void the_palette_follows_the_system();
};

void TestSystemThemeWindows::cleanup() {
  QSettings(QStringLiteral("HKEY_CURRENT_USER\\Software\\Ferry\\Tests"), QSettings::NativeFormat).remove(QString());
  apply_color_scheme(ColorScheme::Light);
}

void TestSystemThemeWindows::reads_the_registry_value() {
  set_light(QVariant());
  QCOMPARE(WindowsSystemTheme(kTestKey).scheme(), ColorScheme::Light);  // no value: Windows' default
  set_light(0);
  QCOMPARE(WindowsSystemTheme(kTestKey).scheme(), ColorScheme::Dark);
  set_light(1);
  QCOMPARE(WindowsSystemTheme(kTestKey).scheme(), ColorScheme::Light);
}

void TestSystemThemeWindows::notices_a_change() {
  set_light(1);
  WindowsSystemTheme theme(kTestKey, 50ms);
  QSignalSpy changed(&theme, &SystemTheme::changed);
  set_light(0);
  QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kNoticeMs);
  QCOMPARE(changed.at(0).at(0).value<ColorScheme>(), ColorScheme::Dark);
  QCOMPARE(theme.scheme(), ColorScheme::Dark);
  set_light(1);
  QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, kNoticeMs);
  QCOMPARE(theme.scheme(), ColorScheme::Light);
}

void TestSystemThemeWindows::the_palette_follows_the_system() {
  set_light(1);
  ThemeController controller(std::make_unique<WindowsSystemTheme>(kTestKey, 50ms));
  controller.set_appearance(Appearance::System);
  QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() > 0.8);
  set_light(0);
  QTRY_VERIFY_WITH_TIMEOUT(QApplication::palette().color(QPalette::Window).lightnessF() < 0.3, kNoticeMs);
  QCOMPARE(controller.scheme(), ColorScheme::Dark);
  controller.set_appearance(Appearance::Light);  // the user's choice outranks the system's
  QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() > 0.8);
}

QTEST_MAIN(TestSystemThemeWindows)
#include "test_system_theme_windows.moc"
