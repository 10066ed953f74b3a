// SPDX-License-Identifier: Apache-2.0
#include "cli_receiver.hpp"

#include <QRegularExpression>

namespace ferry::test {

int start_asking_cli_receiver(QProcess& receiver, const std::filesystem::path& dir, const QStringList& extra) {
  receiver.start(QStringLiteral(FERRY_CLI_PATH),
                 QStringList{QStringLiteral("receive"), QStringLiteral("--dir"), QString::fromStdString(dir.string()),
                             QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                             QStringLiteral("0")} +
                     extra);
  if (!receiver.waitForReadyRead(10'000)) return 0;
  // "Listening on 127.0.0.1:PORT, receiving into DIR"
  const auto match = QRegularExpression(QStringLiteral(":(\\d+),")).match(QString::fromUtf8(receiver.readLine()));
  return match.hasMatch() ? match.captured(1).toInt() : 0;
}

int start_cli_receiver(QProcess& receiver, const std::filesystem::path& dir, const QStringList& extra) {
  return start_asking_cli_receiver(receiver, dir, QStringList{QStringLiteral("--accept-all")} + extra);
}

}  // namespace ferry::test
