// SPDX-License-Identifier: Apache-2.0
#pragma once
// TransferEngine: a cheap handle over the engine's own thread. Every call posts
// onto that thread and returns at once; results come back as events. Nothing
// here throws across the boundary and no Asio type leaks out.
//
// Events: the engine queues them and calls the notify hook (on the engine
// thread) when the queue turns non-empty; the consumer then calls
// drain_events() from any thread. The hook must only wake the consumer.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ferry/core/events.hpp"
#include "ferry/core/offer_text.hpp"
#include "ferry/core/settings.hpp"

namespace ferry {

// What a sender expects of the receiving device.
struct SendPolicy {
  // When set, a receiver with another certificate is refused before anything
  // is offered (the fingerprint discovery announced, or the one pinned).
  std::string expected_fingerprint;
  // Ask for fast mode (also asked when the receiver is pinned with fast mode).
  bool fast_mode = false;
  // This transfer's own upload limit in file bytes per second (0: none); the
  // engine's (EngineSettings::upload_limit) applies as well.
  std::uint64_t upload_limit = 0;
};

// The receiving user's answer to an offer.
struct OfferAnswer {
  bool accept = false;
  // Which entries to take, by offer index (as long as the offer's entries);
  // empty: all of them. A file not taken is not sent (the sender counts it
  // as skipped); a folder not taken is not made unless a file taken needs it.
  std::vector<bool> take;
  // Where this transfer goes; empty: the engine's receive folder.
  std::filesystem::path folder;
};

class TransferEngine {
 public:
  using NotifyHook = std::function<void()>;

  TransferEngine(EngineSettings settings, NotifyHook notify);
  ~TransferEngine();  // cancels everything and joins the engine thread
  // The same, now: the sessions' last events stay for drain_events(); any
  // later call does nothing. Ids stay unique across engines of the process.
  TransferEngine(const TransferEngine&) = delete;
  TransferEngine& operator=(const TransferEngine&) = delete;
  void stop();

  // Starts accepting sessions on settings.bind_address:port into receive_dir.
  // Emits ListeningStarted (with the real port) or EngineError.
  void listen();

  // Sends files and folders (recursively) and a message (`text`, UTF-8, at
  // most kMaxOfferTextBytes, offer_text.hpp; may be empty, and so may `paths`, not
  // both) to host:port. Returns the session's id at once; everything else
  // arrives as events.
  TransferId send(std::string host, std::uint16_t port, std::vector<std::filesystem::path> paths,
                  SendPolicy policy = {}, std::string text = {});

  // Answers an OfferReceived: all of it into the receive folder, or nothing.
  void respond(TransferId id, bool accept);
  // The same, taking a part of the offer or saving it elsewhere.
  void respond(TransferId id, OfferAnswer answer);

  // Declines an OfferReceived nobody answered (its time ran out, or there was
  // no one to ask): the session ends with FailureCause::DeclinedAutomatically,
  // not as the user's decline.
  void decline_unanswered(TransferId id);

  // Cancels a session in either direction; the peer is told.
  void cancel(TransferId id);

  // Replaces a sending session's own upload limit (bytes per second, 0:
  // none) while it runs; its next write keeps to it.
  void limit(TransferId id, std::uint64_t bytes_per_second);

  // Replaces the settings; the next file planned uses them, and the upload
  // limit the next write of every sending session. The listening address and
  // receive folder take effect at the next listen().
  void apply_settings(EngineSettings settings);

  std::vector<Event> drain_events();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ferry
