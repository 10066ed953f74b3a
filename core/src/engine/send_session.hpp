// SPDX-License-Identifier: Apache-2.0
#pragma once
// The sending side of one session: the Asio driver of a SendMachine. The
// machine decides (which frame may come, which file is next, how the session
// ends); this class performs its actions and moves each file's bytes with
// the strategy the planner picks, while results stream back.
//
// Which thread touches what: everything here runs on the engine thread, in
// handlers posted to `executor_`. Worker jobs (walking the paths, preparing
// files, digesting a zero-copy file, checking a sent file for changes) get
// copies of what they need and post their results back; they never touch
// the session, and the reference that brings a result back moves into the
// posted handler, so a session (with its sources and their lanes) is never
// destroyed on a worker, racing the engine thread. A Direct source's digest lane calls the file's StreamDigest,
// which no one else touches until the source has observed every byte.
#include <chrono>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "../transport/connection.hpp"
#include "digest.hpp"
#include "ferry/core/transfer_engine.hpp"
#include "ferry/platform/file_source.hpp"
#include "frame_channel.hpp"
#include "idle_watchdog.hpp"
#include "offer_builder.hpp"
#include "prepared_file.hpp"
#include "progress_meter.hpp"
#include "send_machine.hpp"
#include "session.hpp"
#include "token_bucket.hpp"

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
              std::vector<std::filesystem::path> paths, SendPolicy policy, std::string text);

  void start();
  void cancel() override;
  void respond(OfferAnswer) override {}
  void limit(std::uint64_t bytes_per_second) override;

 private:
  struct CurrentFile {
    std::uint32_t index = 0;
    std::unique_ptr<StreamDigest> digest;
    // After the digest it feeds: destroyed first, so a digest running on
    // the source's lane ends before the digest goes.
    std::unique_ptr<platform::FileSource> source;
    std::uint64_t size = 0;
    std::chrono::steady_clock::time_point started;
    std::optional<Result<protocol::Digest>> separate_digest;  // zero-copy only
    std::optional<bool> changed_while_read;                   // checked at open
    std::uint32_t paced = 0;  // bytes the upload limits reserved for the next DATA frame
    bool data_done = false;
  };

  void perform(SendActions actions);
  void perform(const SendAction& action);
  void on_offer_built(Result<PlannedOffer> planned);
  void connect();
  void arm_watchdog();
  void handshake(bool offer_kernel_tls);
  void on_handshake();
  void introduce(bool fast_mode);
  void identify_peer_by_name();
  void read_frame();
  void flush(Flush purpose);
  void leave_tls();
  void start_data();
  void report_file(const send_action::ReportFile& report);
  void linger_for(std::chrono::milliseconds after);
  void close_and_report();

  void send_next_file();
  void send_file(std::uint32_t index);
  void prepare_more();
  void on_prepared(std::vector<PreparedFile> files);
  platform::DirectOptions direct_options() const;
  std::uint64_t held_ahead(Strategy strategy, std::uint64_t size) const;
  void next_file_later();
  void start_file(PreparedFile file);
  bool open_file(PreparedFile file);
  void send_chunk();
  bool pace(std::uint64_t wanted);
  void send_data(std::uint32_t chunk);
  void data_sent();
  void check_for_changes();
  void end_file(bool changed);
  void digest_separately(const std::filesystem::path& path, std::uint64_t size);
  void abort_file(std::uint32_t index, const Failure& failure);
  std::string peer() const;
  void log_upload_limit() const;

  SessionHost& host_;
  boost::asio::any_io_executor executor_;
  TransferId id_;
  std::string host_name_;
  std::uint16_t port_;
  std::vector<std::filesystem::path> paths_;
  SendPolicy policy_;
  std::string text_;  // the OFFER's message
  std::shared_ptr<boost::asio::ssl::context> tls_;
  Connection connection_;
  boost::asio::steady_timer connect_timer_;  // settings().connect_timeout
  PeerIdentity identity_;
  DigestRecipe recipe_;
  boost::asio::steady_timer linger_;
  IdleWatchdog watchdog_;
  FrameReader reader_;
  FrameWriter writer_;
  SendMachine machine_;
  PlannedOffer planned_;            // its offer's entries move into the machine once sent
  std::deque<PreparedFile> ready_;  // the next files, prepared on a worker, in order
  std::uint64_t ready_bytes_ = 0;   // what their open sources hold (held_ahead)
  std::uint32_t prepare_from_ = 0;  // the first entry not handed to a worker yet
  bool preparing_ = false;          // a worker prepares a batch now
  bool waiting_for_ready_ = false;  // and send_next_file waits for it
  std::optional<CurrentFile> current_;
  ProgressMeter progress_;
  std::optional<std::chrono::steady_clock::time_point> data_started_;  // first DATA sent
  TokenBucket own_limit_;                                              // policy_.upload_limit; the engine's applies too
  boost::asio::steady_timer pace_timer_;  // until the upload limits allow the next DATA frame
};

}  // namespace ferry
