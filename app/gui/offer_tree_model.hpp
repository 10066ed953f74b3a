// SPDX-License-Identifier: Apache-2.0
#pragma once
// An offer's entries as a tree the receiver ticks: folders hold what their
// '/'-separated paths put beneath them (a folder the offer does not list, or
// lists after its contents, is made up from the paths), folders first. Each row has a check
// box; a folder's is tri-state and ticking it ticks everything under it.
// The view asks only for the rows it shows: a million entries stay usable.
#include <QAbstractItemModel>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ferry/core/events.hpp"

namespace ferry::gui {

class OfferTreeModel : public QAbstractItemModel {
  Q_OBJECT

 public:
  enum Column { NameColumn, SizeColumn, FilesColumn, ColumnCount };

  // `renamed`: in index order, as OfferReceived gives it.
  OfferTreeModel(OfferEntries entries, const std::vector<RenamedEntry>& renamed, QObject* parent = nullptr);

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  // By offer index, as OfferAnswer::take wants it: empty when all is taken.
  std::vector<bool> take() const;
  std::uint32_t files() const { return nodes_.front().files; }
  std::uint32_t files_taken() const { return nodes_.front().files_taken; }
  std::uint64_t bytes_taken() const { return nodes_.front().bytes_taken; }
  bool nothing_taken() const { return nodes_.front().leaves_taken == 0; }
  // A new language: the views ask for the headers and the texts again.
  void retranslate();

 signals:
  void selection_changed();

 private:
  static constexpr std::uint32_t kNoEntry = UINT32_MAX;

  // nodes_[0] is the invisible root. A leaf is a file or an empty folder:
  // folders' check states follow from the leaves beneath them.
  struct Node {
    int parent = -1;
    int row = 0;                     // among the parent's children
    std::uint32_t entry = kNoEntry;  // offer index; kNoEntry: a folder only the paths name
    bool folder = false;
    std::string_view name;
    std::vector<int> children;
    std::uint32_t files = 0;
    std::uint32_t files_taken = 0;
    std::uint32_t leaves = 0;
    std::uint32_t leaves_taken = 0;
    std::uint64_t bytes = 0;
    std::uint64_t bytes_taken = 0;
  };

  int add_node(int parent, std::string_view name, bool folder);
  void sort_children();
  void count_up();
  Qt::CheckState state(const Node& node) const;
  int node_of(const QModelIndex& index) const;
  QModelIndex index_of(int node, int column) const;
  // Ticks or unticks every leaf under `node` and sums its counts again.
  void set_taken(int node, bool taken);
  void announce_subtree(int node);
  QString name_text(const Node& node) const;

  OfferEntries entries_;
  std::vector<Node> nodes_;
  std::vector<RenamedEntry> renamed_;  // in index order
};

}  // namespace ferry::gui
