#pragma once
// The sending side of one session: offer, then every file back to back, each
// moved by the strategy the planner picks, while results stream back.
#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "digest.hpp"
#include "failure.hpp"
#include "frame_channel.hpp"
#include "idle_watchdog.hpp"
#include "prepared_file.hpp"
#include "offer_builder.hpp"
#include "progress_meter.hpp"
#include "resume.hpp"
#include "session.hpp"
#include "../transport/connection.hpp"
#include "ferry/core/transfer_engine.hpp"
#include "ferry/platform/file_source.hpp"

namespace ferry {

// A batch of files prepared ahead of the one being sent: at most this many
// (each holds its descriptor), and this many bytes read at once by their
// sources (at most a MiB each).
inline constexpr std::size_t kPreparedAhead = 32;
inline constexpr std::uint64_t kPreparedBytes = 4 * 1024 * 1024;
inline constexpr std::uint64_t kPreparedFileBytes = 1024 * 1024;

class SendSession final : public Session, public std::enable_shared_from_this<SendSession> {
 public:
  SendSession(SessionHost& host, const boost::asio::any_io_executor& executor,
              std::shared_ptr<boost::asio::ssl::context> tls, TransferId id, std::string host_name, std::uint16_t port,
              std::vector<std::filesystem::path> paths, SendPolicy policy);

  void start();
  void cancel() override;
  void respond(bool) override {}

 private:
  struct FileRecord {
    Strategy strategy = Strategy::Buffered;
    std::string note;
    std::uint64_t resumed_bytes = 0;
    std::chrono::steady_clock::time_point started;
    double send_seconds = 0;
    bool already_there = false;            // the receiver held it whole: nothing was sent
    std::optional<Failure> local_failure;  // why we aborted it, with our own detail
  };
  struct CurrentFile {
    std::uint32_t index = 0;
    std::unique_ptr<StreamDigest> digest;
    // After the digest it feeds: destroyed first, so a digest running on
    // the source's lane ends before the digest goes.
    std::unique_ptr<platform::FileSource> source;
    std::uint64_t size = 0;
    std::uint64_t sent = 0;
    std::optional<Result<protocol::Digest>> separate_digest;  // zero-copy only
    bool data_done = false;
  };

  void on_offer_built(Result<PlannedOffer> planned);
  void connect();
  void on_connected();
  void on_handshake();
  void await_hello();
  void on_mode_agreed();
  void await_answer();
  std::optional<std::string> take_have(protocol::Have have);
  void on_accepted();
  void read_results();
  void on_result(const protocol::FileResult& result);

  void send_next_file();
  std::uint32_t next_file_from(std::uint32_t index) const;
  void prepare_more();
  void on_prepared(std::vector<PreparedFile> files);
  platform::DirectOptions direct_options() const;
  void next_file_later();
  void start_file(PreparedFile file);
  bool open_file(PreparedFile file);
  void send_chunk();
  void finish_file();
  bool changed_while_sent(std::uint32_t index) const;
  void digest_separately(const std::filesystem::path& path, std::uint64_t size);

  void abort_file(std::uint32_t index, const Failure& failure);
  void peer_cancelled(const std::string& reason);
  void send_failed(const ErrorDetail& error);
  void fail(const Failure& failure);
  void finish(bool ok, const Failure& failure);
  bool receiver_keeps_something(FailureCause cause) const;
  void arm_watchdog();
  std::string peer() const;

  SessionHost& host_;
  boost::asio::any_io_executor executor_;
  TransferId id_;
  std::string host_name_;
  std::uint16_t port_;
  std::vector<std::filesystem::path> paths_;
  SendPolicy policy_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  Connection connection_;
  boost::asio::steady_timer connect_timer_;  // settings().connect_timeout
  PeerIdentity identity_;
  std::string peer_name_;  // from the receiver's hello
  OperatingSystem peer_os_ = OperatingSystem::Other;
  bool asked_fast_mode_ = false;
  protocol::TransferMode mode_ = protocol::TransferMode::Encrypted;
  DigestRecipe recipe_;
  boost::asio::steady_timer linger_;
  IdleWatchdog watchdog_;
  std::optional<ErrorDetail> send_error_;  // the data phase broke; see send_failed
  FrameReader reader_;
  FrameWriter writer_;
  PlannedOffer planned_;
  std::vector<FileRecord> records_;
  std::map<std::uint32_t, protocol::Have> haves_;  // what the receiver holds, by offer index
  std::uint32_t next_index_ = 0;
  std::deque<PreparedFile> ready_;  // the next files, prepared on a worker, in order
  std::uint32_t prepare_from_ = 0;  // the first entry not handed to a worker yet
  bool preparing_ = false;          // a worker prepares a batch now
  bool waiting_for_ready_ = false;  // and send_next_file waits for it
  std::optional<CurrentFile> current_;
  ProgressMeter progress_;
  std::uint32_t results_ok_ = 0;
  std::uint32_t results_failed_ = 0;
  std::uint32_t files_already_there_ = 0;
  FailureCause first_file_cause_ = FailureCause::None;                 // of the first file that failed
  std::optional<std::chrono::steady_clock::time_point> data_started_;  // first DATA sent
  std::uint64_t data_bytes_ = 0;
  std::uint64_t in_flight_bytes_ = 0;  // of the file cut short, counting from its first byte
  bool streaming_ = false;             // the offer was accepted
  bool cancel_requested_ = false;
  bool peer_kept_what_arrived_ = false;  // its CANCEL said so
  bool finished_ = false;
};

}  // namespace ferry
