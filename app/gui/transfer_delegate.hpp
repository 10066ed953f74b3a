// SPDX-License-Identifier: Apache-2.0
#pragma once
// Paints the transfer list's progress bars and the small live speed graph
// behind the speed text; every other cell is painted as usual. Every colour
// comes from the view's palette, so light and dark both read well.
#include <QStyleOptionProgressBar>
#include <QStyledItemDelegate>

namespace ferry::gui {

class TransferDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  // The progress bar drawn in a cell: the style draws it, text and all.
  static QStyleOptionProgressBar progress_bar(const QStyleOptionViewItem& option, int percent);
  // The speed graph's fill: the palette's highlight, faint enough that the
  // speed text on it keeps its contrast.
  static QColor speed_graph_fill(const QPalette& palette);

 private:
  void paint_progress(QPainter* painter, const QStyleOptionViewItem& option, int percent) const;
  void paint_speed_graph(QPainter* painter, const QStyleOptionViewItem& option, const QVariantList& history) const;
};

}  // namespace ferry::gui
