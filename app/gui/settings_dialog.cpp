// SPDX-License-Identifier: Apache-2.0
#include "settings_dialog.hpp"

#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QLabel>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "app_language.hpp"
#include "pinned_devices_editor.hpp"
#include "speed_limit_editor.hpp"
#include "threshold_editor.hpp"

namespace ferry::gui {

namespace {

// Combo box rows, in this order: auto, zero-copy, direct, buffered.
int strategy_row(const std::optional<Strategy>& strategy) {
  if (!strategy) return 0;
  return 1 + static_cast<int>(*strategy);
}

std::optional<Strategy> strategy_at(int row) {
  if (row <= 0) return std::nullopt;
  return static_cast<Strategy>(row - 1);
}

// One line under a setting on what it does.
QLabel* hint() {
  auto* label = new QLabel;
  label->setWordWrap(true);
  label->setForegroundRole(QPalette::PlaceholderText);
  return label;
}

// A form's label for `buddy`, which it focuses with its access key.
QLabel* label_for(QWidget* buddy) {
  auto* label = new QLabel;
  label->setBuddy(buddy);
  return label;
}

// `count` empty rows (named by retranslate()), the one of `current` chosen.
void add_rows(QComboBox* box, int count, int current) {
  for (int row = 0; row < count; ++row) box->addItem(QString());
  box->setCurrentIndex(current);
}

}  // namespace

SettingsDialog::SettingsDialog(const AppSettings& settings, const std::vector<KnownPeer>& pinned_peers,
                               const QString& fingerprint, QWidget* parent)
    : QDialog(parent) {
  // General: who this device is, where files land, who may send without asking.
  device_name_ = new QLineEdit(settings.device_name);
  fingerprint_ = new QLineEdit(fingerprint);
  fingerprint_->setReadOnly(true);
  copy_ = new QPushButton;
  connect(copy_, &QPushButton::clicked, this, [fingerprint] { QGuiApplication::clipboard()->setText(fingerprint); });
  auto* fingerprint_row = new QHBoxLayout;
  fingerprint_row->addWidget(fingerprint_, 1);
  fingerprint_row->addWidget(copy_);
  discovery_ = new QCheckBox;
  discovery_->setChecked(settings.discovery);
  device_box_ = new QGroupBox;
  auto* device_form = new QFormLayout(device_box_);
  device_name_label_ = label_for(device_name_);
  device_form->addRow(device_name_label_, device_name_);
  fingerprint_label_ = label_for(fingerprint_);
  device_form->addRow(fingerprint_label_, fingerprint_row);
  device_form->addRow(QString(), discovery_);

  receive_dir_ = new QLineEdit(settings.receive_dir);
  browse_ = new QPushButton;
  connect(browse_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Receive folder"), receive_dir_->text());
    if (!dir.isEmpty()) receive_dir_->setText(dir);
  });
  auto* folder_row = new QHBoxLayout;
  folder_row->addWidget(receive_dir_, 1);
  folder_row->addWidget(browse_);
  consent_ = new QComboBox;
  add_rows(consent_, 3, static_cast<int>(settings.consent));
  receive_box_ = new QGroupBox;
  auto* receive_form = new QFormLayout(receive_box_);
  folder_label_ = label_for(receive_dir_);  // a row of widgets: the label needs its buddy
  receive_form->addRow(folder_label_, folder_row);
  consent_label_ = label_for(consent_);
  receive_form->addRow(consent_label_, consent_);
  keep_attributes_ = new QCheckBox;
  keep_attributes_->setChecked(settings.keep_attributes);
  receive_form->addRow(QString(), keep_attributes_);

  upload_limit_ = new SpeedLimitEditor;
  upload_limit_->set_limit(settings.upload_limit);
  send_box_ = new QGroupBox;
  auto* send_layout = new QVBoxLayout(send_box_);
  send_layout->addWidget(upload_limit_);
  upload_hint_ = hint();
  send_layout->addWidget(upload_hint_);

  start_minimized_ = new QCheckBox;
  start_minimized_->setChecked(settings.start_minimized);

  // Rows in the order of Appearance: system, light, dark.
  appearance_ = new QComboBox;
  add_rows(appearance_, 3, static_cast<int>(settings.appearance));
  language_ = new QComboBox;
  for (const LanguageChoice& choice : language_choices()) language_->addItem(choice.name, choice.code);
  language_->setCurrentIndex(std::max(0, language_->findData(settings.language)));
  look_box_ = new QGroupBox;
  auto* look_form = new QFormLayout(look_box_);
  appearance_label_ = label_for(appearance_);
  look_form->addRow(appearance_label_, appearance_);
  language_label_ = label_for(language_);
  look_form->addRow(language_label_, language_);

  auto* general = new QWidget;
  auto* general_layout = new QVBoxLayout(general);
  general_layout->addWidget(device_box_);
  general_layout->addWidget(receive_box_);
  general_layout->addWidget(send_box_);
  general_layout->addWidget(look_box_);
  general_layout->addWidget(start_minimized_);
  general_layout->addStretch(1);

  // Advanced: how bytes move, and the port.
  threshold_ = new ThresholdEditor;
  threshold_->set_threshold(settings.direct_threshold);
  strategy_ = new QComboBox;
  add_rows(strategy_, 4, strategy_row(settings.forced_strategy));
  port_ = new QSpinBox;
  port_->setRange(0, 65535);
  port_->setValue(settings.port);
  auto* advanced = new QWidget;
  auto* advanced_form = new QFormLayout(advanced);
  threshold_label_ = label_for(threshold_);
  advanced_form->addRow(threshold_label_, threshold_);
  threshold_hint_ = hint();
  advanced_form->addRow(QString(), threshold_hint_);
  strategy_label_ = label_for(strategy_);
  advanced_form->addRow(strategy_label_, strategy_);
  strategy_hint_ = hint();
  advanced_form->addRow(QString(), strategy_hint_);
  port_label_ = label_for(port_);
  advanced_form->addRow(port_label_, port_);
  port_hint_ = hint();
  advanced_form->addRow(QString(), port_hint_);

  pinned_ = new PinnedDevicesEditor(pinned_peers);
  tabs_ = new QTabWidget;
  tabs_->addTab(general, QString());
  tabs_->addTab(pinned_, QString());
  tabs_->addTab(advanced, QString());

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    emit applied();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, [this] { emit applied(); });

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(tabs_);
  layout->addWidget(buttons);
  setMinimumWidth(560);
  retranslate();
  device_name_->setFocus();
}

void SettingsDialog::retranslate() {
  setWindowTitle(tr("Ferry Settings"));
  device_box_->setTitle(tr("This device"));
  device_name_label_->setText(tr("Device &name:"));
  device_name_->setAccessibleName(tr("Device name"));
  fingerprint_label_->setText(tr("&Fingerprint:"));
  fingerprint_->setAccessibleName(tr("Fingerprint"));
  fingerprint_->setToolTip(tr("What another computer needs to pin this one: ferry-cli trust FINGERPRINT"));
  copy_->setText(tr("C&opy"));
  copy_->setAccessibleName(tr("Copy the fingerprint"));
  discovery_->setText(tr("&Discover peers on the local network and announce this device"));

  receive_box_->setTitle(tr("Receiving"));
  folder_label_->setText(tr("&Receive folder:"));
  receive_dir_->setAccessibleName(tr("Receive folder"));
  browse_->setText(tr("&Browse…"));
  consent_label_->setText(tr("&Who may send without asking:"));
  consent_->setItemText(0, tr("Nobody: ask every time, even pinned devices"));
  consent_->setItemText(1, tr("Pinned devices set to accept without asking"));
  consent_->setItemText(2, tr("Everybody (not recommended)"));
  consent_->setToolTip(
      tr("A device that uses the name of a pinned device with another identity is "
         "always asked about."));
  keep_attributes_->setText(tr("&Keep the executable bit and read-only flag of received files"));
  keep_attributes_->setToolTip(tr("Where both systems have them. Modification times are always kept."));

  send_box_->setTitle(tr("Sending"));
  upload_limit_->check_box()->setText(tr("Limit &upload speed to"));
  upload_limit_->check_box()->setAccessibleName(tr("Limit upload speed"));
  upload_hint_->setText(
      tr("All transfers together, for a slow or shared link; applies at once. "
         "One transfer's own limit: Limit Speed… in its menu."));

  look_box_->setTitle(tr("Appearance"));
  appearance_label_->setText(tr("&Theme:"));
  appearance_->setItemText(0, tr("System"));
  appearance_->setItemText(1, tr("Light"));
  appearance_->setItemText(2, tr("Dark"));
  appearance_->setToolTip(tr("System: light or dark as the desktop is set."));
  language_label_->setText(tr("&Language:"));
  language_->setItemText(0, language_choices().constFirst().name);  // the others are named in their own language
  start_minimized_->setText(tr("Start &minimized to the tray"));

  threshold_label_->setText(tr("Direct I/O &threshold:"));
  threshold_hint_->setText(
      tr("Files this big or bigger bypass the page cache, so one large "
         "transfer does not push out what other programs keep there."));
  strategy_label_->setText(tr("&Strategy:"));
  strategy_->setItemText(0, tr("Automatic (by size)"));
  strategy_->setItemText(1, tr("Always zero-copy"));
  strategy_->setItemText(2, tr("Always direct I/O"));
  strategy_->setItemText(3, tr("Always buffered"));
  strategy_hint_->setText(tr("For diagnosis: move every file the same way, whatever its size."));
  port_label_->setText(tr("&Port:"));
  port_->setSpecialValueText(tr("Any free port"));
  port_hint_->setText(tr("Where this device listens for offers (53740 unless you change it)."));

  tabs_->setTabText(0, tr("&General"));
  tabs_->setTabText(1, tr("P&inned devices"));
  tabs_->setTabText(2, tr("&Advanced"));
}

void SettingsDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

AppSettings SettingsDialog::edited(AppSettings settings) const {
  settings.direct_threshold = threshold_->threshold();
  settings.forced_strategy = strategy_at(strategy_->currentIndex());
  settings.device_name = device_name_->text().trimmed();
  settings.port = static_cast<quint16>(port_->value());
  settings.receive_dir = receive_dir_->text().trimmed();
  settings.consent = static_cast<Consent>(consent_->currentIndex());
  settings.start_minimized = start_minimized_->isChecked();
  settings.discovery = discovery_->isChecked();
  settings.appearance = static_cast<Appearance>(appearance_->currentIndex());
  settings.language = language_->currentData().toString();
  settings.upload_limit = upload_limit_->limit();
  settings.keep_attributes = keep_attributes_->isChecked();
  return settings;
}

std::vector<KnownPeer> SettingsDialog::edited_pinned_peers() const { return pinned_->peers(); }

}  // namespace ferry::gui
