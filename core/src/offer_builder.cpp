// SPDX-License-Identifier: Apache-2.0
#include "offer_builder.hpp"

#include <spdlog/spdlog.h>

#include "ferry/platform/path_facts.hpp"
#include "text/utf8.hpp"

namespace ferry {
namespace fs = std::filesystem;

namespace {

// The offer's path for `relative`. A Linux name need not be UTF-8 (an old
// Latin-1 name, say): its stray bytes are shown as U+FFFD rather than
// making the whole offer undecodable for the receiver.
std::string wire_path(const fs::path& relative) {
  const auto text = relative.generic_u8string();
  const std::string_view bytes(reinterpret_cast<const char*>(text.data()), text.size());
  if (is_valid_utf8(bytes)) return std::string(bytes);
  std::string shown = with_invalid_bytes_replaced(bytes);
  spdlog::warn("'{}' is not a UTF-8 name: offered with U+FFFD for each stray byte", shown);
  return shown;
}

class OfferAccumulator {
 public:
  // Adds one path; says whether it is a folder to descend into (links to
  // folders are not followed, so a tree cannot loop or leave itself).
  Result<bool> add(const fs::path& local, const fs::path& relative) {
    auto facts = platform::stat_path(local);
    if (!facts) return facts.error();
    using Kind = platform::PathFacts::Kind;
    if (facts->kind == Kind::Folder && !facts->is_symlink) {
      push(protocol::EntryKind::Folder, local, relative, facts.value());
      return true;
    }
    if (facts->kind == Kind::File) {
      push(protocol::EntryKind::File, local, relative, facts.value());
      return false;
    }
    spdlog::warn("skipping {}: not a regular file or folder (links to folders are not followed)", local.string());
    return false;
  }

  PlannedOffer take() { return std::move(planned_); }

 private:
  void push(protocol::EntryKind kind, const fs::path& local, const fs::path& relative,
            const platform::PathFacts& facts) {
    planned_.offer.entries.push_back({kind, wire_path(relative), facts.size, facts.mtime_ns, facts.attributes});
    planned_.sources.push_back(local);
    planned_.total_bytes += facts.size;
  }

  PlannedOffer planned_;
};

Result<void> add_tree(OfferAccumulator& offer, const fs::path& root, const fs::path& name) {
  auto is_folder = offer.add(root, name);
  if (!is_folder) return is_folder.error();
  if (!is_folder.value()) return {};
  std::error_code ec;
  fs::recursive_directory_iterator it(root, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& local = it->path();
    auto added = offer.add(local, name / local.lexically_relative(root));
    if (!added) return added.error();
    if (!added.value()) it.disable_recursion_pending();
  }
  if (ec) return IoError{ec, "read folder", root.string()};
  return {};
}

}  // namespace

Result<PlannedOffer> build_offer(const std::vector<fs::path>& picked) {
  OfferAccumulator offer;
  for (const auto& path : picked) {
    std::error_code ec;
    fs::path base = fs::absolute(path, ec).lexically_normal();
    if (base.filename().empty()) base = base.parent_path();
    if (auto added = add_tree(offer, base, base.filename()); !added) return added.error();
  }
  return offer.take();
}

}  // namespace ferry
