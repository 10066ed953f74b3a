// SPDX-License-Identifier: Apache-2.0
// Writes fuzz_codec's seed corpus into the folder given: one file per frame
// type (some at their string limits), and the frame streams a sender and a
// receiver send in one session. Built with the targets so the seeds follow
// the codec instead of being checked-in bytes.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "ferry/core/protocol/codec.hpp"

namespace {

using namespace ferry::protocol;
using Frames = std::vector<Message>;

constexpr std::int64_t kMtime = 1'700'000'000'123'456'789;
constexpr Digest kDigest{0x99, 0xAA, 0x06, 0xD3, 0x01, 0x47, 0x98, 0xD8,
                         0x60, 0x01, 0xC3, 0x24, 0x46, 0x8D, 0x49, 0x7F};

// The frames one after another; a DATA header is followed by its payload.
std::vector<std::byte> stream(const Frames& frames) {
  std::vector<std::byte> out;
  for (const Message& frame : frames) {
    encode(frame, out);
    if (const auto* data = std::get_if<DataHeader>(&frame)) {
      out.resize(out.size() + data->length, std::byte{'d'});
    }
  }
  return out;
}

std::vector<std::pair<std::string, Frames>> seeds() {
  const Offer offer{{{EntryKind::Folder, "photos", 0, kMtime},
                     {EntryKind::File, "photos/caf\xC3\xA9 \xF0\x9F\x93\xB7.jpg", 9, kMtime}}};
  return {
      {"hello", {Hello{kVersion, "Kitchen PC"}}},
      {"hello-longest-name", {Hello{kVersion, std::string(kMaxNameBytes, 'n')}}},
      {"offer", {offer}},
      {"offer-longest-path", {Offer{{{EntryKind::File, std::string(kMaxPathBytes, 'p'), 1, -1}}}}},
      {"accept", {Accept{}}},
      {"accept-fast", {Accept{TransferMode::Fast}}},
      {"accept-some", {Accept{TransferMode::Encrypted, false, {0x05}}}},
      {"offer-text", {Offer{{}, "hello from the sender"}}},
      {"hello-fast", {Hello{kVersion, "laptop", true}}},
      {"decline", {Decline{DeclineReason::InvalidOffer, "'../x': '..' component"}}},
      {"file-begin", {FileBegin{1, 2 * kResumeBlockBytes}}},
      {"data", {DataHeader{4}}},
      {"file-end", {FileEnd{1, kDigest}}},
      {"file-abort", {FileAbort{1, std::string(kMaxTextBytes, 'a')}}},
      {"file-result", {FileResult{1, FileStatus::DigestMismatch, "digest mismatch"}}},
      {"summary", {Summary{1, 1, 9}}},
      {"cancel", {Cancel{"cancelled by the user"}}},
      {"have", {Have{1, HaveKind::Partial, kResumeBlockBytes + 5, {kDigest, kDigest}}}},
      {"sender-session",
       {Hello{kVersion, "laptop"}, offer, FileBegin{1, 0}, DataHeader{5}, DataHeader{4}, FileEnd{1, kDigest}}},
      {"receiver-session",
       {Hello{kVersion, "desk"}, Accept{}, Have{1, HaveKind::Complete, 9, {kDigest}}, FileResult{1, FileStatus::Ok, ""},
        Summary{1, 0, 9}}},
  };
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FOLDER\n", argv[0]);
    return 2;
  }
  const std::filesystem::path folder = argv[1];
  std::filesystem::create_directories(folder);
  for (const auto& [name, frames] : seeds()) {
    const std::vector<std::byte> bytes = stream(frames);
    std::ofstream file(folder / name, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!file) {
      std::fprintf(stderr, "cannot write %s\n", (folder / name).c_str());
      return 1;
    }
  }
  return 0;
}
