// SPDX-License-Identifier: Apache-2.0
// Light and dark: the Appearance setting is saved and applied at once from
// the settings dialog (the application's palette turns over), both palettes
// keep every text readable, and so does what Ferry paints itself (the
// transfer list's progress bars and speed graphs, the impostor warning),
// measured on rendered pixels.
#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QTreeView>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "app_settings.hpp"
#include "ferry/core/identity.hpp"
#include "main_window.hpp"
#include "offer_dialog.hpp"
#include "peer_list.hpp"
#include "settings_dialog.hpp"
#include "theme.hpp"
#include "theme_controller.hpp"
#include "transfer_delegate.hpp"
#include "transfer_list.hpp"
#include "warning_frame.hpp"

using namespace ferry;
using namespace ferry::gui;

namespace {

// WCAG's: 4.5 for body text.
constexpr double kReadable = 4.5;
// A control's edge against its background: about that of Fusion's light outlines.
constexpr double kVisibleEdge = 2.0;

double channel(double value) { return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4); }

double luminance(const QColor& color) {
  return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

double contrast(const QColor& a, const QColor& b) {
  const double la = luminance(a);
  const double lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The best contrast between a pixel of `with_text` and the same pixel of
// `without` (the same drawing without its text) inside `area`: the text's
// own colour against what lies under it. 0 when no text was drawn there.
double text_contrast(const QImage& with_text, const QImage& without, const QRect& area) {
  double best = 0;
  for (int y = area.top(); y <= area.bottom(); ++y)
    for (int x = area.left(); x <= area.right(); ++x)
      if (with_text.pixel(x, y) != without.pixel(x, y))
        best = std::max(best, contrast(with_text.pixelColor(x, y), without.pixelColor(x, y)));
  return best;
}

QColor most_common_colour(const QImage& image) {
  std::map<QRgb, int> counts;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) ++counts[image.pixel(x, y)];
  return QColor(std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                  return a.second < b.second;
                })->first);
}

const char* name_of(ColorScheme scheme) { return scheme == ColorScheme::Dark ? "dark" : "light"; }

OfferReceived offer_from_impostor() {
  OfferReceived offer;
  offer.id = TransferId{3};
  offer.peer = {"127.0.0.1", 40000};
  offer.device_name = "laptop";
  offer.entries =
      std::make_shared<const std::vector<OfferEntry>>(std::vector<OfferEntry>{{EntryKind::File, "a.jpg", 1024, 0}});
  offer.total_bytes = 1024;
  offer.identity.fingerprint = std::string(64, 'c');
  offer.identity.verification_code = verification_code(offer.identity.fingerprint);
  offer.identity.trust = PeerTrust::Changed;
  return offer;
}

}  // namespace

class TestTheme : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void cleanupTestCase();
  void appearance_is_saved_and_loaded();
  void settings_dialog_applies_the_appearance_at_once();
  void palettes_keep_every_text_readable_data();
  void palettes_keep_every_text_readable();
  void progress_bar_text_is_readable_data();
  void progress_bar_text_is_readable();
  void speed_text_on_its_graph_is_readable_data();
  void speed_text_on_its_graph_is_readable();
  void impostor_warning_follows_the_scheme();
  void settings_hints_are_readable_data();
  void settings_hints_are_readable();
  void empty_peer_list_text_is_readable_data();
  void empty_peer_list_text_is_readable();

 private:
  std::unique_ptr<QTemporaryDir> dir_;
};

void TestTheme::init() {
  dir_ = std::make_unique<QTemporaryDir>();
  QVERIFY(dir_->isValid());
  QSettings store(dir_->filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat);
  store.setValue(QStringLiteral("receive/folder"), dir_->filePath(QStringLiteral("receive")));
  store.setValue(QStringLiteral("network/port"), 0);
  store.setValue(QStringLiteral("network/discovery"), false);
  store.setValue(QStringLiteral("device/name"), QStringLiteral("painter"));
}

void TestTheme::cleanupTestCase() { apply_color_scheme(ColorScheme::Light); }

void TestTheme::appearance_is_saved_and_loaded() {
  QSettings store(dir_->filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat);
  QCOMPARE(load_settings(store).appearance, Appearance::System);  // the default
  for (Appearance appearance : {Appearance::Dark, Appearance::Light, Appearance::System}) {
    AppSettings settings = load_settings(store);
    settings.appearance = appearance;
    save_settings(store, settings);
    QSettings again(dir_->filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat);
    QCOMPARE(load_settings(again).appearance, appearance);
  }
  store.setValue(QStringLiteral("window/appearance"), QStringLiteral("purple"));
  QCOMPARE(load_settings(store).appearance, Appearance::System);
}

// As main.cpp wires it: the window's applied settings set the appearance.
void TestTheme::settings_dialog_applies_the_appearance_at_once() {
  auto device = load_this_device(std::filesystem::path(dir_->filePath(QStringLiteral("config")).toStdU16String()),
                                 QStringLiteral("painter"));
  QVERIFY(device);
  MainWindow window(std::make_unique<QSettings>(dir_->filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat),
                    dir_->filePath(QStringLiteral("history.json")), device.value());
  ThemeController theme(make_system_theme());
  theme.set_appearance(window.settings().appearance);
  connect(&window, &MainWindow::settings_applied, &theme,
          [&theme](const AppSettings& applied) { theme.set_appearance(applied.appearance); });
  window.show();
  SettingsDialog* dialog = window.open_settings();
  QCOMPARE(dialog->appearance_box()->currentIndex(), static_cast<int>(Appearance::System));
  QPushButton* apply = nullptr;
  for (QPushButton* button : dialog->findChildren<QPushButton*>())
    if (button->text().remove(QLatin1Char('&')) == QLatin1String("Apply")) apply = button;
  QVERIFY(apply);

  dialog->appearance_box()->setCurrentIndex(static_cast<int>(Appearance::Dark));
  QTest::mouseClick(apply, Qt::LeftButton);
  QCOMPARE(theme.scheme(), ColorScheme::Dark);
  QCoreApplication::processEvents();  // open widgets take the new palette from a posted event
  QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() < 0.3);
  QVERIFY(QApplication::palette().color(QPalette::WindowText).lightnessF() > 0.8);
  QVERIFY(window.palette().color(QPalette::Base).lightnessF() < 0.3);  // open windows follow
  QVERIFY(dialog->palette().color(QPalette::Window).lightnessF() < 0.3);
  QVERIFY(QToolTip::palette().color(QPalette::ToolTipBase).lightnessF() < 0.3);
  QCOMPARE(QApplication::style()->name(), QStringLiteral("fusion"));
  QCOMPARE(QSettings(dir_->filePath(QStringLiteral("ferry.ini")), QSettings::IniFormat)
               .value(QStringLiteral("window/appearance"))
               .toString(),
           QStringLiteral("dark"));

  dialog->appearance_box()->setCurrentIndex(static_cast<int>(Appearance::Light));
  QTest::mouseClick(apply, Qt::LeftButton);
  QCOMPARE(theme.scheme(), ColorScheme::Light);
  QCoreApplication::processEvents();
  QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() > 0.8);
  QVERIFY(QApplication::palette().color(QPalette::WindowText).lightnessF() < 0.3);
  QVERIFY(window.palette().color(QPalette::Base).lightnessF() > 0.8);
  QVERIFY(QToolTip::palette().color(QPalette::ToolTipBase).lightnessF() > 0.8);
  dialog->close();
}

void TestTheme::palettes_keep_every_text_readable_data() {
  QTest::addColumn<ColorScheme>("scheme");
  QTest::newRow("light") << ColorScheme::Light;
  QTest::newRow("dark") << ColorScheme::Dark;
}

void TestTheme::palettes_keep_every_text_readable() {
  QFETCH(ColorScheme, scheme);
  const QPalette palette = palette_for(scheme);
  QCOMPARE(is_dark(palette), scheme == ColorScheme::Dark);
  struct Pair {
    QPalette::ColorRole text, background;
  };
  const Pair pairs[] = {{QPalette::WindowText, QPalette::Window},
                        {QPalette::Text, QPalette::Base},
                        {QPalette::Text, QPalette::AlternateBase},
                        {QPalette::ButtonText, QPalette::Button},
                        {QPalette::HighlightedText, QPalette::Highlight},
                        {QPalette::ToolTipText, QPalette::ToolTipBase},
                        {QPalette::PlaceholderText, QPalette::Window},
                        {QPalette::PlaceholderText, QPalette::Base},
                        {QPalette::Link, QPalette::Base},
                        {QPalette::LinkVisited, QPalette::Base},
                        {QPalette::Link, QPalette::Window}};
  for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive})
    for (const Pair& pair : pairs) {
      const double ratio = contrast(palette.color(group, pair.text), palette.color(group, pair.background));
      if (ratio < kReadable)
        QFAIL(qPrintable(QStringLiteral("%1: role %2 on %3 has contrast %4")
                             .arg(QLatin1String(name_of(scheme)))
                             .arg(pair.text)
                             .arg(pair.background)
                             .arg(ratio)));
    }
  // Disabled text: visibly disabled (unlike active text), still legible.
  const QColor disabled = palette.color(QPalette::Disabled, QPalette::WindowText);
  QVERIFY(disabled != palette.color(QPalette::Active, QPalette::WindowText));
  QVERIFY(contrast(disabled, palette.color(QPalette::Disabled, QPalette::Window)) >= 2.0);
  // The impostor warning's colours too.
  const WarningColors warning = warning_colors(palette);
  QVERIFY(contrast(warning.text, warning.background) >= kReadable);
  QVERIFY(contrast(warning.border, warning.background) >= 3.0);  // the frame stands out
}

void TestTheme::progress_bar_text_is_readable_data() {
  QTest::addColumn<ColorScheme>("scheme");
  QTest::addColumn<int>("percent");  // 0: the text on the empty groove; 100: on the filled bar
  for (ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark})
    for (int percent : {0, 100}) QTest::addRow("%s, %d%%", name_of(scheme), percent) << scheme << percent;
}

// The bar exactly as the delegate draws it, once with its text and once without.
void TestTheme::progress_bar_text_is_readable() {
  QFETCH(ColorScheme, scheme);
  QFETCH(int, percent);
  apply_color_scheme(scheme);
  TransferList list;
  list.resize(800, 200);
  QStyleOptionViewItem cell;
  cell.initFrom(list.viewport());
  cell.rect = QRect(0, 0, 120, 24);
  cell.widget = &list;
  const auto draw = [&](bool text) {
    QStyleOptionProgressBar bar = TransferDelegate::progress_bar(cell, percent);
    bar.textVisible = text;
    QImage image(cell.rect.size(), QImage::Format_RGB32);
    image.fill(list.palette().color(QPalette::Base));
    QPainter painter(&image);
    list.style()->drawControl(QStyle::CE_ProgressBar, &bar, &painter, &list);
    return image;
  };
  const QImage without_text = draw(false);
  const double ratio = text_contrast(draw(true), without_text, cell.rect);
  if (ratio < kReadable) QFAIL(qPrintable(QStringLiteral("progress text contrast %1").arg(ratio)));
  if (percent != 0) return;
  // The empty bar's edge shows on the list (its right half: no bar there yet).
  const QColor base = list.palette().color(QPalette::Base);
  double edge = 0;
  for (int y = 0; y < without_text.height(); ++y)
    for (int x = without_text.width() / 2; x < without_text.width(); ++x)
      edge = std::max(edge, contrast(without_text.pixelColor(x, y), base));
  if (edge < kVisibleEdge) QFAIL(qPrintable(QStringLiteral("empty bar's edge contrast %1").arg(edge)));
}

void TestTheme::speed_text_on_its_graph_is_readable_data() {
  QTest::addColumn<ColorScheme>("scheme");
  QTest::addColumn<bool>("selected");
  for (ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark})
    for (bool selected : {false, true})
      QTest::addRow("%s%s", name_of(scheme), selected ? ", selected" : "") << scheme << selected;
}

// A row whose speed graph fills its cell (every sample the fastest), shown
// in a real view with the delegate, with its speed text and without.
void TestTheme::speed_text_on_its_graph_is_readable() {
  QFETCH(ColorScheme, scheme);
  QFETCH(bool, selected);
  apply_color_scheme(scheme);
  QStandardItemModel model(1, TransferList::ColumnCount);
  QTreeView view;
  view.setModel(&model);
  view.setItemDelegate(new TransferDelegate(&view));
  view.resize(900, 120);
  const QModelIndex speed = model.index(0, TransferList::SpeedColumn);
  model.setData(speed, QVariantList(20, QVariant(100.0)), TransferList::kSpeedHistoryRole);
  if (selected) view.selectionModel()->select(speed, QItemSelectionModel::Select);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  const QRect area = view.visualRect(speed).translated(view.viewport()->pos());
  QVERIFY(area.isValid());
  model.setData(speed, QStringLiteral("118.4 MB/s"), Qt::DisplayRole);
  const QImage with_text = view.grab().toImage();
  model.setData(speed, QString(), Qt::DisplayRole);
  const QImage without = view.grab().toImage();
  const double ratio = text_contrast(with_text, without, area);
  if (ratio < kReadable) QFAIL(qPrintable(QStringLiteral("speed text contrast %1").arg(ratio)));
}

// Shown in light, switched to dark while open: the warning's background and
// text change with the scheme and stay readable.
void TestTheme::impostor_warning_follows_the_scheme() {
  apply_color_scheme(ColorScheme::Light);
  OfferDialog dialog(offer_from_impostor(), std::chrono::seconds(60));
  dialog.setAttribute(Qt::WA_DeleteOnClose, false);
  dialog.show();
  QVERIFY(QTest::qWaitForWindowExposed(&dialog));
  auto* frame = dialog.findChild<WarningFrame*>();
  QVERIFY(frame);
  for (ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark, ColorScheme::Light}) {
    apply_color_scheme(scheme);
    QCoreApplication::processEvents();
    const WarningColors expected = warning_colors(palette_for(scheme));
    const QImage shot = frame->grab().toImage();
    const QColor background = most_common_colour(shot);
    QCOMPARE(background, expected.background);
    // The text: the label's pixels that stand out most from that background.
    const QRect label = dialog.impostor_warning()->geometry();
    double best = 0;
    for (int y = label.top(); y <= label.bottom(); ++y)
      for (int x = label.left(); x <= label.right(); ++x)
        best = std::max(best, contrast(shot.pixelColor(x, y), background));
    if (best < kReadable)
      QFAIL(qPrintable(QStringLiteral("%1: warning text contrast %2").arg(QLatin1String(name_of(scheme))).arg(best)));
  }
}

void TestTheme::settings_hints_are_readable_data() {
  QTest::addColumn<ColorScheme>("scheme");
  QTest::newRow("light") << ColorScheme::Light;
  QTest::newRow("dark") << ColorScheme::Dark;
}

// The settings' hints, in the placeholder colour, on the tab page as the
// style paints it (Fusion's pages are lighter than the window).
void TestTheme::settings_hints_are_readable() {
  QFETCH(ColorScheme, scheme);
  apply_color_scheme(scheme);
  SettingsDialog dialog(default_settings(), {}, QStringLiteral("ab12"));
  dialog.findChild<QTabWidget*>()->setCurrentIndex(2);  // Advanced
  dialog.show();
  QVERIFY(QTest::qWaitForWindowExposed(&dialog));
  const QImage shot = dialog.grab().toImage();
  int hints = 0;
  for (const QLabel* label : dialog.findChildren<QLabel*>()) {
    if (label->foregroundRole() != QPalette::PlaceholderText || !label->isVisible()) continue;
    ++hints;
    const QRect area(label->mapTo(&dialog, QPoint(0, 0)), label->size());
    const QImage part = shot.copy(area);
    const QColor background = most_common_colour(part);
    double best = 0;
    for (int y = 0; y < part.height(); ++y)
      for (int x = 0; x < part.width(); ++x) best = std::max(best, contrast(part.pixelColor(x, y), background));
    if (best < kReadable)
      QFAIL(qPrintable(
          QStringLiteral("hint “%1”: contrast %2 on %3").arg(label->text()).arg(best).arg(background.name())));
  }
  QVERIFY(hints >= 3);
}

void TestTheme::empty_peer_list_text_is_readable_data() { settings_hints_are_readable_data(); }

// The empty peer list paints its own text: how to find or add a peer.
void TestTheme::empty_peer_list_text_is_readable() {
  QFETCH(ColorScheme, scheme);
  apply_color_scheme(scheme);
  PeerList list;
  list.resize(700, 200);
  list.show();
  QVERIFY(QTest::qWaitForWindowExposed(&list));
  const QImage shot = list.viewport()->grab().toImage();
  const QColor background = most_common_colour(shot);
  QCOMPARE(background, list.palette().color(QPalette::Base));
  double best = 0;
  for (int y = 0; y < shot.height(); ++y)
    for (int x = 0; x < shot.width(); ++x) best = std::max(best, contrast(shot.pixelColor(x, y), background));
  if (best < kReadable) QFAIL(qPrintable(QStringLiteral("empty list text contrast %1").arg(best)));
}

QTEST_MAIN(TestTheme)
#include "test_theme.moc"
