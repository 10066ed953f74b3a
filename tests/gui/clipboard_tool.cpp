// SPDX-License-Identifier: Apache-2.0
// ferry-clipboard: the X clipboard from outside Ferry, for the end-to-end GUI
// tests (no xclip needed).
//   ferry-clipboard set TEXT   owns the clipboard with TEXT (UTF-8) until
//                              another program takes it, or 5 minutes pass
//   ferry-clipboard get        prints the clipboard's text, as it is
#include <QClipboard>
#include <QGuiApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  const QStringList args = QGuiApplication::arguments();
  QClipboard* clipboard = QGuiApplication::clipboard();
  if (args.size() == 2 && args[1] == QStringLiteral("get")) {
    std::fputs(clipboard->text().toUtf8().constData(), stdout);
    return 0;
  }
  if (args.size() != 3 || args[1] != QStringLiteral("set")) {
    std::fputs("usage: ferry-clipboard set TEXT | get\n", stderr);
    return 2;
  }
  clipboard->setText(args[2]);
  // Serves the text to whoever pastes it until another owner replaces it.
  QObject::connect(clipboard, &QClipboard::dataChanged, &app, [clipboard, text = args[2]] {
    if (clipboard->text() != text) QGuiApplication::quit();
  });
  QTimer::singleShot(5 * 60 * 1000, &app, &QGuiApplication::quit);
  return QGuiApplication::exec();
}
