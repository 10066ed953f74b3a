// SPDX-License-Identifier: Apache-2.0
#pragma once
// "Can't see your device?": why another Ferry may not appear in the peer
// list and how to check each cause, with this device's addresses and ports
// filled in. The same text as docs/discovery.md section 10.
#include <QDialog>

class QTextBrowser;

namespace ferry::gui {

class ReachabilityHelp : public QDialog {
  Q_OBJECT

 public:
  // `receive_port`: the TCP port this device receives on.
  ReachabilityHelp(quint16 receive_port, QWidget* parent = nullptr);
  QTextBrowser* text() const { return text_; }

 protected:
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  void retranslate();

  quint16 receive_port_;
  QTextBrowser* text_ = nullptr;
};

// The page's HTML: `addresses` are this device's IPv4 addresses.
QString reachability_help_html(const QStringList& addresses, quint16 receive_port);

}  // namespace ferry::gui
