// ferry: the desktop app. Parses its few options, then runs the main window.
#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QSystemTrayIcon>

#include <spdlog/spdlog.h>

#include <memory>

#include "app_icon.hpp"
#include "history.hpp"
#include "main_window.hpp"

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
  ferry::gui::MainWindow window(std::make_unique<QSettings>(), ferry::gui::default_history_file());
  window.start();
  return QApplication::exec();
}
