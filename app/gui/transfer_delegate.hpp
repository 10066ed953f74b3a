#pragma once
// Paints the transfer list's progress bars and the small live speed graph
// behind the speed text; every other cell is painted as usual.
#include <QStyledItemDelegate>

namespace ferry::gui {

class TransferDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

 private:
  void paint_progress(QPainter* painter, const QStyleOptionViewItem& option, int percent) const;
  void paint_speed_graph(QPainter* painter, const QStyleOptionViewItem& option, const QVariantList& history) const;
};

}  // namespace ferry::gui
