#pragma once
// The settings panel: direct I/O threshold, strategy override (for diagnosis),
// device name, port, peer discovery, receive folder, consent policy with the
// trusted devices, start minimized. OK and Apply hand the new settings to the window, which
// persists them and gives them to the running engine.
#include <QDialog>

#include "app_settings.hpp"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace ferry::gui {

class ThresholdEditor;

class SettingsDialog : public QDialog {
  Q_OBJECT

 public:
  SettingsDialog(const AppSettings& settings, QWidget* parent = nullptr);

  // `current` with what this panel edits replaced by the panel's values
  // (what it does not edit, such as the peers, stays as it is now).
  AppSettings edited(AppSettings current) const;
  ThresholdEditor* threshold_editor() const { return threshold_; }

 signals:
  void applied();  // OK or Apply

 private:
  ThresholdEditor* threshold_ = nullptr;
  QComboBox* strategy_ = nullptr;
  QLineEdit* device_name_ = nullptr;
  QSpinBox* port_ = nullptr;
  QLineEdit* receive_dir_ = nullptr;
  QComboBox* consent_ = nullptr;
  QListWidget* trusted_ = nullptr;
  QCheckBox* start_minimized_ = nullptr;
  QCheckBox* discovery_ = nullptr;
};

}  // namespace ferry::gui
