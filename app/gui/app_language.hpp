// SPDX-License-Identifier: Apache-2.0
#pragma once
// The language of the window: the one chosen in Settings, else the first of
// the system's preferred languages that Ferry speaks, else English. Ferry's
// translations and Qt's own (standard buttons and dialogs) are embedded in
// the program as resources under :/i18n/.
#include <QList>
#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>

namespace ferry::gui {

// A choice of the Settings dialog: its code (empty: as the system) and its
// name in that language (the system default's name in the current one).
struct LanguageChoice {
  QString code;
  QString name;
};

// System default, English, Deutsch, 简体中文.
QList<LanguageChoice> language_choices();

// The code of the language to speak ("en", "de", "zh_CN"): `setting` when it
// is one of those, else the first of `preferred` (BCP 47 names such as
// "de-AT", "zh-Hans-CN", as QLocale::uiLanguages gives them) Ferry speaks.
QString resolve_language(const QString& setting, const QStringList& preferred);

// Installs the translators of one language into the application; the ones
// installed before are removed, and so are these when it is destroyed. Qt
// then sends every window a LanguageChange event: each says its texts again.
class AppLanguage {
 public:
  AppLanguage();
  ~AppLanguage();
  AppLanguage(const AppLanguage&) = delete;
  AppLanguage& operator=(const AppLanguage&) = delete;

  // `code` as resolve_language gives it. False when Ferry's translation of
  // that language could not be loaded (the window then speaks English).
  bool install(const QString& code);
  // The language `setting` names (a code, or empty: the system's): its
  // translators, unless they are in already, and numbers written as a
  // chosen language writes them, unless the system's locale speaks it.
  void speak(const QString& setting);

 private:
  void remove();
  std::unique_ptr<QTranslator> ferry_;
  std::unique_ptr<QTranslator> qt_;
  QString code_;  // of the translators installed, empty when none is
};

}  // namespace ferry::gui
