// SPDX-License-Identifier: Apache-2.0
#pragma once
// Shows an incoming offer to the person at the terminal and asks for consent.
#include <string>
#include <vector>

#include "ferry/core/events.hpp"

namespace ferry::cli {

// "Offer from "laptop" (192.168.1.5:40122, code …): 3 files, 1 folder, 64.1 MiB"
// followed by the first paths, one per line.
std::string describe_offer(const OfferReceived& offer);

// What the files taken (`take` as OfferAnswer::take; empty: all) need of the
// receive folder's disk and what is free there: "Needs 12.0 MiB, 3.1 GiB free";
// when they do not fit, says so, and for the whole offer that --only can take
// a part of it. Empty for an offer of text only.
std::string describe_space(const OfferReceived& offer, const std::vector<bool>& take);

// Printed before any offer whose sender uses a pinned device's name with
// another identity.
std::string identity_warning(const OfferReceived& offer);

// Prints "Accept? [y/N] " and reads one line from the terminal: true for
// y/yes. What was typed before the question appeared is discarded, so only a
// decision made after seeing the offer counts.
bool ask_to_accept();

}  // namespace ferry::cli
