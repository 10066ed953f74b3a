// SPDX-License-Identifier: Apache-2.0
#include "settings_dialog.hpp"

#include <QCheckBox>
#include <QClipboard>
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
QLabel* hint(const QString& text) {
  auto* label = new QLabel(text);
  label->setWordWrap(true);
  label->setForegroundRole(QPalette::PlaceholderText);
  return label;
}

}  // namespace

SettingsDialog::SettingsDialog(const AppSettings& settings, const std::vector<KnownPeer>& pinned_peers,
                               const QString& fingerprint, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Ferry Settings"));

  // General: who this device is, where files land, who may send without asking.
  device_name_ = new QLineEdit(settings.device_name);
  device_name_->setAccessibleName(tr("Device name"));
  auto* fingerprint_field = new QLineEdit(fingerprint);
  fingerprint_field->setReadOnly(true);
  fingerprint_field->setAccessibleName(tr("Fingerprint"));
  fingerprint_field->setToolTip(tr("What another computer needs to pin this one: ferry-cli trust FINGERPRINT"));
  auto* copy = new QPushButton(tr("C&opy"));
  copy->setAccessibleName(tr("Copy the fingerprint"));
  connect(copy, &QPushButton::clicked, this, [fingerprint] { QGuiApplication::clipboard()->setText(fingerprint); });
  auto* fingerprint_row = new QHBoxLayout;
  fingerprint_row->addWidget(fingerprint_field, 1);
  fingerprint_row->addWidget(copy);
  discovery_ = new QCheckBox(tr("&Discover peers on the local network and announce this device"));
  discovery_->setChecked(settings.discovery);
  auto* device_box = new QGroupBox(tr("This device"));
  auto* device_form = new QFormLayout(device_box);
  device_form->addRow(tr("Device &name:"), device_name_);
  auto* fingerprint_label = new QLabel(tr("&Fingerprint:"));
  fingerprint_label->setBuddy(fingerprint_field);
  device_form->addRow(fingerprint_label, fingerprint_row);
  device_form->addRow(QString(), discovery_);

  receive_dir_ = new QLineEdit(settings.receive_dir);
  receive_dir_->setAccessibleName(tr("Receive folder"));
  auto* browse = new QPushButton(tr("&Browse…"));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Receive folder"), receive_dir_->text());
    if (!dir.isEmpty()) receive_dir_->setText(dir);
  });
  auto* folder_row = new QHBoxLayout;
  folder_row->addWidget(receive_dir_, 1);
  folder_row->addWidget(browse);
  consent_ = new QComboBox;
  consent_->addItems({tr("Nobody: ask every time, even pinned devices"),
                      tr("Pinned devices set to accept without asking"), tr("Everybody (not recommended)")});
  consent_->setCurrentIndex(static_cast<int>(settings.consent));
  consent_->setToolTip(
      tr("A device that uses the name of a pinned device with another identity is "
         "always asked about."));
  auto* receive_box = new QGroupBox(tr("Receiving"));
  auto* receive_form = new QFormLayout(receive_box);
  auto* folder_label = new QLabel(tr("&Receive folder:"));  // a row of widgets: the label needs its buddy
  folder_label->setBuddy(receive_dir_);
  receive_form->addRow(folder_label, folder_row);
  receive_form->addRow(tr("&Who may send without asking:"), consent_);
  keep_attributes_ = new QCheckBox(tr("&Keep the executable bit and read-only flag of received files"));
  keep_attributes_->setChecked(settings.keep_attributes);
  keep_attributes_->setToolTip(tr("Where both systems have them. Modification times are always kept."));
  receive_form->addRow(QString(), keep_attributes_);

  upload_limit_ = new SpeedLimitEditor(tr("Limit &upload speed to"));
  upload_limit_->set_limit(settings.upload_limit);
  upload_limit_->check_box()->setAccessibleName(tr("Limit upload speed"));
  auto* send_box = new QGroupBox(tr("Sending"));
  auto* send_layout = new QVBoxLayout(send_box);
  send_layout->addWidget(upload_limit_);
  send_layout->addWidget(
      hint(tr("All transfers together, for a slow or shared link; applies at once. "
              "One transfer's own limit: Limit Speed… in its menu.")));

  start_minimized_ = new QCheckBox(tr("Start &minimized to the tray"));
  start_minimized_->setChecked(settings.start_minimized);

  // Rows in the order of Appearance: system, light, dark.
  appearance_ = new QComboBox;
  appearance_->addItems({tr("System"), tr("Light"), tr("Dark")});
  appearance_->setCurrentIndex(static_cast<int>(settings.appearance));
  appearance_->setToolTip(tr("System: light or dark as the desktop is set."));
  language_ = new QComboBox;
  for (const LanguageChoice& choice : language_choices()) language_->addItem(choice.name, choice.code);
  language_->setCurrentIndex(std::max(0, language_->findData(settings.language)));
  auto* look_box = new QGroupBox(tr("Appearance"));
  auto* look_form = new QFormLayout(look_box);
  look_form->addRow(tr("&Theme:"), appearance_);
  look_form->addRow(tr("&Language:"), language_);
  look_form->addRow(QString(), hint(tr("A new language takes effect when Ferry restarts.")));

  auto* general = new QWidget;
  auto* general_layout = new QVBoxLayout(general);
  general_layout->addWidget(device_box);
  general_layout->addWidget(receive_box);
  general_layout->addWidget(send_box);
  general_layout->addWidget(look_box);
  general_layout->addWidget(start_minimized_);
  general_layout->addStretch(1);

  // Advanced: how bytes move, and the port.
  threshold_ = new ThresholdEditor;
  threshold_->set_threshold(settings.direct_threshold);
  strategy_ = new QComboBox;
  strategy_->addItems(
      {tr("Automatic (by size)"), tr("Always zero-copy"), tr("Always direct I/O"), tr("Always buffered")});
  strategy_->setCurrentIndex(strategy_row(settings.forced_strategy));
  port_ = new QSpinBox;
  port_->setRange(0, 65535);
  port_->setSpecialValueText(tr("Any free port"));
  port_->setValue(settings.port);
  auto* advanced = new QWidget;
  auto* advanced_form = new QFormLayout(advanced);
  advanced_form->addRow(tr("Direct I/O &threshold:"), threshold_);
  advanced_form->addRow(QString(), hint(tr("Files this big or bigger bypass the page cache, so one large "
                                           "transfer does not push out what other programs keep there.")));
  advanced_form->addRow(tr("&Strategy:"), strategy_);
  advanced_form->addRow(QString(), hint(tr("For diagnosis: move every file the same way, whatever its size.")));
  advanced_form->addRow(tr("&Port:"), port_);
  advanced_form->addRow(QString(), hint(tr("Where this device listens for offers (53740 unless you change it).")));

  pinned_ = new PinnedDevicesEditor(pinned_peers);
  auto* tabs = new QTabWidget;
  tabs->addTab(general, tr("&General"));
  tabs->addTab(pinned_, tr("P&inned devices"));
  tabs->addTab(advanced, tr("&Advanced"));

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    emit applied();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, [this] { emit applied(); });

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(tabs);
  layout->addWidget(buttons);
  setMinimumWidth(560);
  device_name_->setFocus();
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
