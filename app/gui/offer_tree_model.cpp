// SPDX-License-Identifier: Apache-2.0
#include "offer_tree_model.hpp"

#include <QApplication>
#include <QStyle>

#include <algorithm>
#include <unordered_map>

#include "format.hpp"

namespace ferry::gui {

namespace {

// A name as the peer offered it, its control characters (a name may hold a
// newline) shown as U+FFFD.
QString shown_name(std::string_view name) {
  QString text = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
  for (QChar& c : text) {
    if (c.unicode() < 0x20 || c.unicode() == 0x7F) c = QChar::ReplacementCharacter;
  }
  return text;
}

std::string_view parent_of(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

std::string_view last_part(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

OfferTreeModel::OfferTreeModel(OfferEntries entries, const std::vector<RenamedEntry>& renamed, QObject* parent)
    : QAbstractItemModel(parent), entries_(std::move(entries)), renamed_(renamed) {
  nodes_.reserve(entries_->size() + 1);
  nodes_.emplace_back();
  nodes_.front().folder = true;
  std::unordered_map<std::string_view, int> folders;
  folders.reserve(entries_->size() / 4 + 1);
  auto folder_at = [&](std::string_view path, auto& self) -> int {
    if (path.empty()) return 0;
    if (auto it = folders.find(path); it != folders.end()) return it->second;
    const int node = add_node(self(parent_of(path), self), last_part(path), true);
    folders.emplace(path, node);
    return node;
  };
  for (std::uint32_t index = 0; index < entries_->size(); ++index) {
    const OfferEntry& entry = (*entries_)[index];
    const std::string_view path = entry.path;
    const bool folder = entry.kind == EntryKind::Folder;
    int node = -1;
    if (folder && !path.empty()) {
      node = folder_at(path, folder_at);
      if (nodes_[static_cast<std::size_t>(node)].entry != kNoEntry) node = -1;  // listed twice: a row of its own
    }
    if (node < 0) node = add_node(folder_at(parent_of(path), folder_at), last_part(path), folder);
    Node& made = nodes_[static_cast<std::size_t>(node)];
    made.entry = index;
    if (!folder) made.bytes = entry.size;
  }
  sort_children();
  count_up();
}

// Folders first, then files, each by name: the offer's own order is the
// order its sender's disk listed them in.
void OfferTreeModel::sort_children() {
  for (Node& node : nodes_) {
    std::sort(node.children.begin(), node.children.end(), [this](int a, int b) {
      const Node& left = nodes_[static_cast<std::size_t>(a)];
      const Node& right = nodes_[static_cast<std::size_t>(b)];
      if (left.folder != right.folder) return left.folder;
      return left.name < right.name;
    });
    for (std::size_t row = 0; row < node.children.size(); ++row)
      nodes_[static_cast<std::size_t>(node.children[row])].row = static_cast<int>(row);
  }
}

int OfferTreeModel::add_node(int parent, std::string_view name, bool folder) {
  const int node = static_cast<int>(nodes_.size());
  Node& made = nodes_.emplace_back();
  made.parent = parent;
  made.name = name;
  made.folder = folder;
  std::vector<int>& siblings = nodes_[static_cast<std::size_t>(parent)].children;
  made.row = static_cast<int>(siblings.size());
  siblings.push_back(node);
  return node;
}

// A child is always made after its parent: summing from the last node up
// counts every subtree once.
void OfferTreeModel::count_up() {
  for (Node& node : nodes_) {
    if (!node.children.empty()) {
      node.files = node.leaves = 0;
      node.bytes = 0;
      continue;
    }
    node.files = node.folder ? 0 : 1;
    node.leaves = 1;
  }
  for (auto node = nodes_.size(); node-- > 1;) {
    const Node& child = nodes_[node];
    Node& parent = nodes_[static_cast<std::size_t>(child.parent)];
    parent.files += child.files;
    parent.leaves += child.leaves;
    parent.bytes += child.bytes;
  }
  for (Node& node : nodes_) {
    node.files_taken = node.files;
    node.leaves_taken = node.leaves;
    node.bytes_taken = node.bytes;
  }
}

Qt::CheckState OfferTreeModel::state(const Node& node) const {
  if (node.leaves_taken == 0) return Qt::Unchecked;
  return node.leaves_taken == node.leaves ? Qt::Checked : Qt::PartiallyChecked;
}

std::vector<bool> OfferTreeModel::take() const {
  if (nodes_.front().leaves_taken == nodes_.front().leaves) return {};
  std::vector<bool> take(entries_->size(), false);
  for (const Node& node : nodes_)
    if (node.entry != kNoEntry) take[node.entry] = node.leaves_taken > 0;
  return take;
}

void OfferTreeModel::set_taken(int id, bool taken) {
  Node& node = nodes_[static_cast<std::size_t>(id)];
  if (node.children.empty()) {
    node.files_taken = taken ? node.files : 0;
    node.leaves_taken = taken ? 1 : 0;
    node.bytes_taken = taken ? node.bytes : 0;
    return;
  }
  std::uint32_t files = 0;
  std::uint32_t leaves = 0;
  std::uint64_t bytes = 0;
  for (const int child : node.children) {
    set_taken(child, taken);
    const Node& done = nodes_[static_cast<std::size_t>(child)];
    files += done.files_taken;
    leaves += done.leaves_taken;
    bytes += done.bytes_taken;
  }
  Node& folder = nodes_[static_cast<std::size_t>(id)];
  folder.files_taken = files;
  folder.leaves_taken = leaves;
  folder.bytes_taken = bytes;
}

bool OfferTreeModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  const int id = node_of(index);
  if (role != Qt::CheckStateRole || index.column() != NameColumn || id <= 0) return false;
  const bool taken = value.value<Qt::CheckState>() != Qt::Unchecked;
  const Node& node = nodes_[static_cast<std::size_t>(id)];
  const std::uint32_t files_before = node.files_taken;
  const std::uint32_t leaves_before = node.leaves_taken;
  const std::uint64_t bytes_before = node.bytes_taken;
  set_taken(id, taken);
  // Unsigned differences wrap, and adding them wraps back.
  const std::uint32_t files = node.files_taken - files_before;
  const std::uint32_t leaves = node.leaves_taken - leaves_before;
  const std::uint64_t bytes = node.bytes_taken - bytes_before;
  for (int up = node.parent; up >= 0; up = nodes_[static_cast<std::size_t>(up)].parent) {
    Node& ancestor = nodes_[static_cast<std::size_t>(up)];
    ancestor.files_taken += files;
    ancestor.leaves_taken += leaves;
    ancestor.bytes_taken += bytes;
    if (up > 0) emit dataChanged(index_of(up, NameColumn), index_of(up, NameColumn), {Qt::CheckStateRole});
  }
  announce_subtree(id);
  emit selection_changed();
  return true;
}

void OfferTreeModel::announce_subtree(int id) {
  emit dataChanged(index_of(id, NameColumn), index_of(id, NameColumn), {Qt::CheckStateRole});
  for (const int child : nodes_[static_cast<std::size_t>(id)].children) announce_subtree(child);
}

int OfferTreeModel::node_of(const QModelIndex& index) const {
  return index.isValid() ? static_cast<int>(index.internalId()) : 0;
}

QModelIndex OfferTreeModel::index_of(int id, int column) const {
  return createIndex(nodes_[static_cast<std::size_t>(id)].row, column, static_cast<quintptr>(id));
}

QModelIndex OfferTreeModel::index(int row, int column, const QModelIndex& parent) const {
  const Node& folder = nodes_[static_cast<std::size_t>(node_of(parent))];
  if (row < 0 || column < 0 || column >= ColumnCount || static_cast<std::size_t>(row) >= folder.children.size())
    return {};
  return createIndex(row, column, static_cast<quintptr>(folder.children[static_cast<std::size_t>(row)]));
}

QModelIndex OfferTreeModel::parent(const QModelIndex& child) const {
  const int id = node_of(child);
  if (id <= 0) return {};
  const int parent = nodes_[static_cast<std::size_t>(id)].parent;
  return parent <= 0 ? QModelIndex() : index_of(parent, NameColumn);
}

int OfferTreeModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() && parent.column() != NameColumn) return 0;
  return static_cast<int>(nodes_[static_cast<std::size_t>(node_of(parent))].children.size());
}

int OfferTreeModel::columnCount(const QModelIndex& /*parent*/) const { return ColumnCount; }

QString OfferTreeModel::name_text(const Node& node) const {
  const QString name = shown_name(node.name);
  if (node.entry == kNoEntry) return name;
  const auto renamed = std::lower_bound(renamed_.begin(), renamed_.end(), node.entry,
                                        [](const RenamedEntry& e, std::uint32_t index) { return e.index < index; });
  if (renamed == renamed_.end() || renamed->index != node.entry) return name;
  return tr("%1, saved as %2").arg(name, from_utf8(renamed->local_path));
}

QVariant OfferTreeModel::data(const QModelIndex& index, int role) const {
  const int id = node_of(index);
  if (id <= 0) return {};
  const Node& node = nodes_[static_cast<std::size_t>(id)];
  switch (index.column()) {
    case NameColumn:
      if (role == Qt::DisplayRole) return name_text(node);
      if (role == Qt::CheckStateRole) return state(node);
      if (role == Qt::DecorationRole)
        return QApplication::style()->standardIcon(node.folder ? QStyle::SP_DirIcon : QStyle::SP_FileIcon);
      break;
    case SizeColumn:
      if (role == Qt::DisplayRole) return human_bytes(node.bytes);
      if (role == Qt::TextAlignmentRole) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      break;
    case FilesColumn:
      if (role == Qt::DisplayRole && node.folder) return tr("%Ln file(s)", "in a folder", static_cast<int>(node.files));
      break;
    default:
      break;
  }
  return {};
}

Qt::ItemFlags OfferTreeModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
  if (index.column() == NameColumn) flags |= Qt::ItemIsUserCheckable;
  return flags;
}

void OfferTreeModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
  emit layoutAboutToBeChanged();
  emit layoutChanged();  // nothing moved: texts only
}

QVariant OfferTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case NameColumn:
      return tr("Name");
    case SizeColumn:
      return tr("Size");
    case FilesColumn:
      return tr("Files");
    default:
      return {};
  }
}

}  // namespace ferry::gui
