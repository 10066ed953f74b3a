// SPDX-License-Identifier: Apache-2.0
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
#include "discovery/sweep_plan.hpp"
#include "discovery/unicast_contacts.hpp"
#include "discovery/unicast_link.hpp"
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
// With no peer heard this long after start, the unicast sweep begins. A
// listener (ferry-cli peers) listens for seconds only, so it waits less.
constexpr std::chrono::seconds kQuietBeforeSweep{3};
constexpr std::chrono::seconds kListenerQuietBeforeSweep{1};

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
              [this](std::span<const std::byte> datagram, const std::string& host, std::uint16_t port) {
                on_multicast_socket(datagram, host, port);
              }),
        unicast_(context_, [this](std::span<const std::byte> datagram, const asio::ip::udp::endpoint& sender) {
          on_datagram(datagram, sender.address().to_string(), unicast_contact(sender.address(), sender.port()));
        }) {
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
    if (scope_.ipv4) {
      const auto local = scope_.only ? scope_.only->to_v4() : asio::ip::address_v4::any();
      if (auto failure = unicast_.open(local)) events_.push(DiscoveryError{std::move(*failure)});
    }
    tick();
    sweep_check_timer_.expires_after(announcing() ? kQuietBeforeSweep : kListenerQuietBeforeSweep);
    sweep_check_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) check_sweep();
    });
  }

  // Looks for new interfaces, says who we are, and comes back after about an interval.
  void tick() {
    // Shut down: a tick that fell due just before shut_down cancelled its
    // timer still runs, and arming the timer again would keep the thread
    // (and the destructor joining it) running for ever.
    if (!table_) return;
    if (auto interfaces = platform::multicast_interfaces()) {
      link_.use_interfaces(interfaces.value(), scope_);
      subnets_ = sweep_subnets(interfaces.value());
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

  // The /24s to sweep: around each IPv4 address in scope; a discovery bound
  // to a loopback address sweeps around that one only (what tests use).
  std::vector<discovery::SweepPlanner::Subnet> sweep_subnets(
      const std::vector<platform::NetworkInterface>& interfaces) const {
    std::vector<discovery::SweepPlanner::Subnet> subnets;
    if (scope_.only && scope_.only->is_v4() && scope_.only->is_loopback())
      return {{"loopback", scope_.only->to_v4().to_bytes()}};
    for (const auto& interface : interfaces) {
      if (!scope_.ipv4_on(interface)) continue;
      for (const auto& address : interface.ipv4) {
        if (!scope_.only || scope_.only->to_v4().to_bytes() == address) subnets.push_back({interface.name, address});
      }
    }
    return subnets;
  }

  // A unicast sender on one of the swept /24s; answers never go further.
  std::optional<discovery::Contact> unicast_contact(const asio::ip::address& address, std::uint16_t port) const {
    if (!address.is_v4()) return std::nullopt;
    const auto bytes = address.to_v4().to_bytes();
    const bool on_link = std::ranges::any_of(subnets_, [&](const discovery::SweepPlanner::Subnet& subnet) {
      return discovery::same_slash24(bytes, subnet.own);
    });
    if (!on_link) return std::nullopt;
    return discovery::Contact{bytes, port};
  }

  // Multicast datagrams always come from the discovery port; any other
  // source port is a device's unicast socket.
  void on_multicast_socket(std::span<const std::byte> datagram, const std::string& host, std::uint16_t port) {
    std::optional<discovery::Contact> contact;
    if (port != protocol::kDiscoveryPort) {
      boost::system::error_code ec;
      const auto address = asio::ip::make_address(host, ec);
      if (!ec) contact = unicast_contact(address, port);
    }
    on_datagram(datagram, host, contact);
  }

  void check_sweep() {
    if (!table_) return;
    if (table_->empty() && !sweep_.active() && unicast_.is_open() && !subnets_.empty()) {
      sweep_.start(subnets_);
      if (sweeps_++ == 0)
        spdlog::info("discovery: no peer heard by multicast; looking by unicast on {} subnet(s)", subnets_.size());
      else
        spdlog::debug("discovery: still no peer; looking by unicast again");
      step_sweep();
    }
    sweep_check_timer_.expires_after(discovery::kSweepWindow);
    sweep_check_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) check_sweep();
    });
  }

  // Sends what the pacing allows now, and comes back for the rest.
  void step_sweep() {
    if (!table_) return;
    const auto now = Clock::now();
    const auto targets = sweep_.take(now);
    if (!targets.empty()) {
      const auto datagram =
          encode(announcing() ? protocol::AnnouncementKind::Announce : protocol::AnnouncementKind::Probe);
      for (const auto& target : targets)
        unicast_.send(datagram, asio::ip::udp::endpoint(asio::ip::address_v4(target), protocol::kDiscoveryPort));
    }
    const auto next = sweep_.next_send(now);
    if (!next) {
      spdlog::debug("discovery: unicast sweep done, {}", table_->empty() ? "nobody answered" : "peers listed");
      return;
    }
    sweep_step_timer_.expires_at(std::max(*next, now + discovery::kSweepStep));
    sweep_step_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) step_sweep();
    });
  }

  std::vector<std::byte> encode(protocol::AnnouncementKind kind) const {
    protocol::Announcement announcement;
    announcement.kind = kind;
    announcement.protocol_version = protocol::kVersion;
    announcement.port = kind == protocol::AnnouncementKind::Announce ? settings_.receive_port : 0;
    announcement.interval = settings_.interval;
    announcement.os = platform::this_operating_system();
    announcement.device_id = own_id_;
    announcement.device_name = settings_.device_name;
    return protocol::encode_announcement(announcement);
  }

  // To the multicast groups, and to each device that reached us by unicast.
  // A contact at the discovery port is one we reached first: our unicast
  // socket speaks to it. Any other port is a device's unicast socket: the
  // discovery port answers it, so that each pair is one flow that stateful
  // firewalls on both sides let through.
  void announce(protocol::AnnouncementKind kind) {
    if (!table_) return;
    const auto datagram = encode(kind);
    link_.send(datagram);
    const auto now = Clock::now();
    for (const discovery::Contact& contact : contacts_.current(now)) {
      const asio::ip::udp::endpoint to(asio::ip::address_v4(contact.address), contact.port);
      if (contact.port == protocol::kDiscoveryPort)
        unicast_.send(datagram, to);
      else
        link_.send_to(datagram, to);
    }
    last_announced_ = now;
  }

  // `contact`: set when it came by unicast from a swept /24.
  void on_datagram(std::span<const std::byte> datagram, const std::string& host,
                   const std::optional<discovery::Contact>& contact) {
    if (!table_) return;
    auto decoded = protocol::decode_announcement(datagram);
    if (const auto* error = std::get_if<protocol::AnnouncementError>(&decoded)) {
      spdlog::debug("discovery: ignoring a datagram from {}: {}", host, protocol::describe(*error));
      return;
    }
    const auto& announcement = std::get<protocol::Announcement>(decoded);
    const auto now = Clock::now();
    bool new_contact = false;
    if (contact && announcement.device_id != own_id_) new_contact = contacts_.heard(*contact, announcement, now);
    auto heard = table_->hear(announcement, host, now);
    if (heard.evicted) events_.push(std::move(*heard.evicted));
    if (heard.event) events_.push(std::move(*heard.event));
    if ((heard.answer || new_contact) && announcing()) answer_soon();
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
    sweep_check_timer_.cancel();
    sweep_step_timer_.cancel();
    link_.close();
    unicast_.close();
  }

  DiscoverySettings settings_;
  EventQueue<DiscoveryEvent> events_;
  asio::io_context context_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_{context_.get_executor()};
  discovery::MulticastLink link_;
  discovery::UnicastLink unicast_;
  discovery::SweepPlanner sweep_;
  discovery::UnicastContacts contacts_;
  std::vector<discovery::SweepPlanner::Subnet> subnets_;
  discovery::LinkScope scope_;
  protocol::DeviceId own_id_{};
  std::optional<discovery::PeerTable> table_;  // once the device id is known to be valid
  asio::steady_timer tick_timer_{context_};
  asio::steady_timer answer_timer_{context_};
  asio::steady_timer expiry_timer_{context_};
  asio::steady_timer sweep_check_timer_{context_};
  asio::steady_timer sweep_step_timer_{context_};
  int sweeps_ = 0;
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
