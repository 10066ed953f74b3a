#include "offer_builder.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace ferry {
namespace fs = std::filesystem;

namespace {

std::int64_t mtime_ns(const fs::path& path) {
  std::error_code ec;
  const auto written = fs::last_write_time(path, ec);
  if (ec) return 0;
  const auto since_epoch = std::chrono::file_clock::to_sys(written).time_since_epoch();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
}

std::string wire_path(const fs::path& relative) {
  const auto text = relative.generic_u8string();
  return {reinterpret_cast<const char*>(text.data()), text.size()};
}

class OfferAccumulator {
 public:
  Result<void> add(const fs::path& local, const fs::path& relative) {
    std::error_code ec;
    const auto link = fs::symlink_status(local, ec);
    const auto target = fs::status(local, ec);
    if (fs::is_directory(target) && !fs::is_symlink(link)) {
      push(protocol::EntryKind::Folder, local, relative, 0);
      return {};
    }
    if (fs::is_regular_file(target)) {
      const auto size = fs::file_size(local, ec);
      if (ec) return IoError{ec, "stat", local.string()};
      push(protocol::EntryKind::File, local, relative, size);
      return {};
    }
    spdlog::warn("skipping {}: not a regular file or folder", local.string());
    return {};
  }

  PlannedOffer take() { return std::move(planned_); }

 private:
  void push(protocol::EntryKind kind, const fs::path& local, const fs::path& relative,
            std::uint64_t size) {
    planned_.offer.entries.push_back({kind, wire_path(relative), size, mtime_ns(local)});
    planned_.sources.push_back(local);
    planned_.total_bytes += size;
  }

  PlannedOffer planned_;
};

Result<void> add_tree(OfferAccumulator& offer, const fs::path& root, const fs::path& name) {
  if (auto added = offer.add(root, name); !added) return added;
  if (!fs::is_directory(fs::symlink_status(root))) return {};
  std::error_code ec;
  fs::recursive_directory_iterator it(root, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& local = it->path();
    if (auto added = offer.add(local, name / local.lexically_relative(root)); !added) return added;
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
    if (!fs::exists(base, ec)) return errno_error(ENOENT, "stat", path.string());
    if (auto added = add_tree(offer, base, base.filename()); !added) return added.error();
  }
  return offer.take();
}

}  // namespace ferry
