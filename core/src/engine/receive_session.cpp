// SPDX-License-Identifier: Apache-2.0
// Which thread touches what. Everything in this file runs on the engine
// thread (the socket's executor): the machine, the connection, the reader and
// writer, the part files and their sinks once open, the commit batch. Nothing
// here waits on the disk: worker jobs on the host's pool locate and digest
// earlier copies, measure a folder's free space, open a part with its sink,
// write a small file whole, make a batch durable and name its files, and
// make the offer's folders. They
// capture copies (or take ownership) of what they use (the folder's shared
// handle, the offer, a part, a small file's bytes and digest) and post their
// result back to the engine thread; they never read the session, and they
// move their reference to it into the posted result, so the session is never
// destroyed on a worker. The one exception is a sink's observer: it updates
// the current file's digest, which stays put while the machine keeps the
// part busy. A sink's lane thread (platform/) digests and writes only the
// buffers the sink hands it. A part discarded on an error path is deleted
// by a worker too; its name stays claimed, and SessionDone waits, until it is
// gone, so the unlink cannot overtake a later open of the same name.
#include "receive_session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <random>

#include "failure.hpp"
#include "ferry/core/endpoint.hpp"
#include "ferry/core/offer_space.hpp"
#include "ferry/core/path_rules.hpp"
#include "ferry/platform/pipeline_trace.hpp"
#include "ferry/platform/this_operating_system.hpp"
#include "planner.hpp"

namespace ferry {
namespace {

using namespace receive_action;

// A file up to this size is received into memory and written whole by one
// worker job (as large as the buffered sink's one buffer).
constexpr std::uint64_t kWrittenWholeBytes = 1024 * 1024;

Endpoint remote_endpoint_of(const boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return {"unknown peer", 0};
  auto address = remote.address();
  // An IPv4 peer of a dual-stack listener, as people write it.
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
  return {address.to_string(), remote.port()};
}

// On a worker: statvfs may wait on the disk.
std::optional<std::uint64_t> free_bytes_of(const platform::ReceiveFolder& folder) {
  auto free = folder.free_bytes();
  if (!free) return std::nullopt;
  return free.value();
}

HeldBytes held_of(const std::map<std::uint32_t, ReceiverCopy>& copies) {
  HeldBytes held;
  for (const auto& [index, copy] : copies) held.emplace(index, copy.have.length);
  return held;
}

std::string clip(const std::string& text) { return text.substr(0, protocol::kMaxTextBytes); }

std::map<std::uint32_t, RestartPoint> restart_points(const std::map<std::uint32_t, ReceiverCopy>& copies) {
  std::map<std::uint32_t, RestartPoint> points;
  for (const auto& [index, copy] : copies)
    points[index] = {copy.have.kind == protocol::HaveKind::Complete, copy.have.length};
  return points;
}

}  // namespace

ReceiveSession::ReceiveSession(SessionHost& host, boost::asio::ip::tcp::socket socket,
                               std::shared_ptr<boost::asio::ssl::context> tls, TransferId id,
                               std::shared_ptr<platform::ReceiveFolder> folder)
    : host_(host),
      executor_(socket.get_executor()),
      id_(id),
      peer_(remote_endpoint_of(socket)),
      peer_text_(format_endpoint(peer_)),
      tls_(std::move(tls)),
      connection_(std::move(socket), *tls_),
      linger_(executor_),
      watchdog_(executor_),
      folder_(std::move(folder)),
      name_rules_(name_rules_for(platform::this_operating_system())),
      reader_(connection_),
      writer_(connection_) {}

void ReceiveSession::perform(ReceiveActions actions) {
  for (auto& action : actions) perform_one(action);
}

void ReceiveSession::perform_one(ReceiveAction& action) {
  std::visit(
      [this](auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, ReadFrame>)
          read_frame();
        else if constexpr (std::is_same_v<A, BeginFile>)
          begin_file(a);
        else if constexpr (std::is_same_v<A, ReadPayload>)
          read_payload(a.length);
        else if constexpr (std::is_same_v<A, FinishFile>)
          finish_file(a);
        else if constexpr (std::is_same_v<A, DropFile>)
          drop_file(a);
        else if constexpr (std::is_same_v<A, SettleOffer>) {
          if (offer_admitted_) host_.offer_settled(identity_.fingerprint);
          offer_admitted_ = false;
        } else if constexpr (std::is_same_v<A, DigestCopies>)
          digest_copies();
        else if constexpr (std::is_same_v<A, StartCommit>)
          start_commit();
        else if constexpr (std::is_same_v<A, SendSummary>)
          send_summary();
        else if constexpr (std::is_same_v<A, SettlePart>)
          settle_part(a.keep);
        else if constexpr (std::is_same_v<A, SendCancel>)
          send_cancel(a);
        else if constexpr (std::is_same_v<A, Decline>)
          send_decline(a);
        else if constexpr (std::is_same_v<A, DisarmWatchdog>)
          watchdog_.disarm();
        else if constexpr (std::is_same_v<A, StartLinger>)
          connection_.shutdown_send();
        else if constexpr (std::is_same_v<A, Drain>)
          drain();
        else if constexpr (std::is_same_v<A, Close>)
          close();
        else if constexpr (std::is_same_v<A, EmitDone>)
          end_when_discarded();
      },
      action);
}

void ReceiveSession::start() {
  boost::system::error_code ignored;
  connection_.socket().set_option(boost::asio::ip::tcp::no_delay(true), ignored);
  arm_watchdog();
  // The receiving side sends only small frames: nothing for kernel TLS to do.
  connection_.async_handshake(false, false, [self = shared_from_this()](boost::system::error_code ec) {
    if (!self->machine_.running()) return;
    if (ec) return self->fail({FailureCause::ConnectionLost, {"TLS handshake", {}, ec, {}}}, false);
    self->identity_.fingerprint = self->connection_.peer_fingerprint();
    self->await_hello();
  });
}

// Fast mode only when the sender asks and the user pinned it with fast mode.
bool ReceiveSession::grants_fast_mode(const protocol::Hello& hello) const {
  return hello.wants_fast_mode && identity_.pinned && identity_.pinned->fast_mode && keyed_digest_available();
}

void ReceiveSession::arm_watchdog() {
  const auto timeout = host_.settings().idle_timeout;
  watchdog_.arm(timeout, [self = shared_from_this(), timeout] {
    self->fail({FailureCause::IdleTimeout,
                {fmt::format("nothing received from the sender for {} s", timeout.count() / 1000.0), {}, {}, {}}},
               true);
  });
}

void ReceiveSession::await_hello() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (!self->machine_.running()) return;
    if (ec) return self->fail({FailureCause::ConnectionLost, {"read the hello", {}, ec, {}}}, false);
    self->watchdog_.touch();
    const auto* hello = std::get_if<protocol::Hello>(&m);
    if (!hello) return self->perform(self->machine_.protocol_violation("session did not start with HELLO"));
    self->on_hello(*hello);
  });
}

void ReceiveSession::on_hello(const protocol::Hello& hello) {
  writer_.queue(
      protocol::Hello{protocol::kVersion, host_.settings().device_name, false, platform::this_operating_system()});
  if (hello.version != protocol::kVersion)
    return fail(
        {FailureCause::ProtocolError,
         {fmt::format("peer speaks protocol version {}, we speak {}", hello.version, protocol::kVersion), {}, {}, {}}},
        true);
  device_name_ = hello.device_name;
  device_os_ = hello.os;
  identity_ = identify_peer(host_.settings().known_peers, identity_.fingerprint, hello.device_name);
  if (grants_fast_mode(hello)) {
    const auto key = connection_.export_key(kFastModeKeyLabel);
    if (!key) return fail({FailureCause::Other, {"fast mode: TLS exporter", {}, {}, {}}}, true);
    recipe_.key = *key;
    mode_ = protocol::TransferMode::Fast;
  }
  writer_.async_flush([self = shared_from_this()](std::error_code) {});
  await_offer();
}

void ReceiveSession::await_offer() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (!self->machine_.running()) return;
    if (ec == OfferMemoryError::Exhausted)
      return self->perform(self->machine_.decline(protocol::DeclineReason::Busy, FailureCause::DeclinedAutomatically,
                                                  kOfferMemoryBusyText));
    if (ec) return self->fail({FailureCause::ConnectionLost, {"read the offer", {}, ec, {}}}, false);
    auto* offer = std::get_if<protocol::Offer>(&m);
    if (!offer) return self->perform(self->machine_.protocol_violation("expected OFFER"));
    self->on_offer(std::move(*offer));
  });
}

void ReceiveSession::on_offer(protocol::Offer offer) {
  host_.offer_arrived(id_);
  machine_.offer_arrived();
  // From here until ACCEPT we wait for our own user and disk, not the sender.
  watchdog_.disarm();
  if (auto rejection = offer_rejection(offer)) {
    spdlog::warn("refusing offer from {}: {}", peer_text_, *rejection);
    return perform(machine_.decline(protocol::DeclineReason::InvalidOffer, FailureCause::DeclinedAutomatically,
                                    "invalid offer: " + *rejection));
  }
  entries_ = std::make_shared<const std::vector<protocol::OfferEntry>>(std::move(offer.entries));
  text_ = std::move(offer.text);
  for (const auto& e : *entries_) total_bytes_ += e.size;
  auto done = [self = shared_from_this(), executor = executor_](std::map<std::uint32_t, ReceiverCopy> copies,
                                                                std::vector<RenamedEntry> renamed,
                                                                std::optional<std::uint64_t> free) mutable {
    boost::asio::post(
        executor, [self = std::move(self), copies = std::move(copies), renamed = std::move(renamed), free]() mutable {
          self->on_copies_located(std::move(copies), std::move(renamed), free);
        });
  };
  boost::asio::post(host_.workers(), [folder = folder_, ledger = host_.ledger(), fingerprint = identity_.fingerprint,
                                      entries = entries_, rules = name_rules_, done = std::move(done)]() mutable {
    const Deliveries delivered = ledger->load(fingerprint, folder->root());
    done(locate_receiver_copies(*folder, delivered, fingerprint, *entries, rules), renamed_entries(*entries, rules),
         free_bytes_of(*folder));
  });
}

void ReceiveSession::on_copies_located(std::map<std::uint32_t, ReceiverCopy> copies, std::vector<RenamedEntry> renamed,
                                       std::optional<std::uint64_t> free) {
  if (!machine_.running()) return;
  copies_ = std::move(copies);
  const HeldBytes held = held_of(copies_);
  const bool changed = identity_.trust == PeerTrust::Changed;
  const bool auto_accept = identity_.pinned && identity_.pinned->auto_accept;
  const bool accept_now = !changed && (auto_accept || host_.settings().consent == ConsentPolicy::AcceptAll);
  // What earlier sessions left need not fit again.
  const std::uint64_t needed = bytes_needed(*entries_, held);
  if (free && *free < needed) {
    // Nobody to choose a part that fits: declined as a whole.
    if (accept_now)
      return perform(machine_.decline(
          protocol::DeclineReason::NoSpace, FailureCause::DeclinedAutomatically,
          fmt::format("not enough space in the receive folder: {} bytes needed, {} free", needed, *free)));
    free_when_short_ = free;
  }
  if (!host_.admit_offer(identity_.fingerprint, peer_.host)) {
    spdlog::warn("too many offers from {} (code {}): declined without asking", peer_text_, identity_.verification_code);
    return perform(machine_.decline(protocol::DeclineReason::Busy, FailureCause::DeclinedAutomatically,
                                    "too many offers from this device; try again later"));
  }
  offer_admitted_ = true;
  if (!renamed.empty()) {
    // The local name, not the offered one: it holds no control character to forge a log line with.
    spdlog::info("offer from {}: {} names this system cannot store are saved under others, e.g. '{}'", peer_text_,
                 renamed.size(), renamed.front().local_path);
  }
  if (free_when_short_) {
    spdlog::info("offer from {}: {} bytes needed, {} free in {}: asking which part to take", peer_text_, needed, *free,
                 folder_->root().string());
  }
  host_.emit(OfferReceived{id_, peer_, device_name_, device_os_, entries_, total_bytes_, identity_, mode_, accept_now,
                           std::move(renamed), text_, free, held});
  machine_.asking();
  if (changed) {
    spdlog::warn("{} calls itself '{}' but is not the device pinned under that name (code {}): asking the user",
                 peer_text_, device_name_, identity_.verification_code);
  }
  if (accept_now) respond(OfferAnswer{true, {}, {}});
}

void ReceiveSession::decline_unanswered() {
  perform(machine_.answer(false, protocol::DeclineReason::Declined, FailureCause::DeclinedAutomatically,
                          "nobody answered on the receiving device"));
}

void ReceiveSession::respond(OfferAnswer answer) {
  if (machine_.state() != ReceiveState::AwaitingConsent) return;
  if (answer.accept && !answer.take.empty() && answer.take.size() != entries_->size()) {
    spdlog::error("receive from {}: the answer takes {} entries of an offer of {}: declined", peer_text_,
                  answer.take.size(), entries_->size());
    return perform(
        machine_.answer(false, protocol::DeclineReason::Declined, FailureCause::Other, "declined by the receiver"));
  }
  take_ = std::move(answer.take);
  if (std::ranges::find(take_, false) == take_.end()) take_.clear();  // all of it after all
  taken_bytes_ = 0;
  for (std::uint32_t i = 0; i < entries_->size(); ++i)
    if (takes(i)) taken_bytes_ += (*entries_)[i].size;
  chosen_folder_ = std::move(answer.folder);
  perform(machine_.answer(answer.accept, protocol::DeclineReason::Declined, FailureCause::DeclinedByUser,
                          "declined by the receiver"));
}

// Accepted: into the folder the user chose (its earlier copies looked for
// there), then what the taken files need of the disk, then the copies.
void ReceiveSession::digest_copies() {
  if (!chosen_folder_.empty() && chosen_folder_ != folder_->root()) return switch_folder();
  // Checked again only when the whole offer did not fit when asked, against
  // the free space measured then (what the user chose a part by). An offer
  // that fitted is not measured again: a disk that fills up after it fails
  // the transfer as DiskFull, keeping what arrived to resume, as one that
  // fills up during it does.
  digest_taken_copies(free_when_short_, "receive folder");
}

void ReceiveSession::switch_folder() {
  if (!may_save_to(host_.settings(), chosen_folder_)) {
    spdlog::warn("receive from {}: {} is outside the folders this engine may write to", peer_text_,
                 chosen_folder_.string());
    return perform(machine_.decline(protocol::DeclineReason::Declined, FailureCause::ReceiveFolderUnwritable,
                                    "the receiver cannot save into the folder it chose"));
  }
  auto done = [self = shared_from_this(), executor = executor_](Result<std::unique_ptr<platform::ReceiveFolder>> folder,
                                                                std::map<std::uint32_t, ReceiverCopy> copies,
                                                                std::optional<std::uint64_t> free) mutable {
    boost::asio::post(executor,
                      [self = std::move(self), folder = std::move(folder), copies = std::move(copies), free]() mutable {
                        self->on_folder_switched(std::move(folder), std::move(copies), free);
                      });
  };
  boost::asio::post(host_.workers(),
                    [path = chosen_folder_, ledger = host_.ledger(), fingerprint = identity_.fingerprint,
                     entries = entries_, rules = name_rules_, done = std::move(done)]() mutable {
                      auto folder = platform::ReceiveFolder::open(path);
                      std::map<std::uint32_t, ReceiverCopy> copies;
                      std::optional<std::uint64_t> free;
                      if (folder) {
                        const Deliveries delivered = ledger->load(fingerprint, folder.value()->root());
                        copies = locate_receiver_copies(*folder.value(), delivered, fingerprint, *entries, rules);
                        free = free_bytes_of(*folder.value());
                      }
                      done(std::move(folder), std::move(copies), free);
                    });
}

void ReceiveSession::on_folder_switched(Result<std::unique_ptr<platform::ReceiveFolder>> folder,
                                        std::map<std::uint32_t, ReceiverCopy> copies,
                                        std::optional<std::uint64_t> free) {
  if (!machine_.running()) return;
  if (!folder) {
    const IoError& error = folder.error();
    spdlog::error("receive from {}: the folder chosen: {}", peer_text_, error.describe());
    return perform(machine_.decline(protocol::DeclineReason::Declined, FailureCause::ReceiveFolderUnwritable,
                                    "the receiver cannot save into the folder it chose"));
  }
  spdlog::info("receive from {}: into {}, chosen for this transfer", peer_text_, chosen_folder_.string());
  folder_ = std::move(folder.value());
  copies_ = std::move(copies);
  // The offer's space was measured in the receive folder: this one may be another disk.
  digest_taken_copies(free, "folder chosen");
}

void ReceiveSession::digest_taken_copies(std::optional<std::uint64_t> free, std::string_view folder_name) {
  std::erase_if(copies_, [this](const auto& copy) { return !takes(copy.first); });
  const std::uint64_t needed = taken_bytes_ - held_bytes(copies_);
  if (free && *free < needed) {
    spdlog::warn("receive from {}: what was taken does not fit in {}: {} bytes needed, {} free: declined", peer_text_,
                 folder_->root().string(), needed, *free);
    // The sender hears no local path.
    return perform(machine_.decline(
        protocol::DeclineReason::NoSpace, FailureCause::DeclinedAutomatically,
        fmt::format("not enough space in the {}: {} bytes needed, {} free", folder_name, needed, *free)));
  }
  progress_.reset(id_, taken_bytes_);
  auto done = [self = shared_from_this(), executor = executor_](std::map<std::uint32_t, ReceiverCopy> copies) mutable {
    boost::asio::post(executor, [self = std::move(self), copies = std::move(copies)]() mutable {
      self->on_copies_digested(std::move(copies));
    });
  };
  boost::asio::post(host_.workers(), [folder = folder_, recipe = recipe_, copies = std::move(copies_),
                                      done = std::move(done)]() mutable {
    digest_receiver_copies(*folder, copies, recipe);
    done(std::move(copies));
  });
}

void ReceiveSession::on_copies_digested(std::map<std::uint32_t, ReceiverCopy> copies) {
  if (!machine_.running()) return;
  copies_ = std::move(copies);
  for (auto& [index, copy] : copies_) {
    writer_.queue(copy.have);
    copy.have.blocks = {};  // sent; the restart check needs only the length
  }
  writer_.queue(protocol::Accept{mode_, take_.empty(), protocol::taken_bitmap(take_)});
  machine_.accepted(entries_, restart_points(copies_), take_);
  writer_.async_flush([self = shared_from_this()](std::error_code ec) {
    if (!self->machine_.running()) return;
    if (ec) return self->fail({FailureCause::ConnectionLost, {"send the answer", {}, ec, {}}}, false);
    if (self->mode_ == protocol::TransferMode::Encrypted) return;
    // Fast mode: the sender leaves TLS first; we follow once its close_notify is here.
    self->connection_.async_leave_tls(false, [self](boost::system::error_code ec) {
      if (!self->machine_.running()) return;
      if (ec) return self->fail({FailureCause::ConnectionLost, {"leave TLS for fast mode", {}, ec, {}}}, false);
      self->perform(self->machine_.start_data());
    });
  });
  host_.emit(SessionStarted{id_, Direction::Receive, peer_, machine_.file_count(), taken_bytes_, entries_, identity_,
                            device_name_, device_os_, mode_, false, take_});
  arm_watchdog();
  if (mode_ == protocol::TransferMode::Encrypted) perform(machine_.start_data());
}

// The message goes to the sender: it names no local path.
void ReceiveSession::send_decline(const receive_action::Decline& decline) {
  writer_.queue(protocol::Decline{decline.reason, decline.message});
  writer_.async_flush([self = shared_from_this()](std::error_code) { self->perform(self->machine_.decline_sent()); });
}

void ReceiveSession::read_frame() {
  reader_.async_read_frame([self = shared_from_this()](std::error_code ec, protocol::Message m) {
    if (!self->machine_.running()) return;
    if (is_end_of_stream(ec))
      return self->fail(
          {FailureCause::ConnectionLost, {"read (the sender closed before the session ended)", {}, ec, {}}}, false);
    if (ec && ec.category() == protocol::decode_category())
      return self->perform(self->machine_.undecodable(ec.message()));
    if (ec) return self->fail({FailureCause::ConnectionLost, {"read", {}, ec, {}}}, false);
    self->watchdog_.touch();
    self->perform(self->machine_.frame(m));
  });
}

void ReceiveSession::begin_file(const BeginFile& begin) {
  const std::uint32_t index = begin.index;
  const std::uint64_t size = entry(index).size;
  std::optional<ReceiverCopy> copy;
  if (auto found = copies_.find(index); found != copies_.end()) {
    copy = std::move(found->second);
    copies_.erase(found);
  }
  current_ = CurrentFile{};
  current_->index = index;
  current_->digest = recipe_.start(index);
  current_->record.strategy = plan_receive(size, host_.settings());
  if (begin.offset > 0) {
    if (auto progress = progress_.advance(begin.offset, index)) host_.emit(*progress);
  }
  current_->record.resumed_bytes = begin.offset;
  const bool resumed = begin.offset > 0 || !begin.writes;
  current_->copy = resumed ? std::move(copy) : std::nullopt;
  if (!begin.writes) return;  // nothing to write: FILE_END checks the copy

  if (resumed) {
    // The digest's state at the restart point: after the block ending there.
    const std::uint64_t blocks_kept = protocol::have_block_count(begin.offset);
    current_->digest = current_->copy->prefix_digests[blocks_kept - 1].snapshot();
  }
  if (auto failure = claim_part(begin.offset)) {
    report(index, protocol::FileStatus::WriteFailed, *failure, "", current_->record);
    machine_.file_reported(false, failure->cause);
    return fail(*failure, true);
  }
  if (begin.offset == 0 && size <= kWrittenWholeBytes && current_->record.strategy != Strategy::Direct) {
    current_->in_memory = true;
    current_->whole.resize(size);
    current_->buffer = current_->whole;
    current_->record.strategy = Strategy::Buffered;
    return perform(machine_.part_opened());
  }
  open_part(begin.offset);
}

// Claims the current file's part: its resumable name when no other session
// holds it, a name of this session's own otherwise. The failure, if any.
std::optional<Failure> ReceiveSession::claim_part(std::uint64_t resume_from) {
  CurrentFile& file = *current_;
  const auto& offered = entry(file.index);
  const std::string resumable = file.copy ? file.copy->part_name : resume_part_name(identity_.fingerprint, offered);
  static const std::uint64_t nonce = std::random_device{}();
  auto part = PartFile::claim(host_, folder_, resumable,
                              fmt::format(".ferry-{:x}-{}-{}.part", nonce, id_.value, file.index), resume_from > 0);
  if (!part)
    return Failure{FailureCause::Other, {"claim the part file (another session writes it) of", offered.path, {}, {}}};
  if (part->resumable()) claimed_parts_.push_back(part->name());
  machine_.part_claimed(part->resumable());
  file.part = std::move(*part);
  return std::nullopt;
}

// Opens the claimed part with its sink on a worker (creating, truncating and
// reserving space can wait on the disk). The part travels with the job and
// comes back; meanwhile the machine keeps it in flight.
void ReceiveSession::open_part(std::uint64_t resume_from) {
  CurrentFile& file = *current_;
  const auto& settings = host_.settings();
  auto part = std::make_shared<PartFile>(std::move(*file.part));
  file.part.reset();
  machine_.part_io_started();
  boost::asio::post(
      host_.workers(), [part, self = shared_from_this(), executor = executor_, size = entry(file.index).size,
                        strategy = file.record.strategy,
                        options = platform::DirectOptions{settings.direct_block_bytes, settings.direct_queue_depth},
                        // The digest stays where it is until the part settles: the machine
                        // keeps the file in flight while the part is busy.
                        observer = platform::ByteObserver(
                            [digest = &file.digest](std::span<const std::byte> bytes) { digest->update(bytes); }),
                        resume_from]() mutable {
        std::string fallback;
        auto failure = part->open(executor, size, strategy, options, std::move(observer), resume_from, fallback);
        boost::asio::post(
            executor, [self = std::move(self), part = std::move(part), failure = std::move(failure),
                       fallback = std::move(fallback)] { self->on_part_opened(std::move(*part), failure, fallback); });
      });
}

void ReceiveSession::on_part_opened(PartFile part, std::optional<Failure> failure, const std::string& fallback) {
  CurrentFile& file = *current_;
  file.part = std::move(part);
  auto late = machine_.part_io_done();
  if (!machine_.running()) return perform(std::move(late));
  const auto& offered = entry(file.index);
  if (failure) {
    failure->detail.subject = offered.path;  // the part's own name means nothing to the user
    report(file.index, protocol::FileStatus::WriteFailed, *failure, "", file.record);
    machine_.file_reported(false, failure->cause);
    return fail(*failure, true);
  }
  if (!fallback.empty()) {
    file.record.strategy_note = fallback;
    host_.note_fallback(fallback, (folder_->root() / file.part->name()).string());
  }
  file.record.strategy = file.part->sink()->strategy();
  perform(machine_.part_opened());
}

// Moves the rest of the current DATA payload from the socket into sink
// buffers; a full buffer (or the file's last bytes) is written, and digested,
// by the sink.
void ReceiveSession::read_payload(std::uint32_t left) {
  if (!data_started_) data_started_ = std::chrono::steady_clock::now();
  CurrentFile& file = *current_;
  if (file.buffer.empty() && !file.in_memory) {
    file.part->sink()->async_acquire(
        [self = shared_from_this(), left](std::optional<IoError> error, std::span<std::byte> buffer) {
          if (!self->machine_.running()) return;
          if (error) return self->write_failed(*error);
          self->current_->buffer = buffer;
          self->current_->filled = 0;
          self->read_payload(left);
        });
    return;
  }
  const std::size_t want = std::min<std::size_t>(left, file.buffer.size() - file.filled);
  auto piece = file.buffer.subspan(file.filled, want);
  machine_.part_io_started();
  platform::trace_pipeline("session socket read started {} +{}", machine_.file_received(), piece.size());
  reader_.async_read_payload(piece, [self = shared_from_this(), piece](std::error_code ec) {
    platform::trace_pipeline("session socket read done +{}", piece.size());
    // A session that ended meanwhile settles the part this read was filling.
    auto late = self->machine_.part_io_done();
    if (!self->machine_.running()) return self->perform(std::move(late));
    if (ec)
      return self->fail(
          {FailureCause::ConnectionLost, {"read data of", self->entry(self->current_->index).path, ec, {}}}, false);
    self->watchdog_.touch();
    CurrentFile& file = *self->current_;
    file.filled += piece.size();
    self->data_bytes_ += piece.size();
    auto next = self->machine_.payload_read(static_cast<std::uint32_t>(piece.size()));
    if (!file.in_memory && (file.filled == file.buffer.size() || self->machine_.file_complete())) {
      file.part->sink()->commit(file.filled);
      file.buffer = {};
    }
    if (auto progress = self->progress_.advance(piece.size(), file.index)) self->host_.emit(*progress);
    self->perform(std::move(next));
  });
}

void ReceiveSession::finish_file(const FinishFile& finish) {
  CurrentFile& file = *current_;
  if (!file.part) {  // the receiver already held the whole file
    if (file.copy->whole != finish.digest)
      return perform(machine_.digest_mismatch(
          {"digest mismatch (the copy here differs from the sender's):", entry(finish.index).path, {}, {}}));
    report(finish.index, protocol::FileStatus::Ok, {}, file.copy->stored_path, file.record);
    current_.reset();
    return perform(machine_.already_there());
  }
  if (file.in_memory) return write_whole_file(finish);
  file.part->sink()->async_finish(
      entry(finish.index).mtime_ns, [self = shared_from_this(), digest = finish.digest](std::optional<IoError> error) {
        if (!self->machine_.running()) return;
        if (error) return self->write_failed(*error);
        const auto& path = self->entry(self->current_->index).path;
        if (self->current_->digest.finish() != digest) {
          spdlog::error("{} from {}: digest mismatch, file dropped", path, self->peer_text_);
          return self->perform(self->machine_.digest_mismatch({"digest mismatch:", path, {}, {}}));
        }
        self->file_verified();
      });
}

// A small file in one worker job: digested, its part created, written, given
// its mtime and closed, so the engine thread never waits on the disk for it.
void ReceiveSession::write_whole_file(const FinishFile& finish) {
  CurrentFile& file = *current_;
  machine_.part_io_started();
  boost::asio::post(
      host_.workers(),
      [folder = folder_, name = file.part->name(), bytes = std::move(file.whole),
       mtime_ns = entry(finish.index).mtime_ns, digest = std::make_shared<StreamDigest>(std::move(file.digest)),
       expected = finish.digest, self = shared_from_this(), executor = executor_]() mutable {
        digest->update(bytes);
        std::optional<IoError> error;
        if (auto wrote = folder->write_part(name, bytes, mtime_ns); !wrote) error = wrote.error();
        boost::asio::post(executor, [self = std::move(self), error = std::move(error), got = digest->finish(),
                                     expected] { self->on_whole_file_written(error, got, expected); });
      });
}

void ReceiveSession::on_whole_file_written(std::optional<IoError> error, const protocol::Digest& digest,
                                           const protocol::Digest& expected) {
  auto late = machine_.part_io_done();
  if (!machine_.running()) return perform(std::move(late));
  if (error) return write_failed(*error);
  if (digest != expected) {
    const auto& path = entry(current_->index).path;
    spdlog::error("{} from {}: digest mismatch, file dropped", path, peer_text_);
    return perform(machine_.digest_mismatch({"digest mismatch:", path, {}, {}}));
  }
  file_verified();
}

// A verified file waits for the next durable commit before it gets its name.
void ReceiveSession::file_verified() {
  CurrentFile& file = *current_;
  file.part->close();
  batch_.add({file.index, file.part->name(), file.part->resumable(), entry(file.index).size, std::move(file.record)});
  current_.reset();
  perform(machine_.file_verified());
}

// The current file failed: its part goes first, then the peer hears why.
// The message names only what the sender sent (offered paths, its reasons).
void ReceiveSession::drop_file(const DropFile& drop) {
  ReceiveRecord record;
  if (current_) record = current_->record;
  settle_part(false);
  report(drop.index, drop.status, drop.failure, "", record);
}

void ReceiveSession::settle_part(bool keep) {
  if (!current_) return;
  if (current_->part) {
    current_->part->close();  // waits for the sink's writes in flight
    if (!keep) discard_part(current_->part->name());
  }
  current_.reset();
}

// Unlinking a large file can wait on the disk: a worker does it.
void ReceiveSession::discard_part(std::string name) {
  ++discards_in_flight_;
  boost::asio::post(host_.workers(), [folder = folder_, name = std::move(name), self = shared_from_this(),
                                      executor = executor_]() mutable {
    folder->discard(name);
    boost::asio::post(executor, [self = std::move(self)] { self->on_part_discarded(); });
  });
}

void ReceiveSession::on_part_discarded() {
  if (--discards_in_flight_ == 0 && done_after_discards_) emit_done();
}

namespace {

// Makes the batch's parts durable (one syncfs, or a flush per file), gives
// each its name, and tells the ledger at once which files this sender put
// here (only it may later hear that they are already there; a crash between
// a name and the ledger would make the next send store the file twice).
// What each part got, or why not, in the batch's order. Blocks on the disk.
std::vector<Result<std::string>> name_batch(const BatchToName& batch) {
  std::optional<IoError> durable_error;
  if (batch.durable) {
    std::vector<std::string> parts;
    parts.reserve(batch.parts.size());
    for (const auto& part : batch.parts) parts.push_back(part.part_name);
    if (auto synced = batch.folder->make_durable(parts); !synced) durable_error = synced.error();
  }
  std::vector<Result<std::string>> names;
  std::vector<Delivery> delivered;
  names.reserve(batch.parts.size());
  for (const auto& part : batch.parts) {
    names.push_back(durable_error ? Result<std::string>(*durable_error)
                                  : batch.folder->commit(part.part_name, part.local_path));
    if (!names.back()) continue;
    delivered.push_back({names.back().value(), part.size, part.mtime_ns});
    // Like a time the file system cannot hold, a lost attribute fails nothing.
    if (part.attributes == FileAttributes{}) continue;
    if (auto set = batch.folder->set_attributes(names.back().value(), part.attributes); !set)
      spdlog::warn("could not keep the attributes of a received file: {}", set.error().describe());
  }
  if (!delivered.empty()) batch.ledger->record(batch.fingerprint, batch.folder->root(), delivered);
  return names;
}

}  // namespace

BatchToName ReceiveSession::batch_to_name(const std::vector<VerifiedFile>& files) const {
  BatchToName batch{folder_, host_.ledger(), identity_.fingerprint, {}, host_.settings().durable_commit};
  batch.parts.reserve(files.size());
  for (const auto& file : files) {
    const protocol::OfferEntry& offered = entry(file.index);
    const FileAttributes attributes = host_.settings().keep_attributes ? offered.attributes : FileAttributes{};
    batch.parts.push_back(
        {file.part_name, local_path(offered.path, name_rules_), offered.size, offered.mtime_ns, attributes});
  }
  return batch;
}

// The whole batch on a worker: made durable, then named, so the engine
// thread never waits for syncfs or a rename.
void ReceiveSession::start_commit() {
  boost::asio::post(host_.workers(),
                    [batch = batch_to_name(batch_.start()), self = shared_from_this(), executor = executor_]() mutable {
                      auto names = name_batch(batch);
                      boost::asio::post(executor, [self = std::move(self), names = std::move(names)]() mutable {
                        self->on_committed(std::move(names));
                      });
                    });
}

// A file whose name failed fails the session; the others of the batch keep
// theirs. A session that ended meanwhile only reports them.
void ReceiveSession::on_committed(std::vector<Result<std::string>> names) {
  auto files = batch_.finish();
  std::optional<Failure> first_failure;
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto failure = report_name(files[i], std::move(names[i]));
    if (failure && !first_failure) first_failure = std::move(failure);
  }
  if (first_failure && machine_.running()) return perform(machine_.commit_failed(0, *first_failure));
  perform(machine_.commit_done());
}

// Reports one verified file's naming; returns why it could not be named.
// Those that cannot be named stay part files only when a later session can
// continue them.
std::optional<Failure> ReceiveSession::report_name(const VerifiedFile& file, Result<std::string> name) {
  const protocol::OfferEntry& offered = entry(file.index);
  if (name) {
    report(file.index, protocol::FileStatus::Ok, {}, name.value(), file.record);
    machine_.file_reported(true, FailureCause::None);
    return std::nullopt;
  }
  const Failure failure = io_failure(cause_of_write_error(name.error()), name.error(), offered.path);
  report(file.index, protocol::FileStatus::WriteFailed, failure, "", file.record);
  machine_.file_reported(false, failure.cause);
  if (!part_worth_keeping(file.part_is_resumable, file.size)) discard_part(file.part_name);
  return failure;
}

// The offer's folders (empty ones too) are made on a worker, then the
// summary counts those that could not be.
void ReceiveSession::send_summary() {
  boost::asio::post(host_.workers(), [folder = folder_, entries = entries_, rules = name_rules_, take = take_,
                                      self = shared_from_this(), executor = executor_]() mutable {
    std::vector<IoError> failures;
    for (std::size_t i = 0; i < entries->size(); ++i) {
      const auto& e = (*entries)[i];
      if (e.kind != protocol::EntryKind::Folder || (!take.empty() && !take[i])) continue;
      auto made = folder->make_folder(local_path(e.path, rules));
      if (!made) failures.push_back(made.error());
    }
    boost::asio::post(executor,
                      [self = std::move(self), failures = std::move(failures)] { self->on_folders_made(failures); });
  });
}

void ReceiveSession::on_folders_made(const std::vector<IoError>& failures) {
  if (!machine_.running()) return;  // failed meanwhile: no summary
  for (const auto& error : failures) {
    spdlog::error("receive from {}: {}", peer_text_, error.describe());
    machine_.folder_failed(cause_of_write_error(error));
  }
  writer_.queue(protocol::Summary{machine_.files_ok(), machine_.files_failed(), data_bytes_});
  writer_.async_flush([self = shared_from_this()](std::error_code ec) {
    if (ec) return self->fail({FailureCause::ConnectionLost, {"send the summary", {}, ec, {}}}, false);
    self->perform(self->machine_.summary_sent());
  });
}

// The sender hears a write failure as a sentence: the detail names our paths.
void ReceiveSession::report(std::uint32_t index, protocol::FileStatus status, const Failure& failure,
                            const std::string& stored_path, const ReceiveRecord& record) {
  const bool ok = status == protocol::FileStatus::Ok;
  const std::string message = describe(failure.detail);
  const std::string wire_message =
      status == protocol::FileStatus::WriteFailed ? wire_reason(failure.cause) : clip(message);
  writer_.queue(protocol::FileResult{index, status, wire_message});
  // The write keeps the session (and so the writer) alive: a failing session
  // reports its last files just before it ends.
  writer_.async_flush([self = shared_from_this()](std::error_code) {});
  host_.emit(FileDone{id_, Direction::Receive, index, ok ? stored_path : entry(index).path, entry(index).size,
                      record.strategy, record.strategy_note, record.resumed_bytes, seconds_since(record.started), ok,
                      message, ok ? FailureCause::None : failure.cause, failure.detail});
}

void ReceiveSession::write_failed(const IoError& error) {
  const Failure failure = io_failure(cause_of_write_error(error), error, entry(current_->index).path);
  report(current_->index, protocol::FileStatus::WriteFailed, failure, "", current_->record);
  machine_.file_reported(false, failure.cause);
  fail(failure, true);
}

// A user's cancel keeps what arrived, like a cut connection: sending the same
// files again continues it.
void ReceiveSession::cancel() { perform(machine_.user_cancel()); }

void ReceiveSession::fail(const Failure& failure, bool tell_peer) {
  if (!machine_.running()) return;
  spdlog::debug("receive session {} from {}: {}: {}", id_.value, peer_text_, to_string(failure.cause),
                describe(failure.detail));
  perform(machine_.fail(failure, tell_peer && connection_.socket().is_open()));
}

// The CANCEL goes out; however the peer behaves (even never reading it), the
// session closes in time.
void ReceiveSession::send_cancel(const SendCancel& cancel) {
  if (cancel.failure.cause == FailureCause::ProtocolError)
    spdlog::error("{} (from {})", describe(cancel.failure.detail), peer_text_);
  writer_.queue(protocol::Cancel{machine_.cancel_reason(cancel.failure)});
  linger_.expires_after(kLinger);
  linger_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->perform(self->machine_.linger_expired());
  });
  writer_.async_flush(
      [self = shared_from_this()](std::error_code ec) { self->perform(self->machine_.cancel_sent(!ec)); });
}

// After the CANCEL, drop whatever the peer still sends until it closes or the
// linger timer fires: closing with unread data would reset the connection,
// and the reset can destroy the CANCEL before it is read.
void ReceiveSession::drain() {
  drain_buffer_.resize(64 * 1024);
  connection_.async_read_some(drain_buffer_, [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
    if (ec) return self->perform(self->machine_.peer_closed());
    self->drain();
  });
}

void ReceiveSession::close() {
  watchdog_.disarm();
  linger_.cancel();
  connection_.close();
  if (offer_admitted_) host_.offer_settled(identity_.fingerprint);
  offer_admitted_ = false;
}

void ReceiveSession::end_when_discarded() {
  if (discards_in_flight_ > 0) {
    done_after_discards_ = true;
    return;
  }
  emit_done();
}

void ReceiveSession::emit_done() {
  for (const auto& part : claimed_parts_) host_.release_part(part);
  SessionDone done{id_,
                   Direction::Receive,
                   machine_.files_ok(),
                   machine_.files_failed(),
                   progress_.done(),
                   data_started_ ? seconds_since(*data_started_) : 0.0,
                   machine_.ok(),
                   describe(machine_.detail())};
  done.cause = machine_.cause();
  done.detail = machine_.detail();
  done.resumable = machine_.resumable();
  done.files_already_there = machine_.files_already_there();
  done.files_skipped = machine_.files_skipped();
  done.data_bytes = data_bytes_;
  host_.emit(std::move(done));
  host_.session_ended(id_);
}

}  // namespace ferry
