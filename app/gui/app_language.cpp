// SPDX-License-Identifier: Apache-2.0
#include "app_language.hpp"

#include <QCoreApplication>
#include <QLocale>

#include <spdlog/spdlog.h>

namespace ferry::gui {

namespace {

const QString kEnglish = QStringLiteral("en");
const QString kGerman = QStringLiteral("de");
const QString kChinese = QStringLiteral("zh_CN");

// Ferry's code for a locale, or empty when Ferry does not speak it. Chinese
// only in simplified characters: a traditional Chinese user reads English
// rather than a script of another region.
QString spoken_code(const QLocale& locale) {
  switch (locale.language()) {
    case QLocale::English:
      return kEnglish;
    case QLocale::German:
      return kGerman;
    case QLocale::Chinese:
      return locale.script() == QLocale::SimplifiedHanScript ? kChinese : QString();
    default:
      return {};
  }
}

}  // namespace

QList<LanguageChoice> language_choices() {
  return {{QString(), QCoreApplication::translate("ferry", "System default", "the language")},
          {kEnglish, QStringLiteral("English")},
          {kGerman, QStringLiteral("Deutsch")},
          {kChinese, QStringLiteral("简体中文")}};
}

QString resolve_language(const QString& setting, const QStringList& preferred) {
  if (setting == kEnglish || setting == kGerman || setting == kChinese) return setting;
  for (const QString& name : preferred) {
    // QLocale fills in the likely script: "zh-CN" and "zh" are simplified, "zh-TW" traditional.
    const QString code = spoken_code(QLocale(name));
    if (!code.isEmpty()) return code;
  }
  return kEnglish;
}

AppLanguage::AppLanguage() = default;

void AppLanguage::speak(const QString& setting) {
  const QString code = resolve_language(setting, QLocale::system().uiLanguages());
  // The locale first: the windows format their numbers with it when the language changes.
  const bool own_numbers = !setting.isEmpty() && QLocale(code).language() != QLocale::system().language();
  QLocale::setDefault(own_numbers ? QLocale(code) : QLocale::system());
  if (code != code_) install(code);
}

AppLanguage::~AppLanguage() { remove(); }

void AppLanguage::remove() {
  if (ferry_) QCoreApplication::removeTranslator(ferry_.get());
  if (qt_) QCoreApplication::removeTranslator(qt_.get());
  ferry_.reset();
  qt_.reset();
  code_.clear();
}

bool AppLanguage::install(const QString& code) {
  remove();
  // English too: it gives the English plural forms ("1 file", "2 files").
  auto ferry = std::make_unique<QTranslator>();
  if (!ferry->load(QStringLiteral(":/i18n/ferry_%1.qm").arg(code))) {
    spdlog::error("cannot load the {} translation from the program's resources", code.toStdString());
    return false;
  }
  QCoreApplication::installTranslator(ferry.get());
  ferry_ = std::move(ferry);
  code_ = code;
  if (code != kEnglish) {
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral(":/i18n/qtbase_%1.qm").arg(code))) {
      QCoreApplication::installTranslator(qt.get());
      qt_ = std::move(qt);
    } else {
      spdlog::warn("cannot load Qt's {} translation: standard buttons stay English", code.toStdString());
    }
  }
  return true;
}

}  // namespace ferry::gui
