// SPDX-License-Identifier: Apache-2.0
#include "transfer_delegate.hpp"

#include <QLocale>
#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionProgressBar>

#include <algorithm>

#include "theme.hpp"
#include "transfer_list.hpp"

namespace ferry::gui {

void TransferDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  if (index.column() == TransferList::ProgressColumn) {
    const QVariant percent = index.data(TransferList::kPercentRole);
    QStyledItemDelegate::paint(painter, option, index);  // selection background
    if (percent.isValid()) paint_progress(painter, option, percent.toInt());
    return;
  }
  if (index.column() == TransferList::SpeedColumn) {
    QStyleOptionViewItem background = option;
    background.text.clear();
    QStyledItemDelegate::paint(painter, background, index);
    const QVariantList history = index.data(TransferList::kSpeedHistoryRole).toList();
    if (history.size() > 1) paint_speed_graph(painter, option, history);
    QStyledItemDelegate::paint(painter, option, index);
    return;
  }
  QStyledItemDelegate::paint(painter, option, index);
}

QStyleOptionProgressBar TransferDelegate::progress_bar(const QStyleOptionViewItem& option, int percent) {
  QStyleOptionProgressBar bar;
  bar.rect = option.rect.adjusted(2, 2, -2, -2);
  bar.minimum = 0;
  bar.maximum = 100;
  bar.progress = std::clamp(percent, 0, 100);
  bar.text = QCoreApplication::translate("ferry", "%1%", "a percentage").arg(QLocale().toString(bar.progress));
  bar.textVisible = true;
  bar.state = option.state | QStyle::State_Horizontal;
  bar.direction = option.direction;
  bar.fontMetrics = option.fontMetrics;
  bar.palette = option.palette;
  // Fusion outlines the groove in the window colour darkened, which vanishes
  // on a dark list; a dark palette's placeholder grey makes it show.
  if (is_dark(option.palette)) bar.palette.setColor(QPalette::Window, option.palette.color(QPalette::PlaceholderText));
  return bar;
}

QColor TransferDelegate::speed_graph_fill(const QPalette& palette) {
  QColor fill = palette.color(QPalette::Highlight);
  fill.setAlpha(90);
  return fill;
}

void TransferDelegate::paint_progress(QPainter* painter, const QStyleOptionViewItem& option, int percent) const {
  const QStyleOptionProgressBar bar = progress_bar(option, percent);
  const QWidget* widget = option.widget;
  QStyle* style = widget ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

// A filled line of the last samples, scaled to the fastest of them, under the text.
void TransferDelegate::paint_speed_graph(QPainter* painter, const QStyleOptionViewItem& option,
                                         const QVariantList& history) const {
  double fastest = 0;
  for (const QVariant& sample : history) fastest = std::max(fastest, sample.toDouble());
  if (fastest <= 0) return;
  const QRectF area = QRectF(option.rect).adjusted(1, 3, -1, -2);
  const double step = area.width() / static_cast<double>(history.size() - 1);
  QPainterPath path(area.bottomLeft());
  for (qsizetype i = 0; i < history.size(); ++i) {
    const double height = area.height() * history[i].toDouble() / fastest;
    path.lineTo(area.left() + step * static_cast<double>(i), area.bottom() - height);
  }
  path.lineTo(area.bottomRight());
  path.closeSubpath();
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing);
  painter->fillPath(path, speed_graph_fill(option.palette));
  painter->restore();
}

}  // namespace ferry::gui
