// SPDX-License-Identifier: Apache-2.0
// The receiving session's state machine without sockets: each state against
// the inputs that may reach it, including the orders behind past bugs (a
// cancel while a payload read is in flight, a failure while a durable batch
// runs, the peer closing during linger, nobody answering an offer).
#include <QtTest>

#include "engine/failure.hpp"
#include "engine/receive_machine.hpp"
#include "ferry/core/protocol/messages.hpp"

using namespace ferry;
using namespace ferry::receive_action;

namespace {

constexpr std::uint64_t kBlock = protocol::kResumeBlockBytes;

protocol::OfferEntry file(const std::string& path, std::uint64_t size) {
  return {protocol::EntryKind::File, path, size, 0};
}

protocol::OfferEntry folder(const std::string& path) { return {protocol::EntryKind::Folder, path, 0, 0}; }

template <class T>
const T* find(const ReceiveActions& actions) {
  for (const auto& action : actions)
    if (const auto* found = std::get_if<T>(&action)) return found;
  return nullptr;
}

template <class T>
bool has(const ReceiveActions& actions) {
  return find<T>(actions) != nullptr;
}

template <class T>
std::size_t count(const ReceiveActions& actions) {
  std::size_t n = 0;
  for (const auto& action : actions) n += std::holds_alternative<T>(action);
  return n;
}

ReceiveActions accept(ReceiveMachine& machine) {
  machine.offer_arrived();
  machine.asking();
  return machine.answer(true, protocol::DeclineReason::Declined, FailureCause::DeclinedByUser, "no");
}

// A machine in Transferring for `entries`, its first frame read asked for.
ReceiveMachine transferring(const std::vector<protocol::OfferEntry>& entries,
                            std::map<std::uint32_t, RestartPoint> restarts = {}) {
  ReceiveMachine machine;
  accept(machine);
  machine.accepted(std::make_shared<const std::vector<protocol::OfferEntry>>(entries), std::move(restarts));
  machine.start_data();
  return machine;
}

// `machine` inside file `index`, its part (resumable or not) open, `bytes` received.
void in_file(ReceiveMachine& machine, std::uint32_t index, std::uint64_t bytes, bool resumable = true) {
  machine.frame(protocol::FileBegin{index, 0});
  machine.part_claimed(resumable);
  machine.part_io_started();
  machine.part_io_done();
  machine.part_opened();
  while (bytes > 0) {
    const auto piece = static_cast<std::uint32_t>(std::min<std::uint64_t>(bytes, 1 << 20));
    machine.frame(protocol::DataHeader{piece});
    machine.part_io_started();
    machine.part_io_done();
    machine.payload_read(piece);
    bytes -= piece;
  }
}

bool settles(const ReceiveActions& actions, bool keep) {
  const auto* settle = find<SettlePart>(actions);
  return settle && settle->keep == keep;
}

}  // namespace

class TestReceiveMachine : public QObject {
  Q_OBJECT

 private slots:
  // --- before the data phase

  void accepting_digests_copies_and_settles_the_offer() {
    ReceiveMachine machine;
    QCOMPARE(machine.state(), ReceiveState::Greeting);
    const auto actions = accept(machine);
    QCOMPARE(machine.state(), ReceiveState::Accepting);
    QVERIFY(has<SettleOffer>(actions) && has<DigestCopies>(actions));
  }

  // The user took a part: only those files are expected, the rest is skipped.
  void a_file_not_taken_is_neither_expected_nor_allowed() {
    ReceiveMachine machine;
    accept(machine);
    machine.accepted(std::make_shared<const std::vector<protocol::OfferEntry>>(
                         std::vector{folder("d"), file("d/a", 10), file("b", 0)}),
                     {}, {false, false, true});
    QCOMPARE(machine.file_count(), 1u);
    QCOMPARE(machine.files_skipped(), 1u);
    machine.start_data();
    const auto actions = machine.frame(protocol::FileBegin{1, 0});
    QVERIFY(has<SendCancel>(actions));
    QCOMPARE(machine.cause(), FailureCause::ProtocolError);
  }

  void nothing_taken_but_folders_goes_straight_to_the_summary() {
    ReceiveMachine machine;
    accept(machine);
    machine.accepted(
        std::make_shared<const std::vector<protocol::OfferEntry>>(std::vector{folder("d"), file("d/a", 10)}), {},
        {true, false});
    QVERIFY(has<SendSummary>(machine.start_data()));
    QCOMPARE(machine.state(), ReceiveState::Concluding);
  }

  void an_answer_counts_once() {
    ReceiveMachine machine;
    accept(machine);
    QVERIFY(machine.answer(false, protocol::DeclineReason::Declined, FailureCause::DeclinedByUser, "x").empty());
    QVERIFY(machine.answer(true, {}, {}, {}).empty());
  }

  void an_answer_before_the_question_is_ignored() {
    ReceiveMachine machine;
    QVERIFY(machine.answer(true, {}, {}, {}).empty());
    machine.offer_arrived();
    QVERIFY(machine.answer(true, {}, {}, {}).empty());
    QCOMPARE(machine.state(), ReceiveState::CheckingOffer);
  }

  // The consent timed out: nobody answered, the receiver declines by itself.
  void timeout_during_consent_declines_automatically() {
    ReceiveMachine machine;
    machine.offer_arrived();
    machine.asking();
    const auto actions = machine.answer(false, protocol::DeclineReason::Declined, FailureCause::DeclinedAutomatically,
                                        "nobody answered");
    QVERIFY(has<SettleOffer>(actions));
    const auto* decline = find<Decline>(actions);
    QVERIFY(decline && decline->reason == protocol::DeclineReason::Declined);
    QCOMPARE(machine.state(), ReceiveState::Declining);
    QVERIFY(machine.user_cancel().empty());  // a cancel now changes nothing
    const auto end = machine.decline_sent();
    QVERIFY(has<Close>(end) && has<EmitDone>(end));
    QCOMPARE(machine.state(), ReceiveState::Done);
    QVERIFY(!machine.ok());
    QCOMPARE(machine.cause(), FailureCause::DeclinedAutomatically);
    QVERIFY(!machine.resumable());
  }

  void cancel_during_consent_tells_the_sender() {
    ReceiveMachine machine;
    machine.offer_arrived();
    machine.asking();
    const auto actions = machine.user_cancel();
    QVERIFY(has<SendCancel>(actions));
    QCOMPARE(machine.state(), ReceiveState::Lingering);
    QVERIFY(machine.answer(true, {}, {}, {}).empty());  // the dialog's late answer
    const auto linger = machine.cancel_sent(true);
    QVERIFY(has<StartLinger>(linger) && has<Drain>(linger));
    QVERIFY(has<EmitDone>(machine.peer_closed()));
    QCOMPARE(machine.cause(), FailureCause::CancelledByUser);
  }

  void greeting_failure_without_cancel_ends_at_once() {
    ReceiveMachine machine;
    const auto actions = machine.fail({FailureCause::ConnectionLost, {"read hello", {}, {}, {}}}, false);
    QVERIFY(!has<SendCancel>(actions) && has<Close>(actions) && has<EmitDone>(actions));
    QCOMPARE(machine.state(), ReceiveState::Done);
    QVERIFY(machine.fail({FailureCause::IdleTimeout, {"again", {}, {}, {}}}, true).empty());
  }

  void an_offer_without_files_goes_straight_to_the_summary() {
    ReceiveMachine machine;
    accept(machine);
    machine.accepted(
        std::make_shared<const std::vector<protocol::OfferEntry>>(std::vector<protocol::OfferEntry>{folder("d")}), {});
    const auto actions = machine.start_data();
    QVERIFY(has<SendSummary>(actions));
    QCOMPARE(machine.state(), ReceiveState::Concluding);
    QVERIFY(has<EmitDone>(machine.summary_sent()));
    QVERIFY(machine.ok());
  }

  // --- the data phase

  void a_file_is_verified_committed_and_summarised() {
    auto machine = transferring({file("a", 5)});
    auto begin = machine.frame(protocol::FileBegin{0, 0});
    QVERIFY(has<BeginFile>(begin) && !has<ReadFrame>(begin));  // the part opens first
    machine.part_claimed(true);
    QVERIFY(has<ReadFrame>(machine.part_opened()));
    const auto data = machine.frame(protocol::DataHeader{5});
    QCOMPARE(find<ReadPayload>(data)->length, 5u);
    machine.part_io_started();
    QVERIFY(machine.part_io_done().empty());
    QVERIFY(has<ReadFrame>(machine.payload_read(5)));
    QVERIFY(machine.file_complete());
    QVERIFY(has<FinishFile>(machine.frame(protocol::FileEnd{0, {}})));
    const auto verified = machine.file_verified();
    QVERIFY(has<DisarmWatchdog>(verified) && has<StartCommit>(verified));
    QCOMPARE(machine.state(), ReceiveState::Concluding);
    machine.file_reported(true, FailureCause::None);
    QVERIFY(has<SendSummary>(machine.commit_done()));
    const auto end = machine.summary_sent();
    QVERIFY(has<EmitDone>(end));
    QVERIFY(machine.ok());
  }

  void a_data_frame_in_pieces_reads_the_rest() {
    auto machine = transferring({file("a", 10)});
    machine.frame(protocol::FileBegin{0, 0});
    machine.part_opened();
    machine.frame(protocol::DataHeader{10});
    machine.part_io_started();
    machine.part_io_done();
    const auto rest = machine.payload_read(4);
    QCOMPARE(find<ReadPayload>(rest)->length, 6u);
  }

  void size_and_digest_failures_drop_the_file_and_go_on() {
    auto machine = transferring({file("a", 5), file("b", 5), file("c", 5)});
    in_file(machine, 0, 3);
    const auto short_file = machine.frame(protocol::FileEnd{0, {}});
    const auto* drop = find<DropFile>(short_file);
    QVERIFY(drop && drop->status == protocol::FileStatus::SizeMismatch);
    QVERIFY(has<ReadFrame>(short_file));
    in_file(machine, 1, 5);
    machine.frame(protocol::FileEnd{1, {}});
    const auto mismatch = machine.digest_mismatch({"b: digest mismatch", {}, {}, {}});
    QVERIFY(find<DropFile>(mismatch)->status == protocol::FileStatus::DigestMismatch);
    QCOMPARE(machine.state(), ReceiveState::Transferring);
    QCOMPARE(machine.files_failed(), 2u);
  }

  void the_senders_abort_inside_the_span_fails_only_that_file() {
    auto machine = transferring({file("a", 5), file("b", 5)});
    in_file(machine, 0, 2);
    const auto actions = machine.frame(protocol::FileAbort{0, "gone"});
    QVERIFY(find<DropFile>(actions)->status == protocol::FileStatus::SourceFailed);
    QCOMPARE(machine.state(), ReceiveState::Transferring);
  }

  // Issue 19 defect 4: FILE_ABORT outside a FILE_BEGIN..FILE_END span.
  void abort_outside_a_span_is_a_violation() {
    auto machine = transferring({folder("d"), file("a", 5), file("b", 5)});
    const auto actions = machine.frame(protocol::FileAbort{1, "gone"});
    QVERIFY(!has<DropFile>(actions));
    const auto* cancel = find<SendCancel>(actions);
    QVERIFY(cancel && cancel->failure.cause == FailureCause::ProtocolError);
    QCOMPARE(machine.state(), ReceiveState::Lingering);
  }

  void abort_for_another_file_is_a_violation() {
    auto machine = transferring({file("a", 5), file("b", 5)});
    in_file(machine, 0, 2);
    const auto actions = machine.frame(protocol::FileAbort{1, "gone"});
    QVERIFY(settles(actions, false) && has<SendCancel>(actions));
  }

  void frames_out_of_place_are_violations_data() {
    QTest::addColumn<int>("which");
    QTest::newRow("data outside a file") << 0;
    QTest::newRow("end outside a file") << 1;
    QTest::newRow("begin out of range") << 2;
    QTest::newRow("begin for a folder") << 3;
    QTest::newRow("begin at an offset no HAVE offered") << 4;
    QTest::newRow("an offer mid-transfer") << 5;
  }

  void frames_out_of_place_are_violations() {
    QFETCH(int, which);
    auto machine = transferring({folder("d"), file("a", 5)});
    const std::vector<protocol::Message> frames = {protocol::DataHeader{1},        protocol::FileEnd{1, {}},
                                                   protocol::FileBegin{9, 0},      protocol::FileBegin{0, 0},
                                                   protocol::FileBegin{1, kBlock}, protocol::Offer{}};
    const auto actions = machine.frame(frames[static_cast<std::size_t>(which)]);
    const auto* cancel = find<SendCancel>(actions);
    QVERIFY(cancel && cancel->failure.cause == FailureCause::ProtocolError);
    QVERIFY(machine.cancel_reason(cancel->failure).starts_with("protocol error"));
  }

  void a_restart_offered_by_a_have_resumes() {
    auto machine = transferring({file("a", 3 * kBlock)}, {{0, RestartPoint{false, 2 * kBlock}}});
    const auto actions = machine.frame(protocol::FileBegin{0, kBlock});
    const auto* begin = find<BeginFile>(actions);
    QVERIFY(begin && begin->offset == kBlock && begin->writes);
  }

  void a_complete_copy_writes_nothing() {
    auto machine = transferring({file("a", 5)}, {{0, RestartPoint{true, 5}}});
    const auto actions = machine.frame(protocol::FileBegin{0, 5});
    QVERIFY(!find<BeginFile>(actions)->writes && has<ReadFrame>(actions));
    QVERIFY(has<FinishFile>(machine.frame(protocol::FileEnd{0, {}})));
    machine.already_there();
    QCOMPARE(machine.files_already_there(), 1u);
  }

  // Issue 19 defect 2: a decoding error mid-file discards the part and says so.
  void an_undecodable_frame_discards_the_part_in_flight() {
    auto machine = transferring({file("a", 6 * (1 << 20))});
    in_file(machine, 0, 5 * (1 << 20));
    const auto actions = machine.undecodable("unknown frame type");
    QVERIFY(settles(actions, false));
    const auto* cancel = find<SendCancel>(actions);
    QVERIFY(cancel && cancel->failure.cause == FailureCause::ProtocolError);
    machine.cancel_sent(true);
    machine.peer_closed();
    QVERIFY(!machine.resumable());
  }

  void a_violation_discards_even_a_part_worth_keeping() {
    auto machine = transferring({file("a", 2 * kBlock)});
    in_file(machine, 0, kBlock + 1);
    QVERIFY(settles(machine.frame(protocol::FileBegin{0, 0}), false));
  }

  // --- failures and endings

  void a_cut_connection_keeps_a_part_holding_a_block() {
    auto machine = transferring({file("a", 2 * kBlock)});
    in_file(machine, 0, kBlock);
    const auto actions = machine.fail({FailureCause::ConnectionLost, {"cut", {}, {}, {}}}, false);
    QVERIFY(settles(actions, true) && has<EmitDone>(actions));
    QVERIFY(machine.resumable());
  }

  // Issue 19 defect 3's rule: below one block, no part is kept.
  void a_write_error_below_one_block_keeps_nothing() {
    auto machine = transferring({file("a", 2 * kBlock)});
    in_file(machine, 0, kBlock - 1);
    machine.file_reported(false, FailureCause::DiskFull);
    const auto actions = machine.fail({FailureCause::DiskFull, {"write", {}, {}, {}}}, true);
    QVERIFY(settles(actions, false));
    const auto* cancel = find<SendCancel>(actions);
    QVERIFY(!machine.cancel_reason(cancel->failure).ends_with(kKeptForResume));
  }

  void a_part_of_another_sessions_name_is_never_kept() {
    auto machine = transferring({file("a", 2 * kBlock)});
    in_file(machine, 0, kBlock, false);
    QVERIFY(settles(machine.fail({FailureCause::ConnectionLost, {"cut", {}, {}, {}}}, false), false));
  }

  // The double free and the use-after-free under Wine: a cancel while a
  // payload read fills the part's buffer. The part is settled only once the
  // read ends, the drain does not run beside it, and SessionDone comes last.
  void cancel_while_a_payload_read_is_in_flight() {
    auto machine = transferring({file("a", 2 * kBlock)});
    in_file(machine, 0, kBlock);
    machine.frame(protocol::DataHeader{1 << 20});
    machine.part_io_started();
    const auto cancel = machine.user_cancel();
    QVERIFY(!has<SettlePart>(cancel));
    const auto* sent = find<SendCancel>(cancel);
    QVERIFY(machine.cancel_reason(sent->failure).ends_with(kKeptForResume));
    const auto linger = machine.cancel_sent(true);
    QVERIFY(has<StartLinger>(linger) && !has<Drain>(linger));
    QVERIFY(machine.payload_read(1 << 20).empty());  // ignored: the session is over
    const auto late = machine.part_io_done();
    QVERIFY(settles(late, true) && has<Drain>(late));
    const auto end = machine.peer_closed();
    QCOMPARE(count<EmitDone>(end), std::size_t(1));
    QVERIFY(!has<SettlePart>(end));
    QVERIFY(machine.resumable());
  }

  void the_session_closing_during_a_payload_read_waits_for_it() {
    auto machine = transferring({file("a", 2 * kBlock)});
    in_file(machine, 0, 10);
    machine.frame(protocol::DataHeader{10});
    machine.part_io_started();
    const auto end = machine.fail({FailureCause::IdleTimeout, {"idle", {}, {}, {}}}, false);
    QVERIFY(has<Close>(end) && !has<EmitDone>(end) && !has<SettlePart>(end));
    QCOMPARE(machine.state(), ReceiveState::Settling);
    const auto late = machine.part_io_done();
    QVERIFY(settles(late, false) && has<EmitDone>(late));
    QCOMPARE(machine.state(), ReceiveState::Done);
  }

  // A session ended twice when a durable batch finished while lingering.
  void failure_while_a_durable_batch_runs() {
    std::vector<protocol::OfferEntry> entries;
    for (int i = 0; i < 300; ++i) entries.push_back(file("f" + std::to_string(i), 1));
    auto machine = transferring(entries);
    ReceiveActions last;
    for (std::uint32_t i = 0; i < 256; ++i) {
      in_file(machine, i, 1);
      machine.frame(protocol::FileEnd{i, {}});
      last = machine.file_verified();
    }
    QVERIFY(has<StartCommit>(last) && machine.committing());
    in_file(machine, 256, 1);
    machine.frame(protocol::FileEnd{256, {}});
    machine.file_verified();  // waits for the next batch
    const auto fail = machine.fail({FailureCause::CancelledByPeer, {"the sender ended it", {}, {}, {}}}, true);
    // The verified file waits for the batch that runs: one commit at a time.
    QVERIFY(!has<StartCommit>(fail) && has<SendCancel>(fail) && !has<EmitDone>(fail));
    const auto* sent = find<SendCancel>(fail);
    QVERIFY(machine.cancel_reason(sent->failure).ends_with(kKeptForResume));
    machine.cancel_sent(true);
    const auto next = machine.commit_done();  // lingering: no second ending, the waiting file's commit
    QVERIFY(has<StartCommit>(next) && !has<EmitDone>(next) && machine.committing());
    QVERIFY(!has<EmitDone>(machine.peer_closed()));  // SessionDone waits for that commit
    QCOMPARE(machine.state(), ReceiveState::Settling);
    const auto end = machine.commit_done();
    QCOMPARE(count<EmitDone>(end), std::size_t(1));
    QVERIFY(machine.peer_closed().empty() && machine.linger_expired().empty());
  }

  void the_session_closing_during_a_commit_waits_for_it() {
    auto machine = transferring({file("a", 1), file("b", 1)});
    in_file(machine, 0, 1);
    machine.frame(protocol::FileEnd{0, {}});
    machine.file_verified();
    in_file(machine, 1, 1);
    machine.frame(protocol::FileEnd{1, {}});
    QVERIFY(has<StartCommit>(machine.file_verified()));
    const auto end = machine.fail({FailureCause::ConnectionLost, {"cut", {}, {}, {}}}, false);
    QVERIFY(!has<EmitDone>(end) && !has<StartCommit>(end));
    QVERIFY(has<EmitDone>(machine.commit_done()));
  }

  void a_commit_that_fails_names_the_rest_and_fails() {
    auto machine = transferring({file("a", 1), file("b", 1)});
    for (std::uint32_t i = 0; i < 2; ++i) {
      in_file(machine, i, 1);
      machine.frame(protocol::FileEnd{i, {}});
      machine.file_verified();
    }
    machine.file_reported(false, FailureCause::Other);
    const auto actions = machine.commit_failed(1, {FailureCause::Other, {"rename", {}, {}, {}}});
    QVERIFY(has<StartCommit>(actions) && has<SendCancel>(actions));
  }

  // A session ending with verified files waiting names them on a worker like
  // any batch: SessionDone comes only once that commit reported back.
  void an_ending_session_waits_for_its_last_commit() {
    auto machine = transferring({file("a", 1), file("b", 1)});
    in_file(machine, 0, 1);
    machine.frame(protocol::FileEnd{0, {}});
    QVERIFY(!has<StartCommit>(machine.file_verified()));
    const auto end = machine.fail({FailureCause::ConnectionLost, {"cut", {}, {}, {}}}, false);
    QVERIFY(has<StartCommit>(end) && has<Close>(end) && !has<EmitDone>(end));
    QVERIFY(machine.resumable());
    QCOMPARE(count<EmitDone>(machine.commit_done()), std::size_t(1));
  }

  // The part's open runs on a worker: a cancel meanwhile settles the part
  // only when the open reports back, and no frame is read before it.
  void cancel_while_the_part_opens() {
    auto machine = transferring({file("a", 2 * kBlock)});
    QVERIFY(has<BeginFile>(machine.frame(protocol::FileBegin{0, 0})));
    machine.part_claimed(true);
    machine.part_io_started();
    const auto cancel = machine.user_cancel();
    QVERIFY(!has<SettlePart>(cancel) && has<SendCancel>(cancel));
    QVERIFY(has<StartLinger>(machine.cancel_sent(true)));
    const auto late = machine.part_io_done();
    QVERIFY(settles(late, false) && has<Drain>(late));
    QVERIFY(machine.part_opened().empty());  // no reading after the end
    QCOMPARE(count<EmitDone>(machine.peer_closed()), std::size_t(1));
  }

  // The peer closes while we linger: one ending, whatever comes after.
  void peer_close_during_linger() {
    auto machine = transferring({file("a", 5)});
    const auto fail = machine.fail({FailureCause::IdleTimeout, {"nothing received", {}, {}, {}}}, true);
    QVERIFY(has<SendCancel>(fail));
    QVERIFY(machine.frame(protocol::FileBegin{0, 0}).empty());  // no more reading
    machine.cancel_sent(true);
    QCOMPARE(count<EmitDone>(machine.peer_closed()), std::size_t(1));
    QVERIFY(machine.linger_expired().empty());
    QVERIFY(machine.user_cancel().empty());
  }

  void a_cancel_that_cannot_be_sent_ends_the_session() {
    auto machine = transferring({file("a", 5)});
    machine.user_cancel();
    QVERIFY(has<EmitDone>(machine.cancel_sent(false)));
  }

  void the_senders_cancel_ends_without_an_answer() {
    auto machine = transferring({file("a", 5)});
    const auto actions = machine.frame(protocol::Cancel{"cancelled by the user"});
    QVERIFY(!has<SendCancel>(actions) && has<EmitDone>(actions));
  }
};

QTEST_GUILESS_MAIN(TestReceiveMachine)
#include "test_receive_machine.moc"
