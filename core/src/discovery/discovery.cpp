#include "ferry/core/discovery.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <random>
#include <thread>

#include "discovery/link_scope.hpp"
#include "discovery/multicast_link.hpp"
#include "discovery/peer_table.hpp"
#include "engine/event_queue.hpp"
#include "ferry/core/protocol/messages.hpp"
#include "ferry/platform/engine_thread.hpp"
#include "ferry/platform/this_operating_system.hpp"
#include "text/utf8.hpp"

namespace ferry {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// Answers to newcomers and probes come at most this often, however many arrive.
constexpr std::chrono::seconds kAnswerGap{1};

DiscoverySettings within_limits(DiscoverySettings settings) {
  settings.interval = std::clamp(settings.interval, protocol::kMinAnnounceInterval, protocol::kMaxAnnounceInterval);
  settings.device_name = std::string(valid_utf8_prefix(settings.device_name, protocol::kMaxAnnouncedNameBytes));
  return settings;
}

std::vector<protocol::DeviceId> pinned_ids(const DiscoverySettings& settings) {
  std::vector<protocol::DeviceId> ids;
  for (const std::string& hex : settings.pinned_device_ids) {
    if (auto id = protocol::device_id_from_hex(hex)) ids.push_back(*id);
  }
  return ids;
}

}  // namespace

struct Discovery::Impl {
  Impl(DiscoverySettings initial, NotifyHook notify)
      : settings_(within_limits(std::move(initial))),
        events_(std::move(notify)),
        link_(context_, protocol::kDiscoveryPort,
              [this](std::span<const std::byte> datagram, const std::string& host) { on_datagram(datagram, host); }) {
    asio::post(context_, [this] { start(); });
    thread_ = std::thread([this] {
      platform::prepare_engine_thread();
      context_.run();
    });
  }

  ~Impl() {
    asio::post(context_, [this] { shut_down(); });
    work_.reset();
    thread_.join();
  }

  void start() {
    const auto id = protocol::device_id_from_hex(settings_.device_id);
    if (!id)
      return events_.push(DiscoveryError{"discovery: device id '" + settings_.device_id + "' is not 64 hex digits"});
    own_id_ = *id;
    table_.emplace(*id);
    table_->set_pinned(pinned_ids(settings_));
    scope_ = discovery::LinkScope::of(settings_.bind_address);
    if (!scope_.ipv4 && !scope_.ipv6)
      return events_.push(DiscoveryError{"discovery: '" + settings_.bind_address + "' is not an address"});
    for (std::string& failure : link_.open(scope_)) events_.push(DiscoveryError{std::move(failure)});
    tick();
  }

  // Looks for new interfaces, says who we are, and comes back after about an interval.
  void tick() {
    if (auto interfaces = platform::multicast_interfaces()) {
      link_.use_interfaces(interfaces.value(), scope_);
    } else {
      spdlog::warn("discovery: listing network interfaces: {}", interfaces.error().describe());
    }
    announce(announcing() ? protocol::AnnouncementKind::Announce : protocol::AnnouncementKind::Probe);
    // Up to a tenth early, so devices started together drift apart.
    const auto jitter = std::uniform_int_distribution<long long>(0, settings_.interval.count() / 10)(random_);
    tick_timer_.expires_after(settings_.interval - std::chrono::milliseconds(jitter));
    // A tick run early (new settings) replaces the one waiting.
    tick_timer_.async_wait([this, generation = ++tick_generation_](boost::system::error_code ec) {
      if (!ec && generation == tick_generation_) tick();
    });
  }

  bool announcing() const { return settings_.receive_port != 0; }

  void announce(protocol::AnnouncementKind kind) {
    if (!table_) return;
    protocol::Announcement announcement;
    announcement.kind = kind;
    announcement.protocol_version = protocol::kVersion;
    announcement.port = kind == protocol::AnnouncementKind::Announce ? settings_.receive_port : 0;
    announcement.interval = settings_.interval;
    announcement.os = platform::this_operating_system();
    announcement.device_id = own_id_;
    announcement.device_name = settings_.device_name;
    link_.send(protocol::encode_announcement(announcement));
    last_announced_ = Clock::now();
  }

  void on_datagram(std::span<const std::byte> datagram, const std::string& host) {
    if (!table_) return;
    auto decoded = protocol::decode_announcement(datagram);
    if (const auto* error = std::get_if<protocol::AnnouncementError>(&decoded)) {
      spdlog::debug("discovery: ignoring a datagram from {}: {}", host, protocol::describe(*error));
      return;
    }
    auto heard = table_->hear(std::get<protocol::Announcement>(decoded), host, Clock::now());
    if (heard.evicted) events_.push(std::move(*heard.evicted));
    if (heard.event) events_.push(std::move(*heard.event));
    if (heard.answer && announcing()) answer_soon();
    schedule_expiry();
  }

  // Announces now, or once kAnswerGap has passed since the last announcement;
  // answers asked for meanwhile are that one answer.
  void answer_soon() {
    if (answer_pending_) return;
    const auto due = last_announced_ + kAnswerGap;
    if (Clock::now() >= due) return announce(protocol::AnnouncementKind::Announce);
    answer_pending_ = true;
    answer_timer_.expires_at(due);
    answer_timer_.async_wait([this](boost::system::error_code ec) {
      answer_pending_ = false;
      if (!ec && announcing()) announce(protocol::AnnouncementKind::Announce);
    });
  }

  void schedule_expiry() {
    const auto next = table_ ? table_->next_expiry() : std::nullopt;
    if (!next || (expiry_armed_ && expiry_at_ <= *next)) return;
    expiry_armed_ = true;
    expiry_at_ = *next;
    expiry_timer_.expires_at(*next);
    expiry_timer_.async_wait([this, at = *next](boost::system::error_code ec) {
      if (ec || !table_ || at != expiry_at_) return;  // replaced by an earlier one, or shutting down
      expiry_armed_ = false;
      for (DiscoveryEvent& event : table_->expire(Clock::now())) events_.push(std::move(event));
      schedule_expiry();
    });
  }

  void apply(DiscoverySettings settings) {
    const bool was_announcing = announcing();
    // Fixed for the handle's lifetime (discovery.hpp).
    settings.device_id = settings_.device_id;
    settings.bind_address = settings_.bind_address;
    settings_ = within_limits(std::move(settings));
    if (!table_) return;
    table_->set_pinned(pinned_ids(settings_));
    if (was_announcing && !announcing()) announce(protocol::AnnouncementKind::Leave);
    tick();
  }

  void shut_down() {
    if (announcing()) announce(protocol::AnnouncementKind::Leave);
    table_.reset();  // handlers still queued find nothing to do
    tick_timer_.cancel();
    answer_timer_.cancel();
    expiry_timer_.cancel();
    link_.close();
  }

  DiscoverySettings settings_;
  EventQueue<DiscoveryEvent> events_;
  asio::io_context context_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_{context_.get_executor()};
  discovery::MulticastLink link_;
  discovery::LinkScope scope_;
  protocol::DeviceId own_id_{};
  std::optional<discovery::PeerTable> table_;  // once the device id is known to be valid
  asio::steady_timer tick_timer_{context_};
  asio::steady_timer answer_timer_{context_};
  asio::steady_timer expiry_timer_{context_};
  Clock::time_point last_announced_{};
  Clock::time_point expiry_at_{};
  std::uint64_t tick_generation_ = 0;
  bool answer_pending_ = false;
  bool expiry_armed_ = false;
  std::minstd_rand random_{std::random_device{}()};
  std::thread thread_;
};

Discovery::Discovery(DiscoverySettings settings, NotifyHook notify)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(notify))) {}

Discovery::~Discovery() = default;

void Discovery::apply_settings(DiscoverySettings settings) {
  asio::post(impl_->context_,
             [impl = impl_.get(), settings = std::move(settings)]() mutable { impl->apply(std::move(settings)); });
}

std::vector<DiscoveryEvent> Discovery::drain_events() { return impl_->events_.drain(); }

}  // namespace ferry
