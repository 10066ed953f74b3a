// SPDX-License-Identifier: Apache-2.0
#pragma once
// Resuming what an earlier session left (docs/protocol.md, section 5.3): the
// receiver digests the copy it already holds block by block and tells the
// sender (HAVE); the sender compares those digests with its own file and
// restarts after the longest matching prefix. Everything here blocks on disk
// reads: run it on a worker thread.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "delivery_ledger.hpp"
#include "digest.hpp"
#include "ferry/core/local_name.hpp"
#include "ferry/core/protocol/messages.hpp"
#include "ferry/platform/receive_folder.hpp"

namespace ferry {

// The part file that every session sending this entry from this device (its
// certificate's fingerprint) uses, so that the next one finds what an
// interrupted one wrote.
std::string resume_part_name(std::string_view sender_fingerprint, const protocol::OfferEntry& entry);

// What the receiver already holds of one offered file.
struct ReceiverCopy {
  protocol::Have have;
  std::string part_name;    // Partial: the part file to continue
  std::string stored_path;  // Complete: the file under its final name
  // Partial: the whole-file digest's state at the end of each block in `have`.
  std::vector<StreamDigest> prefix_digests;
  protocol::Digest whole{};  // Complete: the digest of the whole file
};

// Each file entry's earlier copy, by offer index, without digests yet: a
// complete file of the entry's size under its path that this sender
// delivered (`delivered`), else the entry's part file (named after the
// sender). Cheap (opens, no reads): run before asking the user.
std::map<std::uint32_t, ReceiverCopy> locate_receiver_copies(const platform::ReceiveFolder& folder,
                                                             const Deliveries& delivered,
                                                             std::string_view sender_fingerprint,
                                                             const std::vector<protocol::OfferEntry>& entries,
                                                             NameRules rules);

// Digests every located copy block by block (reads them whole); copies that
// cannot be read are dropped, partial ones cut to what could be read.
// The whole-file digests are the session's kind (`recipe`).
void digest_receiver_copies(const platform::ReceiveFolder& folder, std::map<std::uint32_t, ReceiverCopy>& copies,
                            const DigestRecipe& recipe);

// Bytes the located copies hold, which need not be sent again if they match.
std::uint64_t held_bytes(const std::map<std::uint32_t, ReceiverCopy>& copies);

// Where the sender restarts a file, and its digest's state at that point.
struct ResumePoint {
  std::uint64_t offset = 0;
  StreamDigest digest;
};

// Compares `have` with the sender's file at `source`, digesting it from
// `whole` (a fresh digest of the session's kind). Offset 0 whenever nothing
// usable matches, including any read error: the file is then sent whole, and
// its own errors reported as usual.
ResumePoint find_resume_point(const std::filesystem::path& source, const protocol::Have& have, StreamDigest whole);

}  // namespace ferry
