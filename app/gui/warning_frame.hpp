// SPDX-License-Identifier: Apache-2.0
#pragma once
// A framed warning (the offer dialog's impostor warning): a red border
// around a tinted background, its labels in a readable colour, in light and
// dark alike; restyled when the application's palette changes (its style
// sheet keeps it from following the palette by itself).
#include <QFrame>

namespace ferry::gui {

class WarningFrame : public QFrame {
 public:
  explicit WarningFrame(QWidget* parent = nullptr);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void restyle();
};

}  // namespace ferry::gui
