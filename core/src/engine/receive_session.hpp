// SPDX-License-Identifier: Apache-2.0
#pragma once
// The receiving side of one session, as the Asio driver of ReceiveMachine:
// the machine decides (which frame may come, what becomes of the file in
// flight, how the session ends); this performs its actions on the socket,
// the part files and the receive folder, and feeds it what they report.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "commit_batch.hpp"
#include "digest.hpp"
#include "failure.hpp"
#include "frame_channel.hpp"
#include "idle_watchdog.hpp"
#include "part_file.hpp"
#include "progress_meter.hpp"
#include "receive_machine.hpp"
#include "resume.hpp"
#include "session.hpp"
#include "../transport/connection.hpp"
#include "ferry/core/local_name.hpp"
#include "ferry/platform/receive_folder.hpp"

namespace ferry {

// What a worker needs to make a batch durable, name its files and tell the
// ledger: copies, so the job never reads the session.
struct BatchToName {
  struct Part {
    std::string part_name;
    std::string local_path;  // where the file goes here (local_name.hpp)
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    FileAttributes attributes;  // to give it; none when the user does not keep them
  };
  std::shared_ptr<platform::ReceiveFolder> folder;
  std::shared_ptr<DeliveryLedger> ledger;
  std::string fingerprint;
  std::vector<Part> parts;
  bool durable = true;
};

class ReceiveSession final : public Session, public std::enable_shared_from_this<ReceiveSession> {
 public:
  ReceiveSession(SessionHost& host, boost::asio::ip::tcp::socket socket, std::shared_ptr<boost::asio::ssl::context> tls,
                 TransferId id, std::shared_ptr<platform::ReceiveFolder> folder);

  void start();
  void cancel() override;
  void respond(OfferAnswer answer) override;
  void decline_unanswered() override;

 private:
  // The file whose frames are arriving.
  struct CurrentFile {
    std::uint32_t index = 0;
    std::optional<ReceiverCopy> copy;  // what an earlier session left of it
    StreamDigest digest;               // fed by the sink, which is closed first
    std::optional<PartFile> part;      // none when the whole file was already here
    ReceiveRecord record;
    std::span<std::byte> buffer;  // acquired from the sink (or `whole`), being filled
    std::size_t filled = 0;
    // A small file's bytes, written whole by one worker job at its end
    // (no sink: its part is opened, written and closed there).
    bool in_memory = false;
    std::vector<std::byte> whole;
  };

  void perform(ReceiveActions actions);
  void perform_one(ReceiveAction& action);

  void await_hello();
  void on_hello(const protocol::Hello& hello);
  bool grants_fast_mode(const protocol::Hello& hello) const;
  void await_offer();
  void on_offer(protocol::Offer offer);
  void on_copies_located(std::map<std::uint32_t, ReceiverCopy> copies, std::vector<RenamedEntry> renamed,
                         std::optional<std::uint64_t> free);
  void digest_copies();
  void switch_folder();
  void on_folder_switched(Result<std::unique_ptr<platform::ReceiveFolder>> folder,
                          std::map<std::uint32_t, ReceiverCopy> copies, std::optional<std::uint64_t> free);
  // `free`: the folder's free bytes, measured on a worker, to check what was
  // taken against; none: no check. `folder_name` says which, to the sender.
  void digest_taken_copies(std::optional<std::uint64_t> free, std::string_view folder_name);
  bool takes(std::uint32_t index) const { return take_.empty() || take_[index]; }
  void on_copies_digested(std::map<std::uint32_t, ReceiverCopy> copies);
  void send_decline(const receive_action::Decline& decline);
  void read_frame();
  void begin_file(const receive_action::BeginFile& begin);
  std::optional<Failure> claim_part(std::uint64_t resume_from);
  void open_part(std::uint64_t resume_from);
  void on_part_opened(PartFile part, std::optional<Failure> failure, const std::string& fallback);
  void read_payload(std::uint32_t left);
  void finish_file(const receive_action::FinishFile& finish);
  void write_whole_file(const receive_action::FinishFile& finish);
  void on_whole_file_written(std::optional<IoError> error, const protocol::Digest& digest,
                             const protocol::Digest& expected);
  void file_verified();
  void drop_file(const receive_action::DropFile& drop);
  void settle_part(bool keep);
  void discard_part(std::string name);
  void on_part_discarded();
  void start_commit();
  BatchToName batch_to_name(const std::vector<VerifiedFile>& files) const;
  void on_committed(std::vector<Result<std::string>> names);
  std::optional<Failure> report_name(const VerifiedFile& file, Result<std::string> name);
  void send_summary();
  void on_folders_made(const std::vector<IoError>& failures);
  void send_cancel(const receive_action::SendCancel& cancel);
  void drain();
  void close();
  void end_when_discarded();
  void emit_done();

  void report(std::uint32_t index, protocol::FileStatus status, const Failure& failure, const std::string& stored_path,
              const ReceiveRecord& record);
  void write_failed(const IoError& error);
  void fail(const Failure& failure, bool tell_peer);
  void arm_watchdog();

  const protocol::OfferEntry& entry(std::uint32_t index) const { return (*entries_)[index]; }

  SessionHost& host_;
  boost::asio::any_io_executor executor_;
  TransferId id_;
  Endpoint peer_;
  std::string peer_text_;  // format_endpoint(peer_), for the log
  std::shared_ptr<boost::asio::ssl::context> tls_;
  Connection connection_;
  boost::asio::steady_timer linger_;
  IdleWatchdog watchdog_;
  std::vector<std::byte> drain_buffer_;
  std::shared_ptr<platform::ReceiveFolder> folder_;
  const NameRules name_rules_;  // which names this system can store
  FrameReader reader_;
  FrameWriter writer_;
  ReceiveMachine machine_;
  std::string device_name_;
  OperatingSystem device_os_ = OperatingSystem::Other;
  PeerIdentity identity_;  // the sender's, from its certificate
  protocol::TransferMode mode_ = protocol::TransferMode::Encrypted;
  DigestRecipe recipe_;
  bool offer_admitted_ = false;  // counted by the host's offer limits until settled
  OfferEntries entries_ = std::make_shared<const std::vector<protocol::OfferEntry>>();
  std::string text_;  // the OFFER's message, for OfferReceived
  // The user's answer: which entries (by index; empty: all), and the folder
  // chosen for this transfer (empty: the receive folder).
  std::vector<bool> take_;
  std::filesystem::path chosen_folder_;
  std::uint64_t total_bytes_ = 0;
  std::uint64_t taken_bytes_ = 0;  // of the entries the user took
  // The receive folder's free bytes when the offer was asked about, kept
  // only when the whole offer did not fit then (the answer must then fit).
  std::optional<std::uint64_t> free_when_short_;
  std::map<std::uint32_t, ReceiverCopy> copies_;  // by offer index, until the file begins
  std::optional<CurrentFile> current_;
  CommitBatch batch_;
  std::vector<std::string> claimed_parts_;
  // Parts being deleted on a worker; SessionDone (which releases the claimed
  // names) waits for them.
  int discards_in_flight_ = 0;
  bool done_after_discards_ = false;
  ProgressMeter progress_;
  std::uint64_t data_bytes_ = 0;                                       // DATA payload bytes received
  std::optional<std::chrono::steady_clock::time_point> data_started_;  // first DATA received
};

}  // namespace ferry
