// SPDX-License-Identifier: Apache-2.0
#include "delivery_ledger.hpp"

#include <spdlog/spdlog.h>
#include <xxhash.h>

#include <array>
#include <cstring>
#include <fstream>

namespace ferry {
namespace {

constexpr std::size_t kKeyBytes = 16;
// A sender's file keeps its newest million keys; past that the oldest half
// goes, and those files are simply sent again.
constexpr std::uintmax_t kMaxFileBytes = 2'000'000 * kKeyBytes;
constexpr std::int64_t kTimeStepNs = 2'000'000'000;

void append_number(std::string& bytes, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

std::uint64_t read_number(const char* bytes) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

std::string folder_key(const std::filesystem::path& receive_dir) {
  return receive_dir.lexically_normal().generic_string();
}

DeliveryKey delivery_key(std::string_view folder, const Delivery& delivery) {
  std::string bytes(folder);
  bytes.push_back('\0');
  bytes += delivery.relative_path;
  bytes.push_back('\0');
  append_number(bytes, delivery.size);
  // Floor division: times before 1970 step the same way.
  const std::int64_t step = delivery.mtime_ns / kTimeStepNs - (delivery.mtime_ns % kTimeStepNs < 0 ? 1 : 0);
  append_number(bytes, static_cast<std::uint64_t>(step));
  const XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  return {hash.low64, hash.high64};
}

DeliveryLedger::DeliveryLedger(const std::filesystem::path& state_dir)
    : state_dir_(state_dir), folder_(state_dir.empty() ? std::filesystem::path() : state_dir / "delivered") {}

std::filesystem::path DeliveryLedger::file_of(std::string_view fingerprint) const {
  return folder_ / std::string(fingerprint.substr(0, 32));
}

Deliveries DeliveryLedger::load(std::string_view fingerprint, const std::filesystem::path& receive_dir) const {
  Deliveries deliveries;
  deliveries.folder_ = folder_key(receive_dir);
  if (folder_.empty()) return deliveries;
  std::lock_guard lock(mutex_);
  const std::string bytes = read_all(file_of(fingerprint));
  for (std::size_t at = 0; at + kKeyBytes <= bytes.size(); at += kKeyBytes)
    deliveries.keys_.emplace(read_number(bytes.data() + at), read_number(bytes.data() + at + 8));
  return deliveries;
}

void DeliveryLedger::record(std::string_view fingerprint, const std::filesystem::path& receive_dir,
                            const std::vector<Delivery>& deliveries) {
  if (folder_.empty() || deliveries.empty()) return;
  const std::string folder = folder_key(receive_dir);
  std::string bytes;
  for (const Delivery& delivery : deliveries) {
    const auto [low, high] = delivery_key(folder, delivery);
    append_number(bytes, low);
    append_number(bytes, high);
  }
  std::lock_guard lock(mutex_);
  const std::filesystem::path file = file_of(fingerprint);
  std::error_code error;
  std::filesystem::create_directories(folder_, error);
  if (std::filesystem::file_size(file, error) + bytes.size() > kMaxFileBytes && !error) {
    std::string kept = read_all(file);
    kept.erase(0, (kept.size() / kKeyBytes / 2) * kKeyBytes);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << kept;
  }
  std::ofstream out(file, std::ios::binary | std::ios::app);
  out << bytes;
  if (!out.flush()) spdlog::warn("cannot remember which files came from {} in {}", fingerprint, file.string());
}

}  // namespace ferry
