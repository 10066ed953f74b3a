#include "settings_dialog.hpp"

#include <QCheckBox>
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

#include "pinned_devices_editor.hpp"
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

}  // namespace

SettingsDialog::SettingsDialog(const AppSettings& settings, const std::vector<KnownPeer>& pinned_peers,
                               QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Ferry Settings"));

  threshold_ = new ThresholdEditor;
  threshold_->set_threshold(settings.direct_threshold);
  strategy_ = new QComboBox;
  strategy_->addItems({tr("Automatic (by size)"), tr("Always zero-copy"), tr("Always direct I/O"),
                       tr("Always buffered")});
  strategy_->setCurrentIndex(strategy_row(settings.forced_strategy));
  strategy_->setToolTip(tr("For diagnosis: move every file the same way, whatever its size."));
  auto* transfer_box = new QGroupBox(tr("Transfers"));
  auto* transfer_form = new QFormLayout(transfer_box);
  transfer_form->addRow(tr("Direct I/O &threshold:"), threshold_);
  transfer_form->addRow(tr("&Strategy:"), strategy_);

  device_name_ = new QLineEdit(settings.device_name);
  port_ = new QSpinBox;
  port_->setRange(0, 65535);
  port_->setSpecialValueText(tr("Any free port"));
  port_->setValue(settings.port);
  auto* device_box = new QGroupBox(tr("This device"));
  auto* device_form = new QFormLayout(device_box);
  device_form->addRow(tr("Device &name:"), device_name_);
  device_form->addRow(tr("&Port:"), port_);
  discovery_ = new QCheckBox(tr("&Discover peers on the local network and announce this device"));
  discovery_->setChecked(settings.discovery);
  device_form->addRow(QString(), discovery_);

  receive_dir_ = new QLineEdit(settings.receive_dir);
  auto* browse = new QPushButton(tr("&Browse…"));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Receive folder"), receive_dir_->text());
    if (!dir.isEmpty()) receive_dir_->setText(dir);
  });
  auto* folder_row = new QHBoxLayout;
  folder_row->addWidget(receive_dir_, 1);
  folder_row->addWidget(browse);
  consent_ = new QComboBox;
  consent_->addItems({tr("Ask every time, even pinned devices"),
                      tr("Ask, except pinned devices that accept without asking"),
                      tr("Accept everything (not recommended)")});
  consent_->setCurrentIndex(static_cast<int>(settings.consent));
  consent_->setToolTip(tr("A device that uses the name of a pinned device with another identity is "
                          "always asked about."));
  auto* receive_box = new QGroupBox(tr("Receiving"));
  auto* receive_form = new QFormLayout(receive_box);
  receive_form->addRow(tr("Receive &folder:"), folder_row);
  receive_form->addRow(tr("&Consent:"), consent_);

  start_minimized_ = new QCheckBox(tr("Start &minimized to the tray"));
  start_minimized_->setChecked(settings.start_minimized);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply |
                                       QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    emit applied();
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
          [this] { emit applied(); });

  auto* general = new QWidget;
  auto* general_layout = new QVBoxLayout(general);
  general_layout->addWidget(transfer_box);
  general_layout->addWidget(device_box);
  general_layout->addWidget(receive_box);
  general_layout->addWidget(start_minimized_);
  general_layout->addStretch(1);
  pinned_ = new PinnedDevicesEditor(pinned_peers);
  auto* tabs = new QTabWidget;
  tabs->addTab(general, tr("&General"));
  tabs->addTab(pinned_, tr("&Pinned devices"));

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(tabs);
  layout->addWidget(buttons);
  setMinimumWidth(560);
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
  return settings;
}

std::vector<KnownPeer> SettingsDialog::edited_pinned_peers() const { return pinned_->peers(); }

}  // namespace ferry::gui
