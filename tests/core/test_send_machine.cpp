// SPDX-License-Identifier: Apache-2.0
// The sending session's state machine without sockets: each state against
// the inputs that may reach it, including the orders that are easy to get
// wrong (a cancel in the middle of a file, between files and after the last
// one; a write failure followed by the peer's reason; frames after the end).
#include <QtTest>

#include "engine/failure.hpp"
#include "engine/send_machine.hpp"
#include "ferry/core/protocol/messages.hpp"

using namespace ferry;
using namespace ferry::send_action;

namespace {

constexpr std::uint64_t kBlock = protocol::kResumeBlockBytes;

protocol::OfferEntry file(const std::string& path, std::uint64_t size) {
  return {protocol::EntryKind::File, path, size, 0};
}

protocol::OfferEntry folder(const std::string& path) { return {protocol::EntryKind::Folder, path, 0, 0}; }

OfferEntries offer(std::vector<protocol::OfferEntry> entries) {
  return std::make_shared<const std::vector<protocol::OfferEntry>>(std::move(entries));
}

// Copies, so that what a test keeps outlives the actions it came from.
template <class T>
std::optional<T> find(const SendActions& actions) {
  for (const auto& action : actions)
    if (const auto* found = std::get_if<T>(&action)) return *found;
  return std::nullopt;
}

template <class T>
bool has(const SendActions& actions) {
  return find<T>(actions).has_value();
}

template <class T>
std::optional<T> sent(const SendActions& actions) {
  for (const auto& action : actions)
    if (const auto* send = std::get_if<Send>(&action))
      if (const auto* frame = std::get_if<T>(&send->frame)) return *frame;
  return std::nullopt;
}

bool ends(const SendActions& actions) { return has<Close>(actions) && has<EmitDone>(actions); }

// A machine whose offer went out and whose receiver said HELLO.
SendMachine introduced(OfferEntries entries, SendMachine::Options options = {}) {
  SendMachine machine(options);
  machine.offer_built(std::move(entries));
  machine.connected();
  machine.handshake_done(false, false);
  machine.frame(protocol::Hello{protocol::kVersion, "receiver", false, OperatingSystem::Linux});
  return machine;
}

// A machine in Streaming for `entries` (encrypted).
SendMachine streaming(OfferEntries entries) {
  auto machine = introduced(std::move(entries));
  machine.frame(protocol::Accept{protocol::TransferMode::Encrypted});
  return machine;
}

// Starts the next file and sends `bytes` of it.
std::uint32_t send_part_of_next(SendMachine& machine, std::uint64_t bytes) {
  const auto next = find<SendFile>(machine.next_file());
  if (!next) return UINT32_MAX;
  machine.file_started(next->index, Strategy::Buffered, 0, false);
  while (bytes > 0) {
    const auto piece = static_cast<std::uint32_t>(std::min<std::uint64_t>(bytes, protocol::kMaxDataPayload));
    machine.chunk_sent(piece);
    bytes -= piece;
  }
  return next->index;
}

// Sends the next file whole, up to its FILE_END.
std::uint32_t send_next_whole(SendMachine& machine) {
  const auto next = find<SendFile>(machine.next_file());
  if (!next) return UINT32_MAX;
  const std::uint32_t index = next->index;
  send_part_of_next(machine, 0);  // next_file names the same file until it starts
  machine.chunk_sent(static_cast<std::uint32_t>((*machine.entries())[index].size));
  machine.file_sent(0.1);
  machine.file_ended();
  return index;
}

}  // namespace

class TestSendMachine : public QObject {
  Q_OBJECT

 private slots:
  // --- before the data phase

  void a_session_in_order() {
    SendMachine machine({});
    QCOMPARE(machine.state(), SendState::Preparing);
    QVERIFY(has<Connect>(machine.offer_built(offer({folder("d"), file("d/a", 10), file("d/b", 0)}))));
    QCOMPARE(machine.file_count(), 2u);
    QCOMPARE(machine.state(), SendState::Connecting);
    auto actions = machine.connected();
    QVERIFY(has<ArmWatchdog>(actions) && has<Handshake>(actions));
    actions = machine.handshake_done(false, false);
    QCOMPARE(machine.state(), SendState::Introducing);
    QVERIFY(find<Introduce>(actions) && !find<Introduce>(actions)->fast_mode);
    QVERIFY(find<FlushFrames>(actions)->purpose == Flush::Offer);
    QVERIFY(has<ReadFrame>(actions));
    QVERIFY(has<AwaitingAcceptance>(machine.flushed(Flush::Offer, {})));
    actions = machine.frame(protocol::Hello{protocol::kVersion, "receiver", false, OperatingSystem::Windows});
    QVERIFY(has<PeerIntroduced>(actions) && has<DisarmWatchdog>(actions) && has<ReadFrame>(actions));
    QCOMPARE(machine.peer_name(), std::string("receiver"));
    QCOMPARE(machine.peer_os(), OperatingSystem::Windows);
    actions = machine.frame(protocol::Accept{protocol::TransferMode::Encrypted});
    QCOMPARE(machine.state(), SendState::Streaming);
    QVERIFY(has<StartData>(actions) && has<ReadFrame>(actions) && has<NextFile>(actions));

    QCOMPARE(send_next_whole(machine), 1u);  // the folder is skipped
    QCOMPARE(send_next_whole(machine), 2u);
    actions = machine.next_file();
    QVERIFY(find<FlushFrames>(actions) && find<FlushFrames>(actions)->purpose == Flush::Remaining);
    QCOMPARE(machine.state(), SendState::AwaitingSummary);
    QVERIFY(machine.flushed(Flush::Remaining, {}).empty());

    actions = machine.frame(protocol::FileResult{1, protocol::FileStatus::Ok, {}});
    QVERIFY(find<ReportFile>(actions) && find<ReportFile>(actions)->ok && has<ReadFrame>(actions));
    machine.frame(protocol::FileResult{2, protocol::FileStatus::Ok, {}});
    QVERIFY(ends(machine.frame(protocol::Summary{2, 0, 10})));
    QCOMPARE(machine.state(), SendState::Done);
    QVERIFY(machine.ok());
    QCOMPARE(machine.failure().cause, FailureCause::None);
    QCOMPARE(machine.results_ok(), 2u);
    QCOMPARE(machine.data_bytes(), std::uint64_t{10});
    QVERIFY(!machine.resumable());
  }

  void an_empty_offer_fails_at_once() {
    SendMachine machine({});
    QVERIFY(ends(machine.offer_built(offer({}))));
    QCOMPARE(machine.failure().cause, FailureCause::SourceUnreadable);
  }

  void an_offer_of_a_text_alone_goes_out() {
    SendMachine machine({.text = true});
    QVERIFY(has<Connect>(machine.offer_built(offer({}))));
    QCOMPARE(machine.file_count(), 0u);
  }

  // --- the receiver takes a part

  void files_not_taken_are_skipped_not_sent() {
    auto machine = introduced(offer({folder("d"), file("d/a", 10), file("d/b", 20), file("c", 30)}));
    machine.frame(protocol::Have{2, protocol::HaveKind::Partial, 20, {protocol::Digest{}}});
    // Takes d and c, not d/a nor d/b: bits 0 and 3.
    QVERIFY(has<StartData>(machine.frame(protocol::Accept{protocol::TransferMode::Encrypted, false, {0b1001}})));
    QCOMPARE(machine.file_count(), 1u);
    QCOMPARE(machine.files_skipped(), 2u);
    QCOMPARE(machine.taken_bytes(), std::uint64_t{30});
    QVERIFY(!machine.sends(1) && !machine.sends(2) && machine.sends(3) && !machine.sends(0));
    QCOMPARE(machine.taken(), (std::vector<bool>{true, false, false, true}));  // SessionStarted says so
    QVERIFY(!machine.take_have(2));  // what it holds of a file not sent is dropped
    QCOMPARE(send_next_whole(machine), 3u);
    QVERIFY(!has<SendFile>(machine.next_file()));  // c was the last file taken
    // A result for a file not taken is a violation.
    QVERIFY(ends(machine.frame(protocol::FileResult{1, protocol::FileStatus::Ok, ""})));
    QCOMPARE(machine.failure().cause, FailureCause::ProtocolError);
  }

  void every_file_taken_left_out_ends_with_the_summary() {
    auto machine = introduced(offer({file("a", 10), file("b", 20)}));
    machine.frame(protocol::Accept{protocol::TransferMode::Encrypted, false, {0b10}});
    QCOMPARE(send_next_whole(machine), 1u);
    machine.next_file();
    machine.frame(protocol::FileResult{1, protocol::FileStatus::Ok, ""});
    QVERIFY(ends(machine.frame(protocol::Summary{1, 0, 20})));
    QVERIFY(machine.ok());
    QCOMPARE(machine.results_ok(), 1u);
    QCOMPARE(machine.files_skipped(), 1u);
  }

  void a_bitmap_that_does_not_fit_the_offer_is_a_violation_data() {
    QTest::addColumn<std::vector<std::uint8_t>>("taken");
    QTest::newRow("a byte too many") << std::vector<std::uint8_t>{0x01, 0x00};
    QTest::newRow("a byte too few") << std::vector<std::uint8_t>{};
    QTest::newRow("a bit past the last entry") << std::vector<std::uint8_t>{0x08};
  }
  void a_bitmap_that_does_not_fit_the_offer_is_a_violation() {
    QFETCH(std::vector<std::uint8_t>, taken);
    auto machine = introduced(offer({file("a", 1), file("b", 2), file("c", 3)}));
    QVERIFY(ends(machine.frame(protocol::Accept{protocol::TransferMode::Encrypted, false, taken})));
    QCOMPARE(machine.failure().cause, FailureCause::ProtocolError);
  }

  void kernel_tls_is_offered_only_without_fast_mode() {
    SendMachine plain({.fast_mode = false, .kernel_tls_available = true});
    plain.offer_built(offer({file("a", 1)}));
    QVERIFY(find<Handshake>(plain.connected())->offer_kernel_tls);
    SendMachine fast({.fast_mode = true, .kernel_tls_available = true});
    fast.offer_built(offer({file("a", 1)}));
    QVERIFY(!find<Handshake>(fast.connected())->offer_kernel_tls);
    SendMachine without({.fast_mode = false, .kernel_tls_available = false});
    without.offer_built(offer({file("a", 1)}));
    QVERIFY(!find<Handshake>(without.connected())->offer_kernel_tls);
  }

  // Kernel TLS cannot be left: a pinned fast-mode device is not asked for it.
  void fast_mode_is_asked_when_pinned_unless_the_kernel_encrypts() {
    SendMachine pinned({});
    pinned.offer_built(offer({file("a", 1)}));
    pinned.connected();
    QVERIFY(find<Introduce>(pinned.handshake_done(false, true))->fast_mode);
    SendMachine kernel({});
    kernel.offer_built(offer({file("a", 1)}));
    kernel.connected();
    QVERIFY(!find<Introduce>(kernel.handshake_done(true, true))->fast_mode);
  }

  void fast_mode_leaves_tls_before_the_data() {
    auto machine = introduced(offer({file("a", 1)}), {.fast_mode = true});
    auto actions = machine.frame(protocol::Accept{protocol::TransferMode::Fast});
    QCOMPARE(machine.state(), SendState::LeavingTls);
    QVERIFY(has<LeaveTls>(actions) && has<ArmWatchdog>(actions));
    QVERIFY(machine.next_file().empty());  // no file before TLS is left
    actions = machine.tls_left();
    QVERIFY(has<StartData>(actions) && has<NextFile>(actions));
    QCOMPARE(machine.mode(), protocol::TransferMode::Fast);
  }

  void fast_mode_not_asked_for_is_a_violation() {
    auto machine = introduced(offer({file("a", 1)}));
    QVERIFY(ends(machine.frame(protocol::Accept{protocol::TransferMode::Fast})));
    QCOMPARE(machine.failure().cause, FailureCause::ProtocolError);
    QVERIFY(!machine.resumable());
  }

  void another_protocol_version_is_refused_with_a_cancel() {
    SendMachine machine({});
    machine.offer_built(offer({file("a", 1)}));
    machine.connected();
    machine.handshake_done(false, false);
    auto actions = machine.frame(protocol::Hello{static_cast<std::uint16_t>(protocol::kVersion + 1), "x", false, {}});
    QVERIFY(sent<protocol::Cancel>(actions));
    QVERIFY(find<FlushFrames>(actions)->purpose == Flush::Refusal);
    QVERIFY(!has<ReadFrame>(actions));
    QVERIFY(ends(machine.flushed(Flush::Refusal, {})));
    QCOMPARE(machine.failure().cause, FailureCause::ProtocolError);
    QVERIFY(machine.failure().detail.operation.find("version") != std::string::npos);
  }

  void the_answer_must_start_with_hello() {
    SendMachine machine({});
    machine.offer_built(offer({file("a", 1)}));
    machine.connected();
    machine.handshake_done(false, false);
    QVERIFY(ends(machine.frame(protocol::Accept{})));
    QCOMPARE(machine.failure().cause, FailureCause::ProtocolError);
  }

  void a_decline_ends_with_its_reason() {
    auto machine = introduced(offer({file("a", 1)}));
    QVERIFY(ends(machine.frame(protocol::Decline{protocol::DeclineReason::NoSpace, "full"})));
    QCOMPARE(machine.failure().cause, cause_of_decline(protocol::DeclineReason::NoSpace));
    QCOMPARE(machine.failure().detail.peer_said, std::string("full"));
    QVERIFY(!machine.resumable());
  }

  void haves_are_checked_and_taken_once() {
    auto machine = introduced(offer({folder("d"), file("d/a", 3 * kBlock), file("d/b", 10)}));
    QVERIFY(has<ReadFrame>(machine.frame(protocol::Have{1, protocol::HaveKind::Partial, kBlock, {}})));
    QVERIFY(has<ReadFrame>(machine.frame(protocol::Have{2, protocol::HaveKind::Complete, 10, {}})));
    machine.frame(protocol::Accept{});
    QVERIFY(machine.take_have(1).has_value());
    QVERIFY(!machine.take_have(1).has_value());
    QCOMPARE(machine.take_have(2)->kind, protocol::HaveKind::Complete);
  }

  void haves_that_do_not_fit_the_offer_are_violations() {
    const auto entries = offer({folder("d"), file("d/a", 3 * kBlock)});
    const std::vector<protocol::Have> bad = {
        {7, protocol::HaveKind::Partial, 0, {}},            // no such index
        {0, protocol::HaveKind::Partial, 0, {}},            // a folder
        {1, protocol::HaveKind::Partial, kBlock + 1, {}},   // not at a block boundary
        {1, protocol::HaveKind::Partial, 4 * kBlock, {}},   // beyond the file
        {1, protocol::HaveKind::Complete, 2 * kBlock, {}},  // complete, but not its size
    };
    for (const auto& have : bad) {
      auto machine = introduced(entries);
      QVERIFY(ends(machine.frame(have)));
      QCOMPARE(machine.failure().cause, FailureCause::ProtocolError);
    }
    auto twice = introduced(entries);
    twice.frame(protocol::Have{1, protocol::HaveKind::Partial, kBlock, {}});
    QVERIFY(ends(twice.frame(protocol::Have{1, protocol::HaveKind::Partial, kBlock, {}})));
  }

  void without_resume_haves_are_forgotten() {
    auto machine = introduced(offer({file("a", 2 * kBlock)}), {.resume = false});
    machine.frame(protocol::Have{0, protocol::HaveKind::Partial, kBlock, {}});
    machine.frame(protocol::Accept{});
    QVERIFY(!machine.take_have(0).has_value());
  }

  void a_failed_offer_flush_ends_the_session() {
    SendMachine machine({});
    machine.offer_built(offer({file("a", 1)}));
    machine.connected();
    machine.handshake_done(false, false);
    QVERIFY(ends(machine.flushed(Flush::Offer, make_error_code(std::errc::broken_pipe))));
    QCOMPARE(machine.failure().cause, FailureCause::ConnectionLost);
    QCOMPARE(machine.failure().detail.operation, std::string("send the offer"));
  }

  void a_read_failure_names_what_was_read() {
    SendMachine hello({});
    hello.offer_built(offer({file("a", 1)}));
    hello.connected();
    hello.handshake_done(false, false);
    hello.read_failed(make_error_code(std::errc::connection_reset));
    QCOMPARE(hello.failure().detail.operation, std::string("read the hello"));
    auto answer = introduced(offer({file("a", 1)}));
    answer.read_failed(make_error_code(std::errc::connection_reset));
    QCOMPARE(answer.failure().detail.operation, std::string("read the answer to the offer"));
    QCOMPARE(answer.failure().cause, FailureCause::ConnectionLost);
    auto results = streaming(offer({file("a", 1)}));
    results.read_failed(make_error_code(std::errc::connection_reset));
    QCOMPARE(results.failure().detail.operation, std::string("read results"));
  }

  void a_timeout_while_the_user_decides_ends_it() {
    auto machine = introduced(offer({file("a", 1)}));
    QVERIFY(ends(machine.fail({FailureCause::IdleTimeout, {"wait for the peer", {}, {}, {}}})));
    QCOMPARE(machine.failure().cause, FailureCause::IdleTimeout);
    // Whatever completes afterwards changes nothing.
    QVERIFY(machine.frame(protocol::Accept{}).empty());
    QVERIFY(machine.flushed(Flush::Offer, {}).empty());
    QVERIFY(machine.read_failed(make_error_code(std::errc::connection_reset)).empty());
    QVERIFY(machine.user_cancel().empty());
    QCOMPARE(machine.failure().cause, FailureCause::IdleTimeout);
  }

  void cancel_before_the_data_ends_at_once() {
    for (int stage = 0; stage < 4; ++stage) {
      SendMachine machine({});
      if (stage > 0) machine.offer_built(offer({file("a", 1)}));
      if (stage > 1) machine.connected();
      if (stage > 2) machine.handshake_done(false, false);
      QVERIFY(ends(machine.user_cancel()));
      QCOMPARE(machine.failure().cause, FailureCause::CancelledByUser);
      QVERIFY(!machine.resumable());
    }
  }

  // --- the data phase

  void next_file_waits_for_the_file_in_flight() {
    auto machine = streaming(offer({file("a", 10), file("b", 10)}));
    send_part_of_next(machine, 5);
    QVERIFY(machine.next_file().empty());
    QCOMPARE(machine.file_in_flight(), std::optional<std::uint32_t>(0));
  }

  void a_file_the_receiver_holds_is_not_in_flight() {
    auto machine = streaming(offer({file("a", 10), file("b", 10)}));
    machine.file_started(0, Strategy::Buffered, 10, true);
    QVERIFY(!machine.file_in_flight());
    QCOMPARE(find<SendFile>(machine.next_file())->index, 1u);
    machine.frame(protocol::FileResult{0, protocol::FileStatus::Ok, {}});
    QCOMPARE(machine.files_already_there(), 1u);
  }

  void an_aborted_file_tells_the_peer_without_local_detail() {
    auto machine = streaming(offer({file("a", 10), file("b", 10)}));
    send_part_of_next(machine, 0);
    const Failure local{FailureCause::SourceUnreadable,
                        {"open", "a", make_error_code(std::errc::permission_denied), {}}};
    const auto abort = sent<protocol::FileAbort>(machine.file_aborted(0, local));
    QVERIFY(abort && abort->index == 0);
    QCOMPARE(abort->reason, wire_reason(FailureCause::SourceUnreadable));
    QVERIFY(!machine.file_in_flight());
    // The receiver's result is reported with our own detail.
    const auto report =
        find<ReportFile>(machine.frame(protocol::FileResult{0, protocol::FileStatus::SourceFailed, "unreadable"}));
    QVERIFY(report && !report->ok);
    QCOMPARE(report->failure.cause, FailureCause::SourceUnreadable);
    QCOMPARE(report->failure.detail.operation, std::string("open"));
  }

  void a_failed_result_makes_the_summary_fail_with_its_cause() {
    auto machine = streaming(offer({file("a", 10), file("b", 10)}));
    send_next_whole(machine);
    send_next_whole(machine);
    machine.next_file();
    const auto report =
        find<ReportFile>(machine.frame(protocol::FileResult{0, protocol::FileStatus::DigestMismatch, "differs"}));
    QVERIFY(report && !report->ok);
    QCOMPARE(report->failure.detail.peer_said, std::string("differs"));
    machine.frame(protocol::FileResult{1, protocol::FileStatus::Ok, {}});
    QVERIFY(ends(machine.frame(protocol::Summary{1, 1, 20})));
    QVERIFY(!machine.ok());
    QCOMPARE(machine.failure().cause, report->failure.cause);
    QVERIFY(machine.resumable());  // one verified file stays with the receiver
  }

  void a_result_for_no_file_is_a_violation() {
    auto machine = streaming(offer({folder("d"), file("d/a", 10)}));
    QVERIFY(ends(machine.frame(protocol::FileResult{0, protocol::FileStatus::Ok, {}})));
    QCOMPARE(machine.failure().cause, FailureCause::ProtocolError);
    auto beyond = streaming(offer({file("a", 10)}));
    QVERIFY(ends(beyond.frame(protocol::FileResult{5, protocol::FileStatus::Ok, {}})));
  }

  void an_unexpected_frame_while_sending_is_a_violation() {
    auto machine = streaming(offer({file("a", 10)}));
    QVERIFY(ends(machine.frame(protocol::Accept{})));
    QCOMPARE(machine.failure().cause, FailureCause::ProtocolError);
  }

  // --- cancels

  void cancel_in_the_middle_of_a_file_waits_for_the_frame_boundary() {
    auto machine = streaming(offer({file("a", 4 * kBlock), file("b", 10)}));
    send_part_of_next(machine, kBlock);
    auto actions = machine.user_cancel();
    QCOMPARE(machine.state(), SendState::Cancelling);
    QVERIFY(find<StartLinger>(actions) && find<StartLinger>(actions)->after == std::chrono::milliseconds(2000));
    QVERIFY(!sent<protocol::Cancel>(actions));  // not inside a DATA frame
    QVERIFY(machine.user_cancel().empty());     // a second cancel changes nothing
    QVERIFY(machine.stop_mid_file());
    actions = machine.next_file();
    QVERIFY(sent<protocol::Cancel>(actions));
    QVERIFY(find<FlushFrames>(actions)->purpose == Flush::Cancel);
    QVERIFY(machine.next_file().empty());  // one CANCEL
    QVERIFY(ends(machine.flushed(Flush::Cancel, {})));
    QCOMPARE(machine.failure().cause, FailureCause::CancelledByUser);
    QVERIFY(machine.resumable());  // a whole block went before the cancel
  }

  void cancel_below_one_block_keeps_nothing_to_resume() {
    auto machine = streaming(offer({file("a", 4 * kBlock)}));
    send_part_of_next(machine, kBlock - 1);
    machine.user_cancel();
    QVERIFY(machine.stop_mid_file());
    machine.next_file();
    machine.flushed(Flush::Cancel, {});
    QVERIFY(!machine.resumable());
  }

  void cancel_between_files_goes_with_the_next_file() {
    auto machine = streaming(offer({file("a", 10), file("b", 10)}));
    send_next_whole(machine);
    const auto actions = machine.user_cancel();
    QVERIFY(!sent<protocol::Cancel>(actions));
    QVERIFY(sent<protocol::Cancel>(machine.next_file()));
  }

  void cancel_after_the_last_file_goes_at_once() {
    auto machine = streaming(offer({file("a", 10)}));
    send_next_whole(machine);
    machine.next_file();
    QCOMPARE(machine.state(), SendState::AwaitingSummary);
    const auto actions = machine.user_cancel();
    QVERIFY(sent<protocol::Cancel>(actions));
    QVERIFY(has<StartLinger>(actions));
  }

  // The receiver may close before our CANCEL's flush completes: the user still cancelled.
  void a_peer_closing_after_our_cancel_is_still_our_cancel() {
    auto machine = streaming(offer({file("a", 10)}));
    send_part_of_next(machine, 5);
    machine.user_cancel();
    QVERIFY(ends(machine.read_failed(make_error_code(std::errc::connection_reset))));
    QCOMPARE(machine.failure().cause, FailureCause::CancelledByUser);
  }

  void a_cancel_whose_boundary_never_comes_ends_at_the_linger() {
    auto machine = streaming(offer({file("a", 10)}));
    send_part_of_next(machine, 5);
    machine.user_cancel();
    QVERIFY(ends(machine.linger_expired()));
    QCOMPARE(machine.failure().cause, FailureCause::CancelledByUser);
  }

  void the_receivers_cancel_says_whether_it_kept_the_part() {
    auto kept = streaming(offer({file("a", 4 * kBlock)}));
    send_part_of_next(kept, 100);
    QVERIFY(
        ends(kept.frame(protocol::Cancel{wire_reason(FailureCause::CancelledByUser) + std::string(kKeptForResume)})));
    QCOMPARE(kept.failure().cause, FailureCause::CancelledByPeer);
    QVERIFY(kept.resumable());
    QVERIFY(kept.failure().detail.peer_said.find("kept") == std::string::npos);
    auto dropped = streaming(offer({file("a", 4 * kBlock)}));
    send_part_of_next(dropped, 3 * kBlock);
    dropped.frame(protocol::Cancel{wire_reason(FailureCause::CancelledByUser)});
    QVERIFY(!dropped.resumable());
  }

  // --- broken writes

  void a_failed_write_reads_on_for_the_peers_reason() {
    auto machine = streaming(offer({file("a", 4 * kBlock)}));
    send_part_of_next(machine, kBlock);
    auto actions = machine.send_failed({"send", "a", make_error_code(std::errc::broken_pipe), {}});
    QCOMPARE(machine.state(), SendState::Lingering);
    QVERIFY(has<StopSending>(actions));
    QVERIFY(find<StartLinger>(actions)->after == std::chrono::milliseconds(1000));
    QVERIFY(machine.send_failed({"send", "a", {}, {}}).empty());  // the first error counts
    QVERIFY(machine.next_file().empty());                         // nothing more goes out
    const auto report =
        find<ReportFile>(machine.frame(protocol::FileResult{0, protocol::FileStatus::WriteFailed, "disk full"}));
    QVERIFY(report && report->failure.detail.peer_said == "disk full");
    QVERIFY(ends(machine.frame(protocol::Cancel{"the receiver failed"})));
    QVERIFY(machine.failure().detail.peer_said == "the receiver failed");
  }

  void a_failed_write_without_a_reason_is_the_write_error() {
    auto machine = streaming(offer({file("a", 4 * kBlock)}));
    send_part_of_next(machine, kBlock);
    machine.send_failed({"send", "a", make_error_code(std::errc::broken_pipe), {}});
    QVERIFY(ends(machine.read_failed(make_error_code(std::errc::connection_reset))));
    QCOMPARE(machine.failure().cause, FailureCause::ConnectionLost);
    QCOMPARE(machine.failure().detail.code, make_error_code(std::errc::broken_pipe));
    QVERIFY(!machine.resumable());  // a cut: one block may be lost in the buffers

    auto quiet = streaming(offer({file("a", 4 * kBlock)}));
    send_part_of_next(quiet, 2 * kBlock);
    quiet.send_failed({"send", "a", make_error_code(std::errc::broken_pipe), {}});
    QVERIFY(ends(quiet.linger_expired()));
    QCOMPARE(quiet.failure().detail.operation, std::string("send"));
    QVERIFY(quiet.resumable());  // two blocks went: one is surely there
  }

  void a_cancel_during_a_failed_write_is_the_users() {
    auto machine = streaming(offer({file("a", 10)}));
    send_part_of_next(machine, 5);
    machine.send_failed({"send", "a", make_error_code(std::errc::broken_pipe), {}});
    const auto actions = machine.user_cancel();
    QVERIFY(has<StartLinger>(actions) && !sent<protocol::Cancel>(actions));
    QVERIFY(ends(machine.linger_expired()));
    QCOMPARE(machine.failure().cause, FailureCause::CancelledByUser);
  }

  void the_rest_failing_to_flush_is_a_failed_write() {
    auto machine = streaming(offer({file("a", 10)}));
    send_next_whole(machine);
    machine.next_file();
    QVERIFY(has<StopSending>(machine.flushed(Flush::Remaining, make_error_code(std::errc::broken_pipe))));
    QCOMPARE(machine.state(), SendState::Lingering);
  }

  void a_protocol_violation_is_never_resumable() {
    auto machine = streaming(offer({file("a", 4 * kBlock), file("b", 1)}));
    send_next_whole(machine);
    machine.frame(protocol::FileResult{0, protocol::FileStatus::Ok, {}});
    machine.frame(protocol::Hello{});
    QCOMPARE(machine.failure().cause, FailureCause::ProtocolError);
    QVERIFY(!machine.resumable());
  }
};

QTEST_GUILESS_MAIN(TestSendMachine)
#include "test_send_machine.moc"
