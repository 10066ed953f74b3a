#pragma once
// The receiving side of one session: validate the offer, ask for consent,
// land each file in a part file, verify it, and only then give it its name.
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <vector>

#include "digest.hpp"
#include "frame_channel.hpp"
#include "progress_meter.hpp"
#include "session.hpp"
#include "ferry/platform/file_sink.hpp"
#include "ferry/platform/receive_folder.hpp"

namespace ferry {

class ReceiveSession final : public Session, public std::enable_shared_from_this<ReceiveSession> {
 public:
  ReceiveSession(SessionHost& host, boost::asio::ip::tcp::socket socket, TransferId id,
                 std::shared_ptr<platform::ReceiveFolder> folder);

  void start();
  void cancel() override;
  void respond(bool accept) override;

 private:
  struct CurrentFile {
    std::uint32_t index = 0;
    std::string part_name;
    std::unique_ptr<platform::FileSink> sink;
    Strategy strategy = Strategy::Buffered;
    std::string strategy_note;
    StreamDigest digest;
    std::uint64_t received = 0;
    std::span<std::byte> buffer;  // acquired from the sink, being filled
    std::size_t filled = 0;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  };

  void await_hello();
  void await_offer();
  void on_offer(protocol::Offer offer);
  void decline(protocol::DeclineReason reason, const std::string& message);
  void read_next();
  void dispatch(protocol::Message message);
  void begin_file(std::uint32_t index);
  void receive_data(std::uint32_t length);
  void pump_data();
  void end_file(const protocol::FileEnd& end);
  void verify_and_commit(const protocol::Digest& expected);
  void abort_file(const protocol::FileAbort& abort);
  void drop_file(protocol::FileStatus status, const std::string& message);
  void next_file();
  void report(std::uint32_t index, protocol::FileStatus status, const std::string& message,
              const std::string& stored_path);
  void finish_session();

  void protocol_error(const std::string& what);
  void fail(const std::string& error, bool tell_peer);
  void linger(const std::string& error);
  void drain(const std::string& error);
  void finish(bool ok, const std::string& error);
  void discard_part();
  void discard_current();

  const protocol::OfferEntry& entry(std::uint32_t index) const { return offer_.entries[index]; }

  SessionHost& host_;
  boost::asio::any_io_executor executor_;
  TransferId id_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer linger_;
  std::vector<std::byte> drain_buffer_;
  std::string peer_;
  std::shared_ptr<platform::ReceiveFolder> folder_;
  FrameReader reader_;
  FrameWriter writer_;
  std::string device_name_;
  protocol::Offer offer_;
  std::uint32_t file_count_ = 0;
  std::uint64_t total_bytes_ = 0;
  std::optional<CurrentFile> current_;
  std::int64_t last_index_ = -1;
  std::uint32_t chunk_left_ = 0;
  std::uint32_t files_ok_ = 0;
  std::uint32_t files_failed_ = 0;
  ProgressMeter progress_;
  bool awaiting_consent_ = false;
  bool finished_ = false;       // nothing more is processed
  bool done_emitted_ = false;   // SessionDone went out
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace ferry
