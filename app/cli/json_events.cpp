// SPDX-License-Identifier: Apache-2.0
#include "json_events.hpp"

#include "console_output.hpp"
#include "ferry/core/offer_space.hpp"
#include "json_writer.hpp"

namespace ferry::cli {
namespace {

std::string_view to_string(Direction direction) { return direction == Direction::Send ? "send" : "receive"; }

std::string_view to_string(EntryKind kind) { return kind == EntryKind::Folder ? "folder" : "file"; }

JsonObject typed(std::string_view type) {
  JsonObject object;
  object.string("type", type);
  return object;
}

// A failure's detail as values: {"operation", "subject", "code", "code_text", "peer_said"}.
std::string detail_json(const ErrorDetail& detail) {
  JsonObject object;
  object.string("operation", detail.operation).string("subject", detail.subject);
  object.signed_number("code", detail.code.value()).string("code_text", detail.code ? detail.code.message() : "");
  return object.string("peer_said", detail.peer_said).str();
}

// `recipient`: the receiver as the sender named it, when there is one.
JsonObject with_id(std::string_view type, TransferId id, std::string_view recipient) {
  JsonObject object = typed(type);
  object.unsigned_number("id", id.value);
  if (!recipient.empty()) object.string("recipient", recipient);
  return object;
}

std::string entries_json(const std::vector<OfferEntry>& entries) {
  std::string array = "[";
  for (const auto& entry : entries) {
    if (array.size() > 1) array += ',';
    array += JsonObject{}
                 .string("kind", to_string(entry.kind))
                 .string("path", entry.path)
                 .unsigned_number("size", entry.size)
                 .signed_number("mtime_ns", entry.mtime_ns)
                 .str();
  }
  return array + "]";
}

std::string json(const ListeningStarted& event, std::string_view) {
  return typed("listening_started").string("address", event.address).unsigned_number("port", event.port).str();
}

std::string json(const OfferReceived& event, std::string_view recipient) {
  return with_id("offer_received", event.id, recipient)
      .string("peer", format_endpoint(event.peer))
      .string("device_name", event.device_name)
      .string("device_os", to_string(event.device_os))
      .string("peer_fingerprint", event.identity.fingerprint)
      .string("peer_code", event.identity.verification_code)
      .string("peer_trust", to_string(event.identity.trust))
      .string("mode", to_string(event.mode))
      .boolean("accepted_automatically", event.accepted_automatically)
      .unsigned_number("total_bytes", event.total_bytes)
      .unsigned_number("needed_bytes", bytes_needed(*event.entries, event.held))
      .raw("free_bytes", event.free_bytes ? std::to_string(*event.free_bytes) : "null")
      .raw("entries", entries_json(*event.entries))
      .string("text", event.text)
      .str();
}

std::string_view to_string(SendPhase phase) {
  return phase == SendPhase::Connecting ? "connecting" : "awaiting_acceptance";
}

std::string json(const SendPhaseChanged& event, std::string_view recipient) {
  return with_id("send_phase", event.id, recipient)
      .string("phase", to_string(event.phase))
      .string("peer", format_endpoint(event.peer))
      .str();
}

std::string json(const SessionStarted& event, std::string_view recipient) {
  return with_id("session_started", event.id, recipient)
      .string("direction", to_string(event.direction))
      .string("peer", format_endpoint(event.peer))
      .string("peer_name", event.device_name)
      .string("peer_os", to_string(event.device_os))
      .string("peer_fingerprint", event.identity.fingerprint)
      .string("peer_code", event.identity.verification_code)
      .string("mode", event.kernel_tls ? "encrypted-kernel-tls" : to_string(event.mode))
      .unsigned_number("file_count", event.file_count)
      .unsigned_number("total_bytes", event.total_bytes)
      .str();
}

std::string json(const Progress& event, std::string_view recipient) {
  return with_id("progress", event.id, recipient)
      .unsigned_number("bytes_done", event.bytes_done)
      .unsigned_number("total_bytes", event.total_bytes)
      .unsigned_number("file_index", event.file_index)
      .str();
}

std::string json(const FileDone& event, std::string_view recipient) {
  return with_id("file_done", event.id, recipient)
      .string("direction", to_string(event.direction))
      .unsigned_number("index", event.index)
      .string("path", event.path)
      .unsigned_number("bytes", event.bytes)
      .string("strategy", ferry::to_string(event.strategy))
      .string("strategy_note", event.strategy_note)
      .unsigned_number("resumed_bytes", event.resumed_bytes)
      .real("seconds", event.seconds)
      .real("bytes_per_second", rate_of(moved_bytes(event), event.seconds))
      .boolean("ok", event.ok)
      .string("error", event.error)
      .string("cause", ferry::to_string(event.cause))
      .raw("detail", detail_json(event.detail))
      .str();
}

std::string json(const SessionDone& event, std::string_view recipient) {
  return with_id("session_done", event.id, recipient)
      .string("direction", to_string(event.direction))
      .unsigned_number("files_ok", event.files_ok)
      .unsigned_number("files_failed", event.files_failed)
      .unsigned_number("bytes", event.bytes)
      .unsigned_number("data_bytes", event.data_bytes)
      .unsigned_number("files_already_there", event.files_already_there)
      .unsigned_number("files_skipped", event.files_skipped)
      .real("seconds", event.seconds)
      .real("bytes_per_second", rate_of(event.data_bytes, event.seconds))
      .boolean("ok", event.ok)
      .string("error", event.error)
      .string("cause", ferry::to_string(event.cause))
      .raw("detail", detail_json(event.detail))
      .boolean("resumable", event.resumable)
      .str();
}

std::string json(const EngineError& event, std::string_view) {
  return typed("engine_error").string("message", event.message).raw("detail", detail_json(event.detail)).str();
}

}  // namespace

std::string to_json(const Event& event, std::string_view recipient) {
  return std::visit([recipient](const auto& alternative) { return json(alternative, recipient); }, event);
}

}  // namespace ferry::cli
