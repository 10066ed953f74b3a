// SPDX-License-Identifier: Apache-2.0
#include "ferry/core/transfer_engine.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "connection_gate.hpp"
#include "event_queue.hpp"
#include "loop_lag_monitor.hpp"
#include "offer_limiter.hpp"
#include "../transport/tls_context.hpp"
#include "ferry/platform/kernel_tls.hpp"
#include "ferry/platform/engine_thread.hpp"
#include "ferry/platform/pipeline_trace.hpp"
#include "ferry/platform/write_confinement.hpp"
#include "receive_session.hpp"
#include "send_session.hpp"
#include "stale_parts.hpp"
#include "text/utf8.hpp"

namespace ferry {

using boost::asio::ip::tcp;

constexpr std::size_t kWorkerThreads = 2;

// Out of descriptors, the acceptor waits this long before trying again,
// twice as long each time up to the maximum: never a busy loop.
constexpr auto kFirstAcceptBackoff = std::chrono::milliseconds(10);
constexpr auto kMaxAcceptBackoff = std::chrono::seconds(1);
// Accept failures with no gap this long between them are one episode, said once.
constexpr auto kAcceptEpisodeGap = std::chrono::seconds(10);

// Unique in the process, across engines: the desktop app replaces a confined
// engine when its receive folder changes, and its list keeps the old sessions.
namespace {

EngineError engine_error(ErrorDetail detail) { return {describe(detail), std::move(detail)}; }
std::atomic<std::uint64_t> g_next_id{1};
}  // namespace

struct TransferEngine::Impl final : SessionHost {
  Impl(EngineSettings initial, NotifyHook notify) : settings_(std::move(initial)), events_(std::move(notify)) {
    // Confined workers are created by the engine thread after it confined
    // itself, so that they inherit the confinement; others here.
    const bool confine = settings_.writable_folders && platform::can_confine_writes();
    if (!confine) workers_.emplace(kWorkerThreads);
    thread_ = std::thread([this, confine] {
      platform::prepare_engine_thread();
      if (confine) {
        confine_writes();
        workers_.emplace(kWorkerThreads);
      }
      context_.run();
    });
  }

  ~Impl() override { stop(); }

  void stop() {
    if (!thread_.joinable()) return;
    boost::asio::post(context_, [this] { shut_down(); });
    work_.reset();
    thread_.join();
    if (workers_) workers_->join();
  }

  // Engine thread, before any work: files opened lazily for diagnostics are
  // opened now, while every folder is still writable.
  void confine_writes() {
    platform::pipeline_trace();
    std::vector<std::filesystem::path> folders = *settings_.writable_folders;
    folders.push_back(settings_.receive_dir);
    const platform::WriteConfinement confinement = platform::confine_writes(folders);
    if (confinement.applied)
      spdlog::info("engine: {}", confinement.detail);
    else
      spdlog::warn("engine: writes are not confined by the kernel: {}", confinement.detail);
  }

  // SessionHost
  const EngineSettings& settings() const override { return settings_; }
  void emit(Event event) override { events_.push(std::move(event)); }
  boost::asio::thread_pool& workers() override { return *workers_; }
  std::shared_ptr<DeliveryLedger> ledger() override {
    if (!ledger_ || ledger_->state_dir() != settings_.state_dir)
      ledger_ = std::make_shared<DeliveryLedger>(settings_.state_dir);
    return ledger_;
  }
  void session_ended(TransferId id) override {
    sessions_.erase(id);
    gate_.ended(id);
  }
  TokenBucket& upload_limit() override { return upload_limit_; }
  void offer_arrived(TransferId id) override { gate_.offered(id); }
  bool claim_part(const std::string& part_name) override { return parts_in_use_.insert(part_name).second; }
  void release_part(const std::string& part_name) override { parts_in_use_.erase(part_name); }
  bool admit_offer(const std::string& fingerprint, const std::string& address) override {
    return offers_.admit(fingerprint, address);
  }
  void offer_settled(const std::string& fingerprint) override { offers_.settled(fingerprint); }

  std::shared_ptr<boost::asio::ssl::context> tls_context() override {
    const auto& identity = settings_.identity;
    if (!identity) {
      emit(engine_error({"load the device identity (sessions need a certificate)", {}, {}, {}}));
      return nullptr;
    }
    if (tls_ && tls_identity_ == identity) return tls_;
    auto made = make_tls_context(*identity);
    if (!made) {
      emit(engine_error({"TLS setup: " + made.error().operation, made.error().subject, made.error().code, {}}));
      return nullptr;
    }
    tls_identity_ = identity;
    tls_ = std::move(made.value());
    return tls_;
  }

  // Kernel TLS lets encrypted sends stay zero-copy. The kernel is probed
  // once, and says once why not when it lacks it.
  bool kernel_tls_available() override {
    if (!kernel_tls_) {
      kernel_tls_ = platform::probe_kernel_tls();
      if (kernel_tls_->available)
        spdlog::info("kernel TLS: available; encrypted sends let the kernel encrypt (zero-copy)");
      else
        spdlog::info("kernel TLS: unavailable ({}); encrypted sends use OpenSSL in user space, in batches",
                     kernel_tls_->reason);
    }
    return kernel_tls_->available;
  }

  void note_kernel_tls_declined(const std::string& cipher) override {
    if (kernel_tls_declined_logged_) return;
    kernel_tls_declined_logged_ = true;
    spdlog::info(
        "kernel TLS: OpenSSL did not hand {} to the kernel (not offloadable here); "
        "encrypting in user space",
        cipher.empty() ? "the session's cipher" : cipher);
  }

  void note_fallback(const std::string& reason, const std::string& file) override {
    std::string cause = reason;
    if (auto at = cause.find(file); at != std::string::npos) cause.replace(at, file.size(), "<file>");
    if (fallbacks_logged_.insert(cause).second)
      spdlog::warn("falling back to buffered I/O (first seen for {}): {}", file, reason);
  }

  void listen() {
    acceptor_.reset();
    if (!tls_context()) return;
    auto folder = platform::ReceiveFolder::open(settings_.receive_dir);
    if (!folder)
      return emit(engine_error(
          {"open the receive folder: " + folder.error().operation, folder.error().subject, folder.error().code, {}}));
    folder_ = std::move(folder.value());
    remove_stale_parts();
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(settings_.bind_address, ec);
    if (ec) return emit(engine_error({"read the bind address", settings_.bind_address, ec, {}}));
    tcp::endpoint endpoint(address, settings_.port);
    acceptor_.emplace(context_);
    acceptor_->open(endpoint.protocol(), ec);
    const bool every_address = address == boost::asio::ip::address_v6::any();
    if (ec == boost::asio::error::address_family_not_supported && every_address) {
      endpoint = tcp::endpoint(tcp::v4(), settings_.port);  // no IPv6 here: every IPv4 address
      acceptor_->open(endpoint.protocol(), ec);
    }
    // "::" takes IPv4 connections too (Windows' default would be IPv6 only).
    if (!ec && endpoint.address().is_v6() && every_address) acceptor_->set_option(boost::asio::ip::v6_only(false), ec);
    if (!ec) acceptor_->set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_->bind(endpoint, ec);
    if (!ec) acceptor_->listen(tcp::socket::max_listen_connections, ec);
    // Accepting synchronously must never block (shed_one_queued).
    if (!ec) acceptor_->non_blocking(true, ec);
    if (!ec) {
      open_spare_descriptor();
      const auto bound = acceptor_->local_endpoint(ec);
      emit(ListeningStarted{bound.address().to_string(), bound.port()});
      return accept_next();
    }
    emit(engine_error({"listen on", settings_.bind_address + ":" + std::to_string(settings_.port), ec, {}}));
    acceptor_.reset();
  }

  // Listed on a worker; removed here, where the names in use are known (a
  // verified part about to be renamed carries its source's old mtime).
  void remove_stale_parts() {
    boost::asio::post(*workers_, [this, folder = folder_] {
      auto stale = stale_part_names(folder->root(), kStalePartAge);
      if (stale.empty()) return;
      boost::asio::post(context_, [this, folder, stale = std::move(stale)] {
        std::size_t removed = 0;
        for (const auto& name : stale) {
          if (parts_in_use_.contains(name)) continue;
          folder->discard(name);
          ++removed;
        }
        spdlog::info("removed {} part file(s) older than {} days from {}", removed, kStalePartAge.count() / 24,
                     folder->root().string());
      });
    });
  }

  // The receive folder may have been deleted since listen(): a session then
  // opens it anew, creating it again (as listen() does). Should that fail,
  // the session meets the old handle's write errors. While the folder is
  // there the handle is kept: no descriptor per connection.
  void reopen_receive_folder() {
    std::error_code ec;
    if (std::filesystem::is_directory(settings_.receive_dir, ec)) return;
    auto folder = platform::ReceiveFolder::open(settings_.receive_dir);
    if (!folder) return spdlog::error("receive folder: {}", folder.error().describe());
    spdlog::info("the receive folder {} was gone: created it again", settings_.receive_dir.string());
    folder_ = std::move(folder.value());
  }

  void accept_next() {
    acceptor_->async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec == boost::asio::error::operation_aborted || !acceptor_) return;
      if (ec) return accept_failed(ec);
      accept_backoff_ = kFirstAcceptBackoff;  // the queue moves again
      admit_connection(std::move(socket));
      accept_next();
    });
  }

  // Out of descriptors (EMFILE, ENFILE) or another failure: said once per
  // episode, room made by closing the oldest connection still in its
  // handshake (or, with none, the next queued connection through the spare
  // descriptor), and the next accept only after a back-off.
  void accept_failed(const boost::system::error_code& ec) {
    const auto now = std::chrono::steady_clock::now();
    if (!last_accept_failure_ || now - *last_accept_failure_ > kAcceptEpisodeGap) {
      boost::system::error_code ignored;
      spdlog::warn(
          "accept on port {}: {} ({} sessions open); making room and backing off "
          "(said once until accepts work for {} s)",
          acceptor_->local_endpoint(ignored).port(), ec.message(), gate_.sessions(), kAcceptEpisodeGap.count());
    }
    last_accept_failure_ = now;
    if (auto oldest = gate_.oldest_handshaking()) {
      gate_.offered(*oldest);  // counted out now: the next failure picks another
      with_session(*oldest, [](Session& s) { s.cancel(); });
    } else {
      shed_one_queued();
    }
    accept_timer_.expires_after(accept_backoff_);
    accept_backoff_ = std::min<std::chrono::milliseconds>(2 * accept_backoff_, kMaxAcceptBackoff);
    accept_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec && acceptor_) accept_next();
    });
  }

  // A descriptor kept in reserve, so a queued connection can still be taken
  // and closed (the peer learns at once) when none is left.
  void open_spare_descriptor() {
    boost::system::error_code ignored;
    if (!spare_descriptor_.is_open()) spare_descriptor_.open(boost::asio::ip::udp::v4(), ignored);
  }

  void shed_one_queued() {
    boost::system::error_code ignored;
    spare_descriptor_.close(ignored);
    tcp::socket queued(context_);
    acceptor_->accept(queued, ignored);
    queued.close(ignored);
    open_spare_descriptor();
  }

  // Every connection costs a session until it offers something or times
  // out; the gate (connection_gate.hpp) bounds what hostile peers can hold.
  void admit_connection(tcp::socket socket) {
    boost::system::error_code ec;
    const auto address = socket.remote_endpoint(ec).address().to_string();
    if (ec) return;
    const TransferId id{g_next_id++};
    const auto admission = gate_.admit(id, address);
    if (!admission.admitted) {
      spdlog::debug("refusing a connection from {}: {} sessions from there are open already", address,
                    kMaxSessionsPerAddress);
      return;  // the socket closes here
    }
    if (admission.displaced) {
      spdlog::debug("closing the oldest of {} connections still in their handshake", kMaxHandshaking);
      with_session(*admission.displaced, [](Session& s) { s.cancel(); });
    }
    reopen_receive_folder();
    auto session = std::make_shared<ReceiveSession>(*this, std::move(socket), tls_, id, folder_);
    sessions_[id] = session;
    session->start();
  }

  void refuse_send(TransferId id, std::string operation) {
    SessionDone done{id, Direction::Send, 0, 0, 0, 0, false, operation};
    done.cause = FailureCause::Other;
    done.detail.operation = std::move(operation);
    emit(std::move(done));
  }

  void send(TransferId id, std::string host, std::uint16_t port, std::vector<std::filesystem::path> paths,
            SendPolicy policy, std::string text) {
    if (text.size() > protocol::kMaxOfferTextBytes)
      return refuse_send(id, fmt::format("send a text of {} bytes (at most {} go with an offer)", text.size(),
                                         protocol::kMaxOfferTextBytes));
    auto tls = tls_context();
    if (!tls) return refuse_send(id, "no device identity");
    // What the receiver shows must be UTF-8; a stray byte shows as U+FFFD.
    if (!is_valid_utf8(text)) text = with_invalid_bytes_replaced(text);
    auto session = std::make_shared<SendSession>(*this, context_.get_executor(), std::move(tls), id, std::move(host),
                                                 port, std::move(paths), std::move(policy), std::move(text));
    sessions_[id] = session;
    session->start();
  }

  void with_session(TransferId id, const std::function<void(Session&)>& action) {
    if (auto it = sessions_.find(id); it != sessions_.end()) action(*it->second);
  }

  void shut_down() {
    loop_lag_.stop();
    acceptor_.reset();
    accept_timer_.cancel();
    boost::system::error_code ignored;
    spare_descriptor_.close(ignored);
    auto sessions = sessions_;  // cancelling ends (and unregisters) them
    for (auto& [id, session] : sessions) session->cancel();
  }

  EngineSettings settings_;
  TokenBucket upload_limit_{settings_.upload_limit};
  EventQueue<Event> events_;
  boost::asio::io_context context_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      context_.get_executor()};
  LoopLagMonitor loop_lag_{context_};
  std::optional<boost::asio::thread_pool> workers_;  // made on the engine thread
  std::optional<tcp::acceptor> acceptor_;
  std::shared_ptr<platform::ReceiveFolder> folder_;
  std::shared_ptr<DeliveryLedger> ledger_;  // made for settings_.state_dir when first needed
  std::map<TransferId, std::shared_ptr<Session>> sessions_;
  std::set<std::string> fallbacks_logged_;
  std::set<std::string> parts_in_use_;
  OfferLimiter offers_;
  ConnectionGate gate_;  // receiving sessions
  boost::asio::steady_timer accept_timer_{context_};
  std::chrono::milliseconds accept_backoff_ = kFirstAcceptBackoff;
  std::optional<std::chrono::steady_clock::time_point> last_accept_failure_;
  boost::asio::ip::udp::socket spare_descriptor_{context_};
  std::shared_ptr<boost::asio::ssl::context> tls_;
  std::shared_ptr<const Identity> tls_identity_;  // the identity tls_ was made from
  std::optional<platform::KernelTlsProbe> kernel_tls_;
  bool kernel_tls_declined_logged_ = false;
  std::thread thread_;
};

TransferEngine::TransferEngine(EngineSettings settings, NotifyHook notify)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(notify))) {}

TransferEngine::~TransferEngine() = default;

void TransferEngine::stop() { impl_->stop(); }

void TransferEngine::listen() {
  boost::asio::post(impl_->context_, [impl = impl_.get()] { impl->listen(); });
}

TransferId TransferEngine::send(std::string host, std::uint16_t port, std::vector<std::filesystem::path> paths,
                                SendPolicy policy, std::string text) {
  const TransferId id{g_next_id++};
  boost::asio::post(impl_->context_, [impl = impl_.get(), id, host = std::move(host), port, paths = std::move(paths),
                                      policy = std::move(policy), text = std::move(text)]() mutable {
    impl->send(id, std::move(host), port, std::move(paths), std::move(policy), std::move(text));
  });
  return id;
}

void TransferEngine::respond(TransferId id, bool accept) { respond(id, OfferAnswer{accept, {}, {}}); }

void TransferEngine::respond(TransferId id, OfferAnswer answer) {
  boost::asio::post(impl_->context_, [impl = impl_.get(), id, answer = std::move(answer)]() mutable {
    impl->with_session(id, [&answer](Session& s) { s.respond(std::move(answer)); });
  });
}

void TransferEngine::decline_unanswered(TransferId id) {
  boost::asio::post(impl_->context_,
                    [impl = impl_.get(), id] { impl->with_session(id, [](Session& s) { s.decline_unanswered(); }); });
}

void TransferEngine::cancel(TransferId id) {
  boost::asio::post(impl_->context_,
                    [impl = impl_.get(), id] { impl->with_session(id, [](Session& s) { s.cancel(); }); });
}

void TransferEngine::limit(TransferId id, std::uint64_t bytes_per_second) {
  boost::asio::post(impl_->context_, [impl = impl_.get(), id, bytes_per_second] {
    impl->with_session(id, [bytes_per_second](Session& s) { s.limit(bytes_per_second); });
  });
}

void TransferEngine::apply_settings(EngineSettings settings) {
  boost::asio::post(impl_->context_, [impl = impl_.get(), settings = std::move(settings)]() mutable {
    impl->settings_ = std::move(settings);
    impl->upload_limit_.set_rate(impl->settings_.upload_limit);
  });
}

std::vector<Event> TransferEngine::drain_events() { return impl_->events_.drain(); }

}  // namespace ferry
