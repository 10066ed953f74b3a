#pragma once
// The receiving side of one session: validate the offer, ask for consent,
// tell the sender what earlier sessions left (HAVE), land each file in a part
// file, verify it, make it durable and only then give it its name.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "digest.hpp"
#include "failure.hpp"
#include "frame_channel.hpp"
#include "idle_watchdog.hpp"
#include "progress_meter.hpp"
#include "resume.hpp"
#include "session.hpp"
#include "../transport/connection.hpp"
#include "ferry/platform/file_sink.hpp"
#include "ferry/platform/receive_folder.hpp"

namespace ferry {

class ReceiveSession final : public Session, public std::enable_shared_from_this<ReceiveSession> {
 public:
  ReceiveSession(SessionHost& host, boost::asio::ip::tcp::socket socket,
                 std::shared_ptr<boost::asio::ssl::context> tls, TransferId id,
                 std::shared_ptr<platform::ReceiveFolder> folder);

  void start();
  void cancel() override;
  void respond(bool accept) override;

 private:
  // How a file moved on this side, for its FileDone.
  struct FileRecord {
    Strategy strategy = Strategy::Buffered;
    std::string strategy_note;
    std::uint64_t resumed_bytes = 0;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  };
  struct CurrentFile {
    std::uint32_t index = 0;
    std::string part_name;
    bool part_is_resumable = false;  // the stable name, claimed: kept for resume on failure
    std::optional<ReceiverCopy> copy;  // what an earlier session left of it
    std::unique_ptr<platform::FileSink> sink;  // none when the whole file was already here
    FileRecord record;
    StreamDigest digest;
    std::uint64_t received = 0;  // bytes of the file we hold, resumed ones included
    std::span<std::byte> buffer;  // acquired from the sink, being filled
    std::size_t filled = 0;
  };
  // A verified part file waiting for the next durable commit.
  struct VerifiedFile {
    std::uint32_t index = 0;
    std::string part_name;
    bool part_is_resumable = false;
    FileRecord record;
  };

  void on_handshake();
  void await_hello();
  bool grants_fast_mode(const protocol::Hello& hello) const;
  void await_offer();
  void start_data_phase();
  void on_offer(protocol::Offer offer);
  void on_copies_located(std::map<std::uint32_t, ReceiverCopy> copies);
  void on_copies_digested(std::map<std::uint32_t, ReceiverCopy> copies);
  void decline(protocol::DeclineReason reason, const std::string& message);
  void read_next();
  void dispatch(protocol::Message message);
  void begin_file(const protocol::FileBegin& begin);
  std::optional<Failure> open_part(std::uint64_t resume_from);
  void receive_data(std::uint32_t length);
  void pump_data();
  void end_file(const protocol::FileEnd& end);
  void verify(const protocol::Digest& expected);
  void abort_file(const protocol::FileAbort& abort);
  void drop_file(protocol::FileStatus status, FailureCause cause, const std::string& message);
  void next_file();

  void queue_commit();
  void commit_batch();
  void on_durable(const std::optional<IoError>& error);
  void after_commit();

  void report(std::uint32_t index, protocol::FileStatus status, const Failure& failure,
              const std::string& stored_path, const FileRecord& record);
  void write_failed(const IoError& error);
  void finish_session();

  void protocol_error(const std::string& what);
  void fail(FailureCause cause, const std::string& error, bool tell_peer);
  std::string reason_for_peer(FailureCause cause, const std::string& error) const;
  bool keeps_what_arrived() const;
  void linger(const std::string& error);
  void drain();
  void after_late_payload_read();
  void finish(bool ok, FailureCause cause, const std::string& error);
  void end_session_when_settled();
  void keep_or_discard_parts();
  void settle_current_part();
  void commit_now(std::vector<VerifiedFile> files, const std::optional<IoError>& durable_error);
  void discard_part();
  void arm_watchdog();

  const protocol::OfferEntry& entry(std::uint32_t index) const { return offer_.entries[index]; }

  SessionHost& host_;
  boost::asio::any_io_executor executor_;
  TransferId id_;
  std::string peer_;  // "address:port"
  std::shared_ptr<boost::asio::ssl::context> tls_;
  Connection connection_;
  boost::asio::steady_timer linger_;
  IdleWatchdog watchdog_;
  std::vector<std::byte> drain_buffer_;
  std::shared_ptr<platform::ReceiveFolder> folder_;
  FrameReader reader_;
  FrameWriter writer_;
  std::string device_name_;
  PeerIdentity identity_;  // the sender's, from its certificate
  protocol::TransferMode mode_ = protocol::TransferMode::Encrypted;
  DigestRecipe recipe_;
  bool offer_admitted_ = false;  // counted by the host's offer limits until settled
  protocol::Offer offer_;
  std::uint32_t file_count_ = 0;
  std::uint64_t total_bytes_ = 0;
  std::map<std::uint32_t, ReceiverCopy> copies_;  // by offer index, until the file begins
  std::optional<CurrentFile> current_;
  std::int64_t last_index_ = -1;
  std::uint32_t chunk_left_ = 0;
  std::uint32_t files_ended_ = 0;  // data phase over: verified, or failed
  std::uint32_t files_ok_ = 0;
  std::uint32_t files_failed_ = 0;
  std::vector<VerifiedFile> verified_;  // waiting for the next commit
  std::uint64_t verified_bytes_ = 0;
  bool committing_ = false;
  std::vector<VerifiedFile> in_commit_;  // the batch being made durable
  std::vector<std::string> claimed_parts_;
  ProgressMeter progress_;
  std::uint64_t data_bytes_ = 0;  // DATA payload bytes received
  // A payload read is in flight into the current sink's buffer: the sink
  // must outlive it, even when the session fails meanwhile.
  bool payload_read_pending_ = false;
  bool awaiting_consent_ = false;
  // The sender broke the protocol: no part file is kept for resuming.
  bool discard_parts_ = false;
  bool part_kept_ = false;  // the part of a file cut short stays for the next session
  std::uint32_t files_already_there_ = 0;
  FailureCause first_file_cause_ = FailureCause::None;  // of the first file that failed
  FailureCause failure_cause_ = FailureCause::None;     // of the session
  bool finished_ = false;       // nothing more is processed
  bool done_emitted_ = false;   // finish() ran; SessionDone is out or follows once settled
  bool session_ended_ = false;  // SessionDone is out
  std::optional<std::string> linger_error_;  // set while draining after our CANCEL
  std::pair<bool, std::string> outcome_;  // for SessionDone: ok, error
  std::optional<std::chrono::steady_clock::time_point> data_started_;  // first DATA received
};

}  // namespace ferry
