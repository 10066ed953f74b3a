// SPDX-License-Identifier: Apache-2.0
#pragma once
// Asks the user about one incoming offer: who sends (name, address,
// verification code, whether that device is pinned), whether the transfer
// would be encrypted, the sender's message (with Copy), and what is offered
// as a tree to tick: the receiver may take a part of it, and save it into
// another folder (Save to…). Accept or Decline;
// "Always accept from this device"; unanswered, it declines itself when the
// time runs out. A sender that uses a pinned device's name with another
// identity gets a warning, and Decline is then the default button.
#include <QDialog>
#include <QTimer>

#include <chrono>
#include <filesystem>
#include <optional>

#include "ferry/core/events.hpp"
#include "ferry/core/offer_space.hpp"
#include "ferry/core/settings.hpp"
#include "ferry/core/transfer_engine.hpp"

Q_DECLARE_METATYPE(ferry::OfferAnswer)

class QCheckBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeView;

namespace ferry::gui {

class OfferTreeModel;

class OfferDialog : public QDialog {
  Q_OBJECT

 public:
  static constexpr std::chrono::seconds kDefaultTimeout{120};

  // `settings`: the engine's, which say where a transfer may be saved.
  OfferDialog(const OfferReceived& offer, std::chrono::seconds timeout, QWidget* parent = nullptr,
              EngineSettings settings = {});

  TransferId id() const { return id_; }
  QPushButton* accept_button() const { return accept_; }
  QPushButton* decline_button() const { return decline_; }
  QCheckBox* always_accept_box() const { return always_; }
  // Null for an offer of text only.
  QTreeView* tree() const { return tree_; }
  // Null when the offer has no text.
  QPlainTextEdit* text_box() const { return text_; }
  QPushButton* copy_button() const { return copy_; }
  QPushButton* save_to_button() const { return save_to_; }
  // What the totals say of the selection, e.g. "Receive 3 of 10 files, 1.2 GiB".
  QLabel* selection_label() const { return selection_; }
  // Why the chosen folder cannot be used; hidden when it can.
  QLabel* folder_refusal() const { return refusal_; }
  // The folder's free space, or by how much the selection does not fit in
  // it (Accept is then disabled); hidden when the free space is unknown.
  QLabel* space_label() const { return space_; }
  // Takes `folder` for this transfer when the engine may save there, else
  // says why not and keeps the one before. Save to… asks for it.
  bool choose_folder(const QString& folder);
  // The impostor warning, when the sender's identity Changed; else null.
  QLabel* impostor_warning() const { return warning_; }
  // The sender gave up before an answer: closes without answering.
  void withdraw();

 signals:
  // Sent once: the answer, and whether to accept this device from now on.
  void answered(ferry::TransferId id, const ferry::OfferAnswer& answer, bool always_accept);
  // Sent instead when nobody answered in time: the offer is declined, but
  // not by the user.
  void timed_out(ferry::TransferId id);

 public slots:
  void reject() override;

 protected:
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();
  QString sender_name() const;
  QWidget* impostor_warning_box();
  QWidget* text_box(const QString& text);
  QWidget* tree_box(const OfferReceived& offer);
  QWidget* folder_row();
  void ask_folder();
  void show_folder();
  void show_selection();
  bool show_space();
  void answer(bool accept);
  void tick();
  void show_time_left();

  TransferId id_;
  OfferReceived offer_;
  bool answered_ = false;
  int seconds_left_ = 0;
  QTimer countdown_;
  QLabel* timeout_label_ = nullptr;
  QPushButton* accept_ = nullptr;
  QPushButton* decline_ = nullptr;
  QCheckBox* always_ = nullptr;
  QLabel* warning_ = nullptr;
  EngineSettings settings_;
  std::filesystem::path folder_;  // empty: the receive folder
  // A folder chosen: its free bytes (the receive folder's come with offer_).
  std::optional<std::uint64_t> chosen_free_;
  OfferTreeModel* model_ = nullptr;
  QTreeView* tree_ = nullptr;
  QPlainTextEdit* text_ = nullptr;
  QPushButton* copy_ = nullptr;
  QPushButton* save_to_ = nullptr;
  QLabel* selection_ = nullptr;
  QLabel* folder_label_ = nullptr;
  QLabel* refusal_ = nullptr;
  // Named by retranslate():
  QFormLayout* form_ = nullptr;  // sender, address, code, trust, mode, renamed names
  QLabel* trust_ = nullptr;
  QLabel* mode_ = nullptr;
  QLabel* renamed_ = nullptr;  // null when no name was changed
  QLabel* message_title_ = nullptr;
  QLabel* files_title_ = nullptr;
  QLabel* space_ = nullptr;
};

}  // namespace ferry::gui
