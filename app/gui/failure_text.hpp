// SPDX-License-Identifier: Apache-2.0
#pragma once
// A failed transfer in the user's words: what happened and what to do, from
// the engine's FailureCause. The engine's own text stays the technical
// detail (a tooltip away), never the headline. Files the receiver chose not
// to take are said apart: skipped, not failed.
#include <QString>

#include "ferry/core/events.hpp"

namespace ferry::gui {

// `peer`: the other side as the user knows it; `receive_dir`: this side's
// receive folder (a receiver's folder problems name it).
QString failure_sentence(FailureCause cause, Direction direction, const QString& peer, const QString& receive_dir);
// The sentence for a session, with what Resume would do when it is resumable;
// falls back to the technical text for causes without words.
QString session_failure_sentence(const SessionDone& done, const QString& peer, const QString& receive_dir);
// "3 skipped by the receiver" (sending), "3 not taken" (receiving); empty for none.
QString skipped_text(Direction direction, std::uint32_t files_skipped);

}  // namespace ferry::gui
