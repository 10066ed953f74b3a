// SPDX-License-Identifier: Apache-2.0
// Every window and dialog of the desktop app, walked widget by widget as
// assistive technology and the keyboard meet them: each control that takes
// keyboard focus has an accessible name (as QAccessible reports it, which is
// what AT-SPI exposes), a label that shows an access key has a buddy to
// give focus to (without one Qt shows a literal "&"), and no two access keys
// that can be pressed at the same time in one window, or in one menu, are
// the same key. The walk finds the widgets; nothing here lists them.
#include <QAbstractButton>
#include <QAccessible>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "add_peer_dialog.hpp"
#include "app_language.hpp"
#include "ferry/core/identity.hpp"
#include "history.hpp"
#include "main_window.hpp"
#include "offer_dialog.hpp"
#include "peer_list.hpp"
#include "send_text_dialog.hpp"
#include "settings_dialog.hpp"
#include "speed_limit_dialog.hpp"

using namespace ferry;
using namespace ferry::gui;

namespace {

QString describe(const QWidget* widget) {
  QString path;
  for (const QObject* at = widget; at; at = at->parent())
    path.prepend(
        QStringLiteral("/%1%2").arg(QString::fromLatin1(at->metaObject()->className()),
                                    at->objectName().isEmpty() ? QString() : QLatin1Char(':') + at->objectName()));
  return path;
}

// The pages of tab widgets a widget sits on: widgets on two pages of one tab
// widget are never shown together, so their access keys may repeat.
using Pages = std::map<const QTabWidget*, int>;

Pages pages_of(const QWidget* widget) {
  Pages pages;
  for (const QWidget* at = widget; at && at->parentWidget(); at = at->parentWidget()) {
    const auto* stack = qobject_cast<const QStackedWidget*>(at->parentWidget());
    const auto* tabs = stack ? qobject_cast<const QTabWidget*>(stack->parentWidget()) : nullptr;
    if (tabs) pages[tabs] = tabs->indexOf(const_cast<QWidget*>(at));
  }
  return pages;
}

bool shown_together(const Pages& a, const Pages& b) {
  for (const auto& [tabs, page] : a)
    if (auto other = b.find(tabs); other != b.end() && other->second != page) return false;
  return true;
}

struct AccessKey {
  QKeySequence key;
  QString owner;
  Pages pages;
};

class Walk {
 public:
  explicit Walk(QWidget* window) : window_(window) {}

  // What is wrong with the window: one line per problem.
  QStringList problems() {
    QList<QWidget*> widgets = window_->findChildren<QWidget*>();
    widgets.prepend(window_);
    for (QWidget* widget : widgets) {
      if (!widget->isVisibleTo(window_) && widget != window_) continue;
      check_name(widget);
      collect_keys(widget);
    }
    for (QMenu* menu : window_->findChildren<QMenu*>()) check_menu(menu->title(), menu->actions());
    for (const QWidget* widget : widgets)
      if (!widget->actions().isEmpty() && widget->contextMenuPolicy() == Qt::DefaultContextMenu &&
          qobject_cast<const PeerList*>(widget))
        check_menu(QStringLiteral("context menu of ") + describe(widget), widget->actions());
    find_clashes();
    return problems_;
  }

 private:
  void check_name(QWidget* widget) {
    if (!(widget->focusPolicy() & Qt::TabFocus) || widget->focusProxy()) return;
    QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
    if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
      problems_.append(QStringLiteral("focusable control without an accessible name: ") + describe(widget));
  }

  void add_key(const QString& text, const QString& owner, const QWidget* widget) {
    const QKeySequence key = QKeySequence::mnemonic(text);
    if (!key.isEmpty())
      keys_.push_back({key, owner + QStringLiteral(" “") + text + QStringLiteral("”"), pages_of(widget)});
  }

  void collect_keys(const QWidget* widget) {
    if (const auto* button = qobject_cast<const QAbstractButton*>(widget)) {
      add_key(button->text(), describe(widget), widget);
    } else if (const auto* label = qobject_cast<const QLabel*>(widget)) {
      if (label->buddy()) {
        add_key(label->text(), describe(widget), widget);
      } else if (label->textFormat() != Qt::RichText && !Qt::mightBeRichText(label->text()) &&
                 !QKeySequence::mnemonic(label->text()).isEmpty()) {
        problems_.append(
            QStringLiteral("label shows an access key but has no buddy: “%1” %2").arg(label->text(), describe(widget)));
      }
    } else if (const auto* group = qobject_cast<const QGroupBox*>(widget)) {
      if (group->isCheckable()) add_key(group->title(), describe(widget), widget);
    } else if (const auto* tabs = qobject_cast<const QTabBar*>(widget)) {
      for (int tab = 0; tab < tabs->count(); ++tab) add_key(tabs->tabText(tab), describe(widget), widget);
    } else if (const auto* bar = qobject_cast<const QMenuBar*>(widget)) {
      for (const QAction* action : bar->actions()) add_key(action->text(), describe(widget), widget);
    }
  }

  void check_menu(const QString& menu, const QList<QAction*>& actions) {
    std::map<int, QString> seen;
    for (const QAction* action : actions) {
      if (action->isSeparator() || !action->isVisible()) continue;
      const QKeySequence key = QKeySequence::mnemonic(action->text());
      if (key.isEmpty()) {
        problems_.append(QStringLiteral("menu item without an access key: “%1” in %2").arg(action->text(), menu));
        continue;
      }
      auto [it, added] = seen.try_emplace(key[0].toCombined(), action->text());
      if (!added)
        problems_.append(QStringLiteral("%1 opens both “%2” and “%3” in menu %4")
                             .arg(key.toString(), it->second, action->text(), menu));
    }
  }

  void find_clashes() {
    for (std::size_t i = 0; i < keys_.size(); ++i)
      for (std::size_t j = i + 1; j < keys_.size(); ++j)
        if (keys_[i].key == keys_[j].key && shown_together(keys_[i].pages, keys_[j].pages))
          problems_.append(QStringLiteral("%1 belongs to both %2 and %3")
                               .arg(keys_[i].key.toString(), keys_[i].owner, keys_[j].owner));
  }

  QWidget* window_;
  std::vector<AccessKey> keys_;
  QStringList problems_;
};

void verify_accessible(QWidget* window) {
  const QStringList problems = Walk(window).problems();
  if (!problems.isEmpty())
    QFAIL(qPrintable(window->windowTitle() + QStringLiteral(":\n  ") + problems.join(QStringLiteral("\n  "))));
}

OfferReceived sample_offer(PeerTrust trust) {
  OfferReceived offer;
  offer.id = TransferId{3};
  offer.peer = {"127.0.0.1", 40000};
  offer.device_name = "laptop";
  offer.entries =
      std::make_shared<const std::vector<OfferEntry>>(std::vector<OfferEntry>{{EntryKind::File, "notes.txt", 1024, 0}});
  offer.total_bytes = 1024;
  offer.text = "the notes, as promised";  // the message and its Copy button are walked too
  offer.identity.fingerprint = std::string(64, 'a');
  offer.identity.verification_code = verification_code(offer.identity.fingerprint);
  offer.identity.trust = trust;
  return offer;
}

}  // namespace

class TestAccessibility : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void cleanup() { dir_.reset(); }

  void main_window_with_peers_transfers_and_history();
  void offer_dialog_from_a_new_and_an_impostor_device();
  void settings_dialog_on_every_tab();
  void add_peer_dialog();
  void speed_limit_dialog();
  void send_text_dialog();
  void the_walk_finds_a_clash_and_an_unnamed_control();
  void every_window_in_every_language_data();
  void every_window_in_every_language();

 private:
  std::unique_ptr<MainWindow> open_window();

  std::unique_ptr<QTemporaryDir> dir_;
};

void TestAccessibility::init() {
  dir_ = std::make_unique<QTemporaryDir>();
  QVERIFY(dir_->isValid());
  QSettings store(dir_->filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat);
  store.setValue(QStringLiteral("receive/folder"), dir_->filePath(QStringLiteral("receive")));
  store.setValue(QStringLiteral("network/port"), 0);
  store.setValue(QStringLiteral("network/discovery"), false);
  store.setValue(QStringLiteral("device/name"), QStringLiteral("walker"));
}

std::unique_ptr<MainWindow> TestAccessibility::open_window() {
  // A finished transfer in the history, so its rows' buttons are walked too.
  History history(dir_->filePath(QStringLiteral("history.json")));
  HistoryEntry entry;
  entry.peer = QStringLiteral("laptop");
  entry.folder = dir_->path();
  entry.ok = true;
  entry.files_ok = 1;
  entry.finished = QDateTime::currentDateTime();
  history.add(entry);
  auto device = load_this_device(std::filesystem::path(dir_->filePath(QStringLiteral("config")).toStdU16String()),
                                 QStringLiteral("walker"));
  if (!device) qFatal("this device: %s", device.error().describe().c_str());
  auto window = std::make_unique<MainWindow>(
      std::make_unique<QSettings>(dir_->filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat),
      dir_->filePath(QStringLiteral("history.json")), device.value());
  window->add_peer({QStringLiteral("desk"), QStringLiteral("127.0.0.1"), 9});
  return window;
}

void TestAccessibility::main_window_with_peers_transfers_and_history() {
  auto window = open_window();
  QCOMPARE(window->peer_list()->topLevelItemCount(), 1);
  QCOMPARE(window->history_view()->topLevelItemCount(), 1);
  verify_accessible(window.get());
}

void TestAccessibility::offer_dialog_from_a_new_and_an_impostor_device() {
  for (PeerTrust trust : {PeerTrust::New, PeerTrust::Known, PeerTrust::Changed}) {
    OfferDialog dialog(sample_offer(trust), std::chrono::seconds(60));
    dialog.setAttribute(Qt::WA_DeleteOnClose, false);
    verify_accessible(&dialog);
  }
}

void TestAccessibility::settings_dialog_on_every_tab() {
  auto window = open_window();
  SettingsDialog* dialog = window->open_settings();
  QVERIFY(dialog->findChild<QTabWidget*>());
  verify_accessible(dialog);
}

void TestAccessibility::add_peer_dialog() {
  AddPeerDialog dialog;
  verify_accessible(&dialog);
}

void TestAccessibility::speed_limit_dialog() {
  SpeedLimitDialog dialog(QStringLiteral("desk"), 3 << 20, 20 << 20);
  verify_accessible(&dialog);
}

void TestAccessibility::send_text_dialog() {
  SendTextDialog dialog(QStringLiteral("desk"));
  verify_accessible(&dialog);
}

// The walk itself: a window with a clash and an unnamed control fails it.
void TestAccessibility::the_walk_finds_a_clash_and_an_unnamed_control() {
  QWidget window;
  auto* tabs = new QTabWidget(&window);
  auto* first = new QWidget;
  auto* second = new QWidget;
  tabs->addTab(first, QStringLiteral("&One"));
  tabs->addTab(second, QStringLiteral("&Two"));
  new QPushButton(QStringLiteral("&Send"), first);
  new QPushButton(QStringLiteral("&Save"), second);   // another page: no clash
  new QPushButton(QStringLiteral("&Open"), &window);  // clashes with the tab "&One"
  auto* unnamed = new QLineEdit(&window);
  new QLabel(QStringLiteral("&Orphan:"), &window);  // no buddy
  const QStringList problems = Walk(&window).problems();
  QCOMPARE(problems.size(), 3);
  QVERIFY(problems.filter(QStringLiteral("“&One”")).size() == 1);
  QVERIFY(problems.filter(QStringLiteral("without an accessible name")).size() == 1);
  QVERIFY(problems.filter(QStringLiteral("no buddy")).size() == 1);
  unnamed->setAccessibleName(QStringLiteral("Search"));
  QCOMPARE(Walk(&window).problems().size(), 2);
}

void TestAccessibility::every_window_in_every_language_data() {
  QTest::addColumn<QString>("language");
  for (const LanguageChoice& choice : language_choices())
    if (!choice.code.isEmpty()) QTest::newRow(qPrintable(choice.code)) << choice.code;
}

// The translations' access keys do not clash, and no control loses its name.
void TestAccessibility::every_window_in_every_language() {
  QFETCH(QString, language);
  AppLanguage translation;
  QVERIFY(translation.install(language));
  auto window = open_window();
  verify_accessible(window.get());
  verify_accessible(window->open_settings());
  for (PeerTrust trust : {PeerTrust::New, PeerTrust::Changed}) {
    OfferDialog dialog(sample_offer(trust), std::chrono::seconds(60));
    dialog.setAttribute(Qt::WA_DeleteOnClose, false);
    verify_accessible(&dialog);
  }
  AddPeerDialog add;
  verify_accessible(&add);
  SpeedLimitDialog limit(QStringLiteral("desk"), 3 << 20, 20 << 20);
  verify_accessible(&limit);
  SendTextDialog text(QStringLiteral("desk"));
  verify_accessible(&text);
}

QTEST_MAIN(TestAccessibility)
#include "test_accessibility.moc"
