// SPDX-License-Identifier: Apache-2.0
#pragma once
// The settings panel: direct I/O threshold, strategy override (for diagnosis),
// device name, port, peer discovery, receive folder, consent policy, start
// minimized, appearance (light, dark, as the system), the language, the upload speed limit; on a second tab the pinned
// devices. OK and Apply hand the new settings to the window, which persists them and gives them to the running engine.
#include <QDialog>

#include <vector>

#include "app_settings.hpp"
#include "ferry/core/trust.hpp"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace ferry::gui {

class PinnedDevicesEditor;
class SpeedLimitEditor;
class ThresholdEditor;

class SettingsDialog : public QDialog {
  Q_OBJECT

 public:
  // `fingerprint`: this device's, shown for `ferry-cli trust` on another computer.
  SettingsDialog(const AppSettings& settings, const std::vector<KnownPeer>& pinned_peers, const QString& fingerprint,
                 QWidget* parent = nullptr);

  // `current` with what this panel edits replaced by the panel's values
  // (what it does not edit, such as the peers, stays as it is now).
  AppSettings edited(AppSettings current) const;
  std::vector<KnownPeer> edited_pinned_peers() const;
  ThresholdEditor* threshold_editor() const { return threshold_; }
  PinnedDevicesEditor* pinned_devices_editor() const { return pinned_; }
  QComboBox* appearance_box() const { return appearance_; }
  QComboBox* language_box() const { return language_; }
  QCheckBox* keep_attributes_box() const { return keep_attributes_; }
  SpeedLimitEditor* upload_limit_editor() const { return upload_limit_; }

 signals:
  void applied();  // OK or Apply

 protected:
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();

  ThresholdEditor* threshold_ = nullptr;
  QComboBox* strategy_ = nullptr;
  QLineEdit* device_name_ = nullptr;
  QSpinBox* port_ = nullptr;
  QLineEdit* receive_dir_ = nullptr;
  QComboBox* consent_ = nullptr;
  PinnedDevicesEditor* pinned_ = nullptr;
  QCheckBox* start_minimized_ = nullptr;
  QCheckBox* discovery_ = nullptr;
  QCheckBox* keep_attributes_ = nullptr;
  QComboBox* appearance_ = nullptr;
  QComboBox* language_ = nullptr;
  SpeedLimitEditor* upload_limit_ = nullptr;
  // Named by retranslate():
  QLineEdit* fingerprint_ = nullptr;
  QPushButton* copy_ = nullptr;
  QPushButton* browse_ = nullptr;
  QGroupBox* device_box_ = nullptr;
  QGroupBox* receive_box_ = nullptr;
  QGroupBox* send_box_ = nullptr;
  QGroupBox* look_box_ = nullptr;
  QLabel* device_name_label_ = nullptr;
  QLabel* fingerprint_label_ = nullptr;
  QLabel* folder_label_ = nullptr;
  QLabel* consent_label_ = nullptr;
  QLabel* upload_hint_ = nullptr;
  QLabel* appearance_label_ = nullptr;
  QLabel* language_label_ = nullptr;
  QLabel* threshold_label_ = nullptr;
  QLabel* threshold_hint_ = nullptr;
  QLabel* strategy_label_ = nullptr;
  QLabel* strategy_hint_ = nullptr;
  QLabel* port_label_ = nullptr;
  QLabel* port_hint_ = nullptr;
  QTabWidget* tabs_ = nullptr;
};

}  // namespace ferry::gui
