// SPDX-License-Identifier: Apache-2.0
// The window's languages (issue 17 item 8): which language the loader picks
// (the Settings choice, else the system's preferred ones), and real windows
// (main window, settings dialog, offer dialog) speaking German and
// Simplified Chinese once the real loader installed the translations
// embedded in the program: Ferry's own, Qt's standard buttons, plurals; and
// a language chosen in Settings spoken at once by every open window.
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "address_bar.hpp"
#include "app_language.hpp"
#include "app_settings.hpp"
#include "ferry/core/identity.hpp"
#include "format.hpp"
#include "offer_dialog.hpp"
#include "peer_list.hpp"
#include "reachability_help.hpp"
#include "settings_dialog.hpp"
#include "speed_limit_dialog.hpp"
#include "transfer_list.hpp"
#include "window_fixture.hpp"

using namespace ferry;
using namespace ferry::gui;

namespace {

// What each language shows for a few strings, as resources/translations has them.
struct Expected {
  QString code;
  QString file_menu;            // "&File"
  QString settings_title;       // "Ferry Settings"
  QString language_label;       // "&Language:"
  QString accept;               // "&Accept"
  QString cancel;               // Qt's own "Cancel"
  QString one_file, two_files;  // "%n file(s)"
  QString duration;             // human_duration(185)
};

Expected german() {
  return {QStringLiteral("de"),        QStringLiteral("&Datei"),    QStringLiteral("Ferry-Einstellungen"),
          QStringLiteral("S&prache:"), QStringLiteral("&Annehmen"), QStringLiteral("Abbrechen"),
          QStringLiteral("1 Datei"),   QStringLiteral("2 Dateien"), QStringLiteral("3 Min. 05 Sek.")};
}

Expected chinese() {
  return {QStringLiteral("zh_CN"),      QStringLiteral("文件(&F)"), QStringLiteral("Ferry 设置"),
          QStringLiteral("语言(&L)："), QStringLiteral("接受(&A)"), QStringLiteral("取消"),
          QStringLiteral("1 个文件"),   QStringLiteral("2 个文件"), QStringLiteral("3 分 05 秒")};
}

OfferReceived sample_offer() {
  OfferReceived offer;
  offer.id = TransferId{3};
  offer.peer = {"127.0.0.1", 40000};
  offer.device_name = "laptop";
  offer.entries = std::make_shared<const std::vector<OfferEntry>>(
      std::vector<OfferEntry>{{EntryKind::File, "a.txt", 10, 0}, {EntryKind::File, "b.txt", 20, 0}});
  offer.total_bytes = 30;
  offer.identity.fingerprint = std::string(64, 'd');
  offer.identity.verification_code = verification_code(offer.identity.fingerprint);
  return offer;
}

bool has_label(const QWidget& widget, const QString& text) {
  for (const QLabel* label : widget.findChildren<QLabel*>())
    if (label->text() == text) return true;
  return false;
}

QStringList menu_titles(const MainWindow& window) {
  QStringList titles;
  for (const QAction* menu : window.menuBar()->actions()) titles.append(menu->text());
  return titles;
}

// Settings → Language by real key presses on the box, to `code`'s row.
void pick_language(SettingsDialog& settings, const QString& code) {
  QComboBox* box = settings.language_box();
  const int row = box->findData(code);
  QVERIFY(row >= 0);
  for (int press = 0; press < box->count() && box->currentIndex() != row; ++press)
    QTest::keyClick(box, row > box->currentIndex() ? Qt::Key_Down : Qt::Key_Up);
  QCOMPARE(box->currentIndex(), row);
}

void click(QDialogButtonBox::StandardButton which, const SettingsDialog& settings) {
  QPushButton* button = settings.findChild<QDialogButtonBox*>()->button(which);
  QVERIFY(button);
  QTest::mouseClick(button, Qt::LeftButton);
}

}  // namespace

class TestTranslations : public QObject {
  Q_OBJECT

 private slots:
  void the_setting_wins_over_the_system();
  void the_first_spoken_system_language_is_taken();
  void every_choice_is_named_in_its_own_language();
  void the_choice_is_saved_with_the_settings();
  void windows_speak_the_installed_language_data();
  void windows_speak_the_installed_language();
  void english_has_its_plural_forms();
  void sizes_are_written_as_the_locale_writes_numbers();
  void removing_the_language_brings_english_back();
  void a_chosen_language_is_spoken_at_once();
};

void TestTranslations::the_setting_wins_over_the_system() {
  const QStringList german_system = {QStringLiteral("de-DE"), QStringLiteral("en-US")};
  QCOMPARE(resolve_language(QStringLiteral("zh_CN"), german_system), QStringLiteral("zh_CN"));
  QCOMPARE(resolve_language(QStringLiteral("en"), german_system), QStringLiteral("en"));
  // Empty or unknown (a newer Ferry's language, a typo in the file): as the system.
  QCOMPARE(resolve_language(QString(), german_system), QStringLiteral("de"));
  QCOMPARE(resolve_language(QStringLiteral("klingon"), german_system), QStringLiteral("de"));
}

void TestTranslations::the_first_spoken_system_language_is_taken() {
  QCOMPARE(resolve_language({}, {QStringLiteral("fr-FR"), QStringLiteral("de-AT"), QStringLiteral("en-GB")}),
           QStringLiteral("de"));
  QCOMPARE(resolve_language({}, {QStringLiteral("zh-Hans-CN")}), QStringLiteral("zh_CN"));
  QCOMPARE(resolve_language({}, {QStringLiteral("zh-CN")}), QStringLiteral("zh_CN"));
  QCOMPARE(resolve_language({}, {QStringLiteral("zh-SG")}), QStringLiteral("zh_CN"));
  // Traditional Chinese is not offered simplified characters.
  QCOMPARE(resolve_language({}, {QStringLiteral("zh-TW"), QStringLiteral("de-DE")}), QStringLiteral("de"));
  QCOMPARE(resolve_language({}, {QStringLiteral("en-US"), QStringLiteral("de-DE")}), QStringLiteral("en"));
  QCOMPARE(resolve_language({}, {QStringLiteral("fr-FR"), QStringLiteral("ja-JP")}), QStringLiteral("en"));
  QCOMPARE(resolve_language({}, {}), QStringLiteral("en"));
}

void TestTranslations::every_choice_is_named_in_its_own_language() {
  const QList<LanguageChoice> choices = language_choices();
  QCOMPARE(choices.size(), 4);
  QVERIFY(choices[0].code.isEmpty());
  QCOMPARE(choices[1].name, QStringLiteral("English"));
  QCOMPARE(choices[2].name, QStringLiteral("Deutsch"));
  QCOMPARE(choices[3].name, QStringLiteral("简体中文"));
  for (const LanguageChoice& choice : choices.mid(1)) QCOMPARE(resolve_language(choice.code, {}), choice.code);
}

// The dialog's choice reaches the settings file and comes back from it.
void TestTranslations::the_choice_is_saved_with_the_settings() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const AppSettings current = default_settings();
  SettingsDialog dialog(current, {}, QString(64, QLatin1Char('a')));
  QComboBox* box = dialog.language_box();
  QCOMPARE(box->currentIndex(), 0);  // system default
  box->setCurrentIndex(box->findData(QStringLiteral("zh_CN")));
  const AppSettings edited = dialog.edited(current);
  QCOMPARE(edited.language, QStringLiteral("zh_CN"));
  {
    QSettings store(dir.filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat);
    save_settings(store, edited);
  }
  QSettings store(dir.filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat);
  const AppSettings loaded = load_settings(store);
  QCOMPARE(loaded.language, QStringLiteral("zh_CN"));
  SettingsDialog again(loaded, {}, QString(64, QLatin1Char('a')));
  QCOMPARE(again.language_box()->currentData().toString(), QStringLiteral("zh_CN"));
}

void TestTranslations::windows_speak_the_installed_language_data() {
  QTest::addColumn<int>("which");
  QTest::newRow("de") << 0;
  QTest::newRow("zh_CN") << 1;
}

void TestTranslations::windows_speak_the_installed_language() {
  QFETCH(int, which);
  const Expected expected = which == 0 ? german() : chinese();
  AppLanguage language;
  QVERIFY(language.install(expected.code));

  // The main window on its real engine: its first menu.
  app_test::WindowFixture fixture(QStringLiteral("translated"));
  QVERIFY(fixture.valid());
  auto window = fixture.open_window();
  QVERIFY(window);
  const QList<QAction*> menus = window->menuBar()->actions();
  QVERIFY(!menus.isEmpty());
  QCOMPARE(menus.first()->text(), expected.file_menu);
  QVERIFY(expected.file_menu != QStringLiteral("&File"));

  // The settings dialog: its title, its language's label, Qt's own Cancel.
  SettingsDialog settings(default_settings(), {}, QString(64, QLatin1Char('a')));
  QCOMPARE(settings.windowTitle(), expected.settings_title);
  QVERIFY(has_label(settings, expected.language_label));
  QCOMPARE(settings.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel)->text(), expected.cancel);

  // The offer dialog: its Accept button and a count of files.
  OfferDialog offer(sample_offer(), std::chrono::seconds(60));
  QCOMPARE(offer.accept_button()->text(), expected.accept);

  // Plurals and units.
  QCOMPARE(file_count(1), expected.one_file);
  QCOMPARE(file_count(2), expected.two_files);
  QCOMPARE(human_duration(185), expected.duration);
}

void TestTranslations::english_has_its_plural_forms() {
  AppLanguage language;
  QVERIFY(language.install(QStringLiteral("en")));
  QCOMPARE(file_count(1), QStringLiteral("1 file"));
  QCOMPARE(file_count(2), QStringLiteral("2 files"));
  QCOMPARE(session_failure({}, 1), QStringLiteral("1 file failed"));
  QCOMPARE(session_failure({}, 3), QStringLiteral("3 files failed"));
  SettingsDialog settings(default_settings(), {}, QString(64, QLatin1Char('a')));
  QCOMPARE(settings.windowTitle(), QStringLiteral("Ferry Settings"));
}

void TestTranslations::sizes_are_written_as_the_locale_writes_numbers() {
  const QLocale before;
  QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
  const QString german_kib = human_bytes(1536), german_bytes = human_bytes(1000);
  QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
  const QString english_kib = human_bytes(1536);
  QLocale::setDefault(before);
  QCOMPARE(german_kib, QStringLiteral("1,5 KiB"));
  QCOMPARE(german_bytes, QStringLiteral("1.000 B"));
  QCOMPARE(english_kib, QStringLiteral("1.5 KiB"));
}

// A loader gone (or switched) leaves no translator of its language behind.
void TestTranslations::removing_the_language_brings_english_back() {
  {
    AppLanguage language;
    QVERIFY(language.install(QStringLiteral("de")));
    QVERIFY(language.install(QStringLiteral("zh_CN")));
    QCOMPARE(file_count(2), QStringLiteral("2 个文件"));
  }
  SettingsDialog settings(default_settings(), {}, QString(64, QLatin1Char('a')));
  QCOMPARE(settings.windowTitle(), QStringLiteral("Ferry Settings"));
  QCOMPARE(settings.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancel"));
}

// German chosen in the real Settings dialog (Apply, then OK), English again
// after: the open windows speak it at once, without a restart.
void TestTranslations::a_chosen_language_is_spoken_at_once() {
  const QLocale locale_before;
  AppLanguage language;
  language.speak(QStringLiteral("en"));
  app_test::WindowFixture fixture(QStringLiteral("switcher"));
  QVERIFY(fixture.valid());
  auto window = fixture.open_window();
  QVERIFY(window);
  // As main() has it.
  connect(window.get(), &MainWindow::settings_applied, window.get(),
          [&language](const AppSettings& applied) { language.speak(applied.language); });
  window->show();
  QVERIFY(QTest::qWaitForWindowActive(window.get()));
  TransferList* transfers = window->transfer_list();
  transfers->add_outgoing(TransferId{7}, QStringLiteral("desk"), {fixture.path(QStringLiteral("a.txt"))});
  QTreeWidgetItem* row = transfers->topLevelItem(0);
  QLineEdit* address = window->findChild<AddressBar*>()->address_edit();
  // Dialogs that stay open meanwhile.
  SpeedLimitDialog limit(QStringLiteral("desk"), 0, 0, window.get());
  limit.show();
  window->show_reachability_help();
  auto* help = window->findChild<ReachabilityHelp*>();
  QVERIFY(help);

  QCOMPARE(menu_titles(*window),
           (QStringList{QStringLiteral("&File"), QStringLiteral("&Transfers"), QStringLiteral("&Help")}));
  QCOMPARE(transfers->headerItem()->text(TransferList::TransferColumn), QStringLiteral("Transfer"));
  QCOMPARE(row->text(TransferList::StatusColumn), QStringLiteral("Connecting to desk…"));
  const QString english_placeholder = address->placeholderText();
  const QString english_empty_peers = window->peer_list()->accessibleDescription();
  QCOMPARE(limit.windowTitle(), QStringLiteral("Limit Speed"));
  QCOMPARE(help->windowTitle(), QStringLiteral("Can't See Your Device?"));

  SettingsDialog* settings = window->open_settings();
  QVERIFY(QTest::qWaitForWindowActive(settings));
  QCOMPARE(settings->language_box()->itemText(0), QStringLiteral("System default"));
  pick_language(*settings, QStringLiteral("de"));
  click(QDialogButtonBox::Apply, *settings);
  QTRY_COMPARE(menu_titles(*window),
               (QStringList{QStringLiteral("&Datei"), QStringLiteral("Ü&bertragungen"), QStringLiteral("&Hilfe")}));
  QCOMPARE(transfers->headerItem()->text(TransferList::TransferColumn), QStringLiteral("Übertragung"));
  QCOMPARE(row->text(TransferList::StatusColumn), QStringLiteral("Verbinde mit desk…"));
  QVERIFY(address->placeholderText() != english_placeholder);
  QCOMPARE(window->peer_list()->accessibleDescription(), PeerList::empty_text());
  QVERIFY(PeerList::empty_text() != english_empty_peers);
  QCOMPARE(limit.windowTitle(), QStringLiteral("Geschwindigkeit begrenzen"));
  QCOMPARE(help->windowTitle(), QStringLiteral("Gerät wird nicht angezeigt?"));
  // The dialog itself, its system default's name too; Qt's own buttons.
  QCOMPARE(settings->windowTitle(), QStringLiteral("Ferry-Einstellungen"));
  QVERIFY(has_label(*settings, german().language_label));
  QCOMPARE(settings->language_box()->itemText(0), QStringLiteral("Systemstandard"));
  QCOMPARE(settings->language_box()->currentData().toString(), QStringLiteral("de"));
  QCOMPARE(settings->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel)->text(), german().cancel);
  QCOMPARE(file_count(2), german().two_files);
  click(QDialogButtonBox::Ok, *settings);
  QTRY_VERIFY(!window->findChild<SettingsDialog*>());

  // Back to English through a new Settings dialog and OK.
  settings = window->open_settings();
  QVERIFY(QTest::qWaitForWindowActive(settings));
  pick_language(*settings, QStringLiteral("en"));
  click(QDialogButtonBox::Ok, *settings);
  QTRY_COMPARE(menu_titles(*window),
               (QStringList{QStringLiteral("&File"), QStringLiteral("&Transfers"), QStringLiteral("&Help")}));
  QCOMPARE(transfers->headerItem()->text(TransferList::TransferColumn), QStringLiteral("Transfer"));
  QCOMPARE(row->text(TransferList::StatusColumn), QStringLiteral("Connecting to desk…"));
  QCOMPARE(address->placeholderText(), english_placeholder);
  QCOMPARE(window->peer_list()->accessibleDescription(), english_empty_peers);
  QCOMPARE(limit.windowTitle(), QStringLiteral("Limit Speed"));
  QCOMPARE(help->windowTitle(), QStringLiteral("Can't See Your Device?"));
  QCOMPARE(QSettings(fixture.settings_file(), QSettings::IniFormat).value(QStringLiteral("window/language")).toString(),
           QStringLiteral("en"));
  QLocale::setDefault(locale_before);
}

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
