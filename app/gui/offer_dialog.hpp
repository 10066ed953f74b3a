// SPDX-License-Identifier: Apache-2.0
#pragma once
// Asks the user about one incoming offer: who sends (name, address,
// verification code, whether that device is pinned), whether the transfer
// would be encrypted, how many files, how big, which ones. Accept or Decline;
// "Always accept from this device"; unanswered, it declines itself when the
// time runs out. A sender that uses a pinned device's name with another
// identity gets a warning, and Decline is then the default button.
#include <QDialog>
#include <QTimer>

#include <chrono>

#include "ferry/core/events.hpp"

class QCheckBox;
class QLabel;
class QPushButton;

namespace ferry::gui {

class OfferDialog : public QDialog {
  Q_OBJECT

 public:
  static constexpr std::chrono::seconds kDefaultTimeout{120};

  OfferDialog(const OfferReceived& offer, std::chrono::seconds timeout, QWidget* parent = nullptr);

  TransferId id() const { return id_; }
  QPushButton* accept_button() const { return accept_; }
  QPushButton* decline_button() const { return decline_; }
  QCheckBox* always_accept_box() const { return always_; }
  // The impostor warning, when the sender's identity Changed; else null.
  QLabel* impostor_warning() const { return warning_; }
  // The sender gave up before an answer: closes without answering.
  void withdraw();

 signals:
  // Sent once: the answer, and whether to accept this device from now on.
  void answered(ferry::TransferId id, bool accept, bool always_accept);
  // Sent instead when nobody answered in time: the offer is declined, but
  // not by the user.
  void timed_out(ferry::TransferId id);

 public slots:
  void reject() override;

 private:
  QWidget* impostor_warning_box(const QString& name);
  void answer(bool accept);
  void tick();
  void show_time_left();

  TransferId id_;
  bool answered_ = false;
  int seconds_left_ = 0;
  QTimer countdown_;
  QLabel* timeout_label_ = nullptr;
  QPushButton* accept_ = nullptr;
  QPushButton* decline_ = nullptr;
  QCheckBox* always_ = nullptr;
  QLabel* warning_ = nullptr;
};

}  // namespace ferry::gui
