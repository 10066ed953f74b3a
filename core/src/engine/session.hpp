// SPDX-License-Identifier: Apache-2.0
#pragma once
// What every session needs from the engine, and what the engine needs from a
// session. Sessions live on the engine thread and keep themselves alive
// through the handlers of their pending operations (shared_from_this).
#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "ferry/core/events.hpp"
#include "delivery_ledger.hpp"
#include "ferry/core/settings.hpp"
#include "ferry/core/transfer_engine.hpp"
#include "token_bucket.hpp"

namespace ferry {

// How long a side that hit an error waits for the peer's last word (a CANCEL
// or failed FILE_RESULT saying why) before closing.
inline constexpr auto kLinger = std::chrono::seconds(1);

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

class SessionHost {
 public:
  virtual ~SessionHost() = default;
  virtual const EngineSettings& settings() const = 0;
  virtual void emit(Event event) = 0;
  // Blocking work (digesting files read through the page cache, walking trees).
  virtual boost::asio::thread_pool& workers() = 0;
  // Which sender delivered which received file (for worker jobs to use).
  virtual std::shared_ptr<DeliveryLedger> ledger() = 0;
  // Logs why a file could not use the strategy planned for it, once per cause.
  virtual void note_fallback(const std::string& cause, const std::string& example_file) = 0;
  virtual void session_ended(TransferId id) = 0;
  // The upload limit every sending session shares (settings().upload_limit).
  virtual TokenBucket& upload_limit() = 0;
  // A receiving session got its OFFER: it is past its handshake.
  virtual void offer_arrived(TransferId id) = 0;
  // A receiving session writes a resumable part file only while it holds its
  // name, so two sessions never write one part. False: another holds it.
  virtual bool claim_part(const std::string& part_name) = 0;
  virtual void release_part(const std::string& part_name) = 0;
  // The TLS setup for this device's identity; null when there is none (the
  // reason went out as an EngineError).
  virtual std::shared_ptr<boost::asio::ssl::context> tls_context() = 0;
  // Whether sending sessions should offer OpenSSL kernel TLS (the kernel has
  // it); one that offered it and did not get it reports the cipher here.
  virtual bool kernel_tls_available() = 0;
  virtual void note_kernel_tls_declined(const std::string& cipher) = 0;
  // Whether an offer from this device, at this address, may be put to the
  // user now (rate limit, one waiting offer per device); each admitted offer
  // ends with offer_settled.
  virtual bool admit_offer(const std::string& fingerprint, const std::string& address) = 0;
  virtual void offer_settled(const std::string& fingerprint) = 0;
};

class Session {
 public:
  virtual ~Session() = default;
  virtual void cancel() = 0;
  virtual void respond(OfferAnswer answer) = 0;              // only a receiving session is asked
  virtual void decline_unanswered() {}                       // only a receiving session is asked
  virtual void limit(std::uint64_t /*bytes_per_second*/) {}  // only a sending session is paced
};

}  // namespace ferry
