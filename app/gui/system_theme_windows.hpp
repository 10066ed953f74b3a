// SPDX-License-Identifier: Apache-2.0
#pragma once
// Windows' "app mode" (Settings > Personalization > Colors): the registry
// value AppsUseLightTheme (0: dark), read again on a timer since Qt 6.4
// passes no notice of its change.
#include <QString>
#include <QTimer>

#include <chrono>

#include "system_theme.hpp"

namespace ferry::gui {

inline const QString kPersonalizeKey =
    QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize");

class WindowsSystemTheme : public SystemTheme {
  Q_OBJECT

 public:
  // `key`: the registry key holding AppsUseLightTheme (tests use one of their own).
  explicit WindowsSystemTheme(QString key = kPersonalizeKey, std::chrono::milliseconds poll = std::chrono::seconds(2));
  ColorScheme scheme() const override { return scheme_; }

 private:
  ColorScheme read() const;
  void check();

  QString key_;
  ColorScheme scheme_;
  QTimer poll_;
};

}  // namespace ferry::gui
