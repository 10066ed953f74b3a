// SPDX-License-Identifier: Apache-2.0
#include "format.hpp"

#include <QCoreApplication>
#include <QLocale>

#include <array>
#include <cmath>

namespace ferry::gui {

QString human_bytes(std::uint64_t bytes) {
  static const std::array<const char*, 5> units = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < units.size()) {
    value /= 1024;
    ++unit;
  }
  const QLocale locale;  // the user's decimal separator and digit grouping
  if (unit == 0) return QStringLiteral("%1 B").arg(locale.toString(static_cast<qulonglong>(bytes)));
  return QStringLiteral("%1 %2").arg(locale.toString(value, 'f', value < 10 ? 1 : 0), QLatin1String(units[unit]));
}

QString human_speed(double bytes_per_second) {
  if (!(bytes_per_second > 0)) return QStringLiteral("–");
  return QCoreApplication::translate("ferry", "%1/s", "a speed: bytes per second")
      .arg(human_bytes(static_cast<std::uint64_t>(bytes_per_second)));
}

QString human_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("–");
  const auto total = static_cast<long long>(std::llround(seconds));
  const long long hours = total / 3600, minutes = total / 60 % 60, secs = total % 60;
  const auto two_digits = [](long long n) { return QStringLiteral("%1").arg(n, 2, 10, QLatin1Char('0')); };
  if (hours > 0)
    return QCoreApplication::translate("ferry", "%1 h %2 min", "a duration: hours, minutes")
        .arg(QString::number(hours), two_digits(minutes));
  if (minutes > 0)
    return QCoreApplication::translate("ferry", "%1 min %2 s", "a duration: minutes, seconds")
        .arg(QString::number(minutes), two_digits(secs));
  return QCoreApplication::translate("ferry", "%1 s", "a duration: seconds").arg(secs);
}

QString file_count(std::uint64_t files) {
  const int count = static_cast<int>(files);
  return QCoreApplication::translate("ferry", "%n file(s)", "a count of files", count);
}

QString session_failure(const std::string& error, std::uint32_t files_failed) {
  if (!error.empty()) return from_utf8(error);
  const int count = static_cast<int>(files_failed);
  return QCoreApplication::translate("ferry", "%n file(s) failed", "a count of files", count);
}

QString strategy_label(Strategy strategy) {
  switch (strategy) {
    case Strategy::ZeroCopy:
      return QCoreApplication::translate("ferry", "zero-copy");
    case Strategy::Direct:
      return QCoreApplication::translate("ferry", "direct");
    case Strategy::Buffered:
      return QCoreApplication::translate("ferry", "buffered");
  }
  return {};
}

QString strategy_reason(Strategy strategy, const std::string& note) {
  QString reason;
  switch (strategy) {
    case Strategy::ZeroCopy:
      reason = QCoreApplication::translate(
          "ferry", "Below the direct I/O threshold: sent from the page cache by the kernel, no copy through Ferry.");
      break;
    case Strategy::Direct:
      reason = QCoreApplication::translate("ferry",
                                           "At or above the direct I/O threshold: read and written around the page "
                                           "cache, so it stays free for other files.");
      break;
    case Strategy::Buffered:
      reason = QCoreApplication::translate("ferry", "Plain reads and writes through a buffer.");
      break;
  }
  if (!note.empty()) reason += QLatin1Char(' ') + from_utf8(note);
  return reason;
}

QString from_utf8(const std::string& text) {
  return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

}  // namespace ferry::gui
