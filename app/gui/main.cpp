// ferry: the desktop app. Parses its few options, loads this device's
// identity and pinned peers, then runs the main window.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QSettings>
#include <QSystemTrayIcon>

#include <spdlog/spdlog.h>

#include <memory>

#include "app_icon.hpp"
#include "app_settings.hpp"
#include "format.hpp"
#include "history.hpp"
#include "main_window.hpp"
#include "this_device.hpp"

namespace {

void name_application() {
  QCoreApplication::setApplicationName(QStringLiteral("Ferry"));
  QCoreApplication::setOrganizationName(QStringLiteral("Ferry"));
  QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
}

// The command line, read before any window system is needed, so --help and
// --version work without a display. Returns whether to log verbosely.
bool parse_command_line(int argc, char** argv) {
  QCoreApplication probe(argc, argv);
  name_application();
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Send files to a peer on the local network."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption verbose(QStringLiteral("verbose"), QStringLiteral("Log the engine's decisions."));
  parser.addOption(verbose);
  parser.process(probe);  // exits after --help or --version
  return parser.isSet(verbose);
}

// Ferry cannot receive nor send without its identity: the user is told why
// rather than given a Ferry that fails every transfer.
void show_startup_error(const std::filesystem::path& config_dir, const ferry::IoError& error) {
  QMessageBox::critical(
      nullptr, QCoreApplication::translate("ferry", "Ferry cannot start"),
      QCoreApplication::translate("ferry", "Ferry could not load this device's identity or its pinned devices "
                                           "from %1:\n\n%2")
          .arg(QDir::toNativeSeparators(QString::fromStdU16String(config_dir.u16string())),
               ferry::gui::from_utf8(error.describe())));
}

}  // namespace

int main(int argc, char** argv) {
  const bool verbose = parse_command_line(argc, argv);
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);

  QApplication app(argc, argv);
  name_application();
  QApplication::setWindowIcon(ferry::gui::app_icon());
  QApplication::setDesktopFileName(QStringLiteral("ferry"));
  // With a tray, closing the window keeps Ferry receiving; Quit ends it.
  QApplication::setQuitOnLastWindowClosed(!QSystemTrayIcon::isSystemTrayAvailable());
  auto store = std::make_unique<QSettings>();
  const std::filesystem::path config_dir = ferry::default_config_dir();
  auto device = ferry::gui::load_this_device(config_dir, ferry::gui::load_settings(*store).device_name);
  if (!device) {
    spdlog::error("cannot load this device's identity or pinned devices: {}", device.error().describe());
    show_startup_error(config_dir, device.error());
    return 1;
  }
  ferry::gui::MainWindow window(std::move(store), ferry::gui::default_history_file(), std::move(device.value()));
  window.start();
  return QApplication::exec();
}
