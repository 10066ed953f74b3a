// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: messages built from the input, encoded, then decoded. A
// message docs/protocol.md allows must come back equal, from exactly its
// encoding; any other must be rejected with the error its first invalid field
// calls for (wire_rules.hpp). The string fields reach one byte past their
// limits and the enums a little past their ranges.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "wire_rules.hpp"

namespace {

using namespace ferry::protocol;

std::string text(FuzzedDataProvider& in, std::size_t max_bytes) { return in.ConsumeRandomLengthString(max_bytes + 1); }

template <typename Enum>
Enum enum_value(FuzzedDataProvider& in, std::uint8_t past_last) {
  return static_cast<Enum>(in.ConsumeIntegralInRange<std::uint8_t>(0, past_last));
}

Digest digest(FuzzedDataProvider& in) {
  Digest value{};
  for (auto& byte : value) byte = in.ConsumeIntegral<std::uint8_t>();
  return value;
}

Offer offer(FuzzedDataProvider& in) {
  Offer m;
  m.entries.resize(in.ConsumeIntegralInRange<std::size_t>(0, 8));
  for (OfferEntry& entry : m.entries) {
    entry = {enum_value<EntryKind>(in, 2), text(in, kMaxPathBytes), in.ConsumeIntegral<std::uint64_t>(),
             in.ConsumeIntegral<std::int64_t>()};
  }
  m.text = text(in, 64);
  return m;
}

// Every bitmap is well formed on the wire; whether it fits the offer is the
// sender's check, not the codec's.
Accept accept(FuzzedDataProvider& in) {
  Accept m{enum_value<TransferMode>(in, 2), in.ConsumeBool()};
  if (!m.takes_all) m.taken = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(0, 8));
  return m;
}

// A length of a few blocks, or any at all, with one digest fewer than it
// needs, as many, or one more (lengths beyond 5 blocks never get enough).
Have have(FuzzedDataProvider& in) {
  Have m{in.ConsumeIntegral<std::uint32_t>(), enum_value<HaveKind>(in, 2)};
  m.length = in.ConsumeBool() ? in.ConsumeIntegral<std::uint64_t>()
                              : in.ConsumeIntegralInRange<std::uint64_t>(0, 4 * kResumeBlockBytes);
  const std::size_t needed = static_cast<std::size_t>(std::min<std::uint64_t>(have_block_count(m.length), 5));
  m.blocks.resize(in.ConsumeIntegralInRange<std::size_t>(needed > 0 ? needed - 1 : 0, needed + 1));
  for (Digest& block : m.blocks) block = digest(in);
  return m;
}

Message message(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 11)) {
    case 0: {
      // Another version's hello is read only up to its name: its flag stays unset.
      Hello m{in.ConsumeIntegral<std::uint16_t>(), text(in, kMaxNameBytes)};
      m.wants_fast_mode = m.version == kVersion && in.ConsumeBool();
      return m;
    }
    case 1:
      return offer(in);
    case 2:
      return accept(in);
    case 3:
      return Decline{enum_value<DeclineReason>(in, 5), text(in, kMaxTextBytes)};
    case 4:
      return FileBegin{in.ConsumeIntegral<std::uint32_t>(), in.ConsumeIntegral<std::uint64_t>()};
    case 5:
      return DataHeader{in.ConsumeIntegral<std::uint32_t>()};
    case 6:
      return FileEnd{in.ConsumeIntegral<std::uint32_t>(), digest(in)};
    case 7:
      return FileAbort{in.ConsumeIntegral<std::uint32_t>(), text(in, kMaxTextBytes)};
    case 8:
      return FileResult{in.ConsumeIntegral<std::uint32_t>(), enum_value<FileStatus>(in, 5), text(in, kMaxTextBytes)};
    case 9:
      return Summary{in.ConsumeIntegral<std::uint32_t>(), in.ConsumeIntegral<std::uint32_t>(),
                     in.ConsumeIntegral<std::uint64_t>()};
    case 10:
      return Cancel{text(in, kMaxTextBytes)};
    default:
      return have(in);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const Message sent = message(in);
  std::vector<std::byte> bytes;
  encode(sent, bytes);
  const DecodeResult result = decode(bytes);
  if (const auto error = ferry::fuzz::first_field_error(sent)) {
    FUZZ_CHECK(result.status == DecodeResult::Status::Error && result.error == make_error_code(*error));
    return 0;
  }
  FUZZ_CHECK(result.status == DecodeResult::Status::Frame);
  FUZZ_CHECK(result.message == sent);
  // DATA: the header only, its payload is not part of the encoding.
  FUZZ_CHECK(result.consumed == bytes.size());
  return 0;
}
