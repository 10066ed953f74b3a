// SPDX-License-Identifier: Apache-2.0
// Portable mode (issue 17 item 9): a file named `portable` next to the
// program keeps identity, pins, settings and history in a `data` folder
// beside it. Checked on the locations themselves and on the real desktop
// app, copied into a folder of its own with the marker and started.
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QtTest>
#include <filesystem>
#include <memory>

#include "app_locations.hpp"
#include "engine_harness.hpp"

namespace fs = std::filesystem;
using namespace ferry;
using namespace ferry::gui;
using namespace ferry::test;

namespace {

QString q(const fs::path& path) { return QString::fromStdU16String(path.u16string()); }

void touch(const fs::path& path) {
  QFile file(q(path));
  QVERIFY(file.open(QIODevice::WriteOnly));
}

// The common name in a PEM file's certificate, or empty.
QString certificate_name(const fs::path& pem) {
  QFile file(q(pem));
  if (!file.open(QIODevice::ReadOnly)) return {};
  const QByteArray text = file.readAll();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(text.constData(), static_cast<int>(text.size())),
                                                &BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                          &X509_free);
  if (!certificate) return {};
  char name[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(certificate.get()), NID_commonName, name, sizeof name);
  return QString::fromUtf8(name);
}

// Every file below `root` (none when it does not exist).
QStringList files_below(const fs::path& root) {
  QStringList found;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file()) found << q(it->path());
  return found;
}

}  // namespace

class TestPortableMode : public QObject {
  Q_OBJECT

 private slots:
  void without_the_marker_the_user_folders_are_used();
  void with_the_marker_everything_is_beside_the_program();
  void settings_go_to_the_portable_file();
  void the_app_keeps_its_identity_beside_itself();
};

void TestPortableMode::without_the_marker_the_user_folders_are_used() {
  const fs::path program = fresh_dir("portable-none");
  const AppLocations locations = locate_app_data(q(program));
  QVERIFY(!locations.portable);
  QCOMPARE(locations.config_dir, default_config_dir());
  QVERIFY(locations.settings_file.isEmpty());
  QVERIFY(!locations.history_file.startsWith(q(program)));
  // A folder named like the marker is not the marker.
  fs::create_directories(program / "portable");
  QVERIFY(!locate_app_data(q(program)).portable);
}

void TestPortableMode::with_the_marker_everything_is_beside_the_program() {
  const fs::path program = fresh_dir("portable-marked");
  touch(program / "portable");
  const AppLocations locations = locate_app_data(q(program));
  QVERIFY(locations.portable);
  const fs::path data = program / "data";
  QCOMPARE(fs::weakly_canonical(locations.config_dir), fs::weakly_canonical(data));
  QCOMPARE(QDir::cleanPath(locations.settings_file), QDir::cleanPath(q(data / "settings.ini")));
  QCOMPARE(QDir::cleanPath(locations.history_file), QDir::cleanPath(q(data / "history.json")));
  QCOMPARE(QDir::cleanPath(locations.instance_folder), QDir::cleanPath(q(data)));
}

void TestPortableMode::settings_go_to_the_portable_file() {
  const fs::path program = fresh_dir("portable-settings");
  touch(program / "portable");
  fs::create_directories(program / "data");
  const AppLocations locations = locate_app_data(q(program));
  {
    auto store = locations.open_settings();
    store->setValue(QStringLiteral("device/name"), QStringLiteral("Stick"));
    store->sync();
    QCOMPARE(store->status(), QSettings::NoError);
  }
  QFile written(q(program / "data" / "settings.ini"));
  QVERIFY(written.open(QIODevice::ReadOnly));
  QVERIFY(written.readAll().contains("name=Stick"));
  QCOMPARE(locations.open_settings()->value(QStringLiteral("device/name")).toString(), QStringLiteral("Stick"));
}

// The real ferry program next to a marker, with its settings file naming
// the device: the identity it creates (a certificate named after the device)
// lands in data/, and the user's configuration folder stays untouched.
void TestPortableMode::the_app_keeps_its_identity_beside_itself() {
  const fs::path program = fresh_dir("portable-app");
  const fs::path elsewhere = fresh_dir("portable-user-config");  // where a non-portable Ferry would write
  const fs::path app = program / fs::path(FERRY_GUI_PATH).filename();
  fs::copy_file(FERRY_GUI_PATH, app);
  touch(program / "portable");
  fs::create_directories(program / "data");
  {
    QSettings seeded(q(program / "data" / "settings.ini"), QSettings::IniFormat);
    seeded.setValue(QStringLiteral("device/name"), QStringLiteral("Portable Pat"));
  }

  QProcess ferry;
  auto environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("FERRY_CONFIG_DIR"), q(elsewhere));
  environment.insert(QStringLiteral("XDG_CONFIG_HOME"), q(elsewhere / "xdg-config"));
  environment.insert(QStringLiteral("XDG_DATA_HOME"), q(elsewhere / "xdg-data"));
  ferry.setProcessEnvironment(environment);
  ferry.setProcessChannelMode(QProcess::ForwardedChannels);
  ferry.start(q(app), {});
  QVERIFY2(ferry.waitForStarted(30'000), qPrintable(ferry.errorString()));
  const fs::path identity = program / "data" / "identity.pem";
  // Written before the window shows; the lock file is taken even earlier.
  QTRY_VERIFY_WITH_TIMEOUT(fs::exists(identity) && certificate_name(identity) == QStringLiteral("Portable Pat"),
                           60'000);
  QVERIFY(fs::exists(program / "data" / "instance.lock"));
  ferry.kill();
  ferry.waitForFinished(30'000);
  QCOMPARE(files_below(elsewhere), QStringList{});
}

QTEST_MAIN(TestPortableMode)
#include "test_portable_mode.moc"
