// SPDX-License-Identifier: Apache-2.0
#pragma once
// "Send text…": a small editor for a message to one or more peers, filled
// with what the clipboard holds. It counts the text's UTF-8 bytes against
// the most an offer may carry and sends only a text within it.
#include <QDialog>
#include <QString>

#include "ferry/core/offer_text.hpp"

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace ferry::gui {

class SendTextDialog : public QDialog {
  Q_OBJECT

 public:
  // The engine refuses a longer text.
  static constexpr qsizetype kMaxBytes = static_cast<qsizetype>(kMaxOfferTextBytes);

  // `whom`: the peer's name, or how many peers.
  explicit SendTextDialog(const QString& whom, QWidget* parent = nullptr);

  QString text() const;
  QPlainTextEdit* editor() const { return editor_; }
  QPushButton* send_button() const { return send_; }
  QLabel* size_label() const { return size_; }

 protected:
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();
  void show_size();

  QString whom_;
  QLabel* prompt_ = nullptr;
  QPlainTextEdit* editor_ = nullptr;
  QLabel* size_ = nullptr;
  QPushButton* send_ = nullptr;
};

}  // namespace ferry::gui
