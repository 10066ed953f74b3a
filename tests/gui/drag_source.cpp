// SPDX-License-Identifier: Apache-2.0
// ferry-drag-source PATH...: a window that starts a real drag of PATH... (as
// text/uri-list, like a file manager) when the mouse is pressed on it, for the
// end-to-end GUI tests to drop onto Ferry with xdotool. Prints how the drop
// ended: "dropped" (copy or move accepted) or "ignored".
#include <QApplication>
#include <QDrag>
#include <QLabel>
#include <QMimeData>
#include <QMouseEvent>
#include <QUrl>

#include <cstdio>

namespace {

class DragSource : public QLabel {
 public:
  explicit DragSource(QList<QUrl> urls) : QLabel(QStringLiteral("Drag me")), urls_(std::move(urls)) {
    setWindowTitle(QStringLiteral("Drag source"));
    setAlignment(Qt::AlignCenter);
    resize(200, 120);
  }

 protected:
  void mousePressEvent(QMouseEvent* event) override {
    if (event->button() != Qt::LeftButton) return;
    auto* drag = new QDrag(this);
    auto* data = new QMimeData;
    data->setUrls(urls_);
    drag->setMimeData(data);
    const Qt::DropAction action = drag->exec(Qt::CopyAction | Qt::MoveAction, Qt::CopyAction);
    std::printf("%s\n", action == Qt::IgnoreAction ? "ignored" : "dropped");
    std::fflush(stdout);
  }

 private:
  QList<QUrl> urls_;
};

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QList<QUrl> urls;
  for (const QString& path : QApplication::arguments().mid(1)) urls.append(QUrl::fromLocalFile(path));
  DragSource source(urls);
  source.move(0, 0);
  source.show();
  return QApplication::exec();
}
