// SPDX-License-Identifier: Apache-2.0
#pragma once
// "Limit Speed…" for one transfer being sent: its own upload limit, applied
// at once while it runs. The limit in Settings (all transfers together)
// applies as well; the lower one wins.
#include <QDialog>

#include <cstdint>

class QLabel;

namespace ferry::gui {

class SpeedLimitEditor;

class SpeedLimitDialog : public QDialog {
  Q_OBJECT

 public:
  // `peer`: whom the transfer goes to; `current`: its limit now (0: none);
  // `shared`: the limit of all transfers together (0: none).
  SpeedLimitDialog(const QString& peer, std::uint64_t current, std::uint64_t shared, QWidget* parent = nullptr);

  std::uint64_t limit() const;
  SpeedLimitEditor* editor() const { return editor_; }

 protected:
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();

  QString peer_;
  std::uint64_t shared_ = 0;
  QLabel* about_ = nullptr;
  QLabel* together_ = nullptr;
  SpeedLimitEditor* editor_ = nullptr;
};

}  // namespace ferry::gui
