// SPDX-License-Identifier: Apache-2.0
#pragma once
// Which received files each sender put in the receive folder. A HAVE for a
// complete file tells the sender its digest, so it goes only to the device
// that delivered that very file, as the receiver remembers it, never to one
// that merely guesses a name and a size (issue 19, defect 6).
//
// One file per sender in the engine's state folder (`delivered/`), of 16-byte
// keys: XXH3-128 of the receive folder, the file's relative path, its size
// and its modification time (in 2-second steps: what every filesystem keeps
// of the time the receiver sets). A file changed since no longer matches.
// Thread-safe; every call reads or writes the disk, so workers make them.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ferry {

struct Delivery {
  std::string relative_path;  // as stored in the receive folder
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

using DeliveryKey = std::pair<std::uint64_t, std::uint64_t>;
// The receive folder as keys name it (made once per lookup or record, not per file).
std::string folder_key(const std::filesystem::path& receive_dir);
DeliveryKey delivery_key(std::string_view folder, const Delivery& delivery);

// What one sender delivered into one receive folder, to look files up in.
class Deliveries {
 public:
  bool contains(const Delivery& delivery) const { return keys_.contains(delivery_key(folder_, delivery)); }

 private:
  friend class DeliveryLedger;
  struct KeyHash {
    std::size_t operator()(const DeliveryKey& key) const { return key.first; }
  };
  std::string folder_;  // folder_key() of the receive folder
  std::unordered_set<DeliveryKey, KeyHash> keys_;
};

class DeliveryLedger {
 public:
  // An empty `state_dir` remembers nothing: no file is ever already there.
  explicit DeliveryLedger(const std::filesystem::path& state_dir);
  const std::filesystem::path& state_dir() const { return state_dir_; }

  Deliveries load(std::string_view fingerprint, const std::filesystem::path& receive_dir) const;

  // Remembers that `fingerprint` delivered these files into `receive_dir`;
  // failures are logged, and only cost a later resend.
  void record(std::string_view fingerprint, const std::filesystem::path& receive_dir,
              const std::vector<Delivery>& deliveries);

 private:
  std::filesystem::path file_of(std::string_view fingerprint) const;

  std::filesystem::path state_dir_;
  std::filesystem::path folder_;  // empty: remembers nothing
  mutable std::mutex mutex_;
};

}  // namespace ferry
