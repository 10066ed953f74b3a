// SPDX-License-Identifier: Apache-2.0
// ferry: the desktop app. Parses its few options, loads this device's
// identity and pinned peers, then runs the main window.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QSystemTrayIcon>

#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>

#include "app_icon.hpp"
#include "app_language.hpp"
#include "app_locations.hpp"
#include "app_settings.hpp"
#include "format.hpp"
#include "history.hpp"
#include "main_window.hpp"
#include "single_instance.hpp"
#include "system_theme.hpp"
#include "theme_controller.hpp"
#include "this_device.hpp"

namespace {

void name_application() {
  QCoreApplication::setApplicationName(QStringLiteral("Ferry"));
  QCoreApplication::setOrganizationName(QStringLiteral("Ferry"));
  QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
}

struct CommandLine {
  bool verbose = false;
  QStringList files;  // to send: Ferry asks to which peer
};

// The command line, read before any window system is needed, so --help and
// --version work without a display.
CommandLine parse_command_line(int argc, char** argv) {
  QCoreApplication probe(argc, argv);
  name_application();
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Send files to a peer on the local network."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption verbose(QStringLiteral("verbose"), QStringLiteral("Log the engine's decisions."));
  parser.addOption(verbose);
  parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Files or folders to send."),
                               QStringLiteral("[FILE...]"));
  parser.process(probe);  // exits after --help or --version
  CommandLine line{parser.isSet(verbose), {}};
  for (const QString& file : parser.positionalArguments()) line.files.append(QFileInfo(file).absoluteFilePath());
  return line;
}

// Ferry cannot receive nor send without its identity: the user is told why
// rather than given a Ferry that fails every transfer.
void show_startup_error(const std::filesystem::path& config_dir, const ferry::IoError& error) {
  QMessageBox::critical(nullptr, QCoreApplication::translate("ferry", "Ferry cannot start"),
                        QCoreApplication::translate("ferry",
                                                    "Ferry could not load this device's identity or its pinned devices "
                                                    "from %1:\n\n%2")
                            .arg(QDir::toNativeSeparators(QString::fromStdU16String(config_dir.u16string())),
                                 ferry::gui::from_utf8(error.describe())));
}

}  // namespace

int main(int argc, char** argv) {
  const CommandLine command_line = parse_command_line(argc, argv);
  spdlog::set_level(command_line.verbose ? spdlog::level::debug : spdlog::level::warn);

  QApplication app(argc, argv);
  name_application();
  // The system's language until the settings are read (they may choose another).
  ferry::gui::AppLanguage language;
  language.speak(QString());
  // Per user, or beside the program in portable mode.
  const ferry::gui::AppLocations locations = ferry::gui::locate_app_data(QCoreApplication::applicationDirPath());
  if (locations.portable && !QDir().mkpath(locations.instance_folder)) {
    spdlog::error("portable mode: cannot create {}", locations.instance_folder.toStdString());
    QMessageBox::critical(nullptr, QCoreApplication::translate("ferry", "Ferry cannot start"),
                          QCoreApplication::translate("ferry",
                                                      "Ferry is in portable mode (a file named \"portable\" is next "
                                                      "to it) but cannot create its data folder %1.")
                              .arg(QDir::toNativeSeparators(locations.instance_folder)));
    return 1;
  }
  // One Ferry per user (per portable folder): a later launch hands its files to the running one.
  ferry::gui::SingleInstance instance(locations.instance_folder);
  if (!instance.claim()) {
    if (instance.hand_over(command_line.files, std::chrono::seconds(10))) return 0;
    spdlog::error("another Ferry of this user is running but did not answer");
    QMessageBox::critical(nullptr, QCoreApplication::translate("ferry", "Ferry is already running"),
                          QCoreApplication::translate("ferry",
                                                      "Another Ferry of this user is running but does "
                                                      "not answer. End it, then start Ferry again."));
    return 1;
  }
  QApplication::setWindowIcon(ferry::gui::app_icon());
  QApplication::setDesktopFileName(QStringLiteral("ferry"));
  // With a tray, closing the window keeps Ferry receiving; Quit ends it.
  QApplication::setQuitOnLastWindowClosed(!QSystemTrayIcon::isSystemTrayAvailable());
  auto store = locations.open_settings();
  const ferry::gui::AppSettings settings = ferry::gui::load_settings(*store);
  language.speak(settings.language);
  // Light, dark or the system's, before the first window shows; changed in Settings at once.
  ferry::gui::ThemeController theme(ferry::gui::make_system_theme());
  theme.set_appearance(settings.appearance);
  const std::filesystem::path& config_dir = locations.config_dir;
  auto device = ferry::gui::load_this_device(config_dir, settings.device_name);
  if (!device) {
    spdlog::error("cannot load this device's identity or pinned devices: {}", device.error().describe());
    show_startup_error(config_dir, device.error());
    return 1;
  }
  ferry::gui::MainWindow window(std::move(store), locations.history_file, std::move(device.value()));
  QObject::connect(&window, &ferry::gui::MainWindow::settings_applied, &theme,
                   [&theme](const ferry::gui::AppSettings& applied) { theme.set_appearance(applied.appearance); });
  // A language chosen in Settings: every open window says its texts again at once.
  QObject::connect(&window, &ferry::gui::MainWindow::settings_applied, &window,
                   [&language](const ferry::gui::AppSettings& applied) { language.speak(applied.language); });
  window.start();
  QObject::connect(&instance, &ferry::gui::SingleInstance::activated, &window, &ferry::gui::MainWindow::bring_forward);
  instance.serve();
  if (!command_line.files.isEmpty()) window.send_chosen(command_line.files);
  return QApplication::exec();
}
