// SPDX-License-Identifier: Apache-2.0
#include "help_text.hpp"

#include <array>
#include <chrono>

#include <fmt/core.h>

#include "ferry/core/discovery.hpp"
#include "ferry/core/endpoint.hpp"
#include "ferry/core/settings.hpp"
#include "value_parsers.hpp"

namespace ferry::cli {
namespace {

constexpr std::array<std::string_view, 7> kCommands{"receive", "send", "peers", "identity", "trust", "untrust", "help"};

long long seconds(std::chrono::milliseconds duration) {
  return std::chrono::duration_cast<std::chrono::seconds>(duration).count();
}

constexpr std::string_view kExitStatuses = R"(Exit status:
  0    every file arrived verified (receive without --once: stopped by Ctrl-C)
  1    the transfer failed midway, or another error
  2    the command line is wrong
  3    could not connect to the receiver (or it is not the device expected)
  4    the receiver declined the offer (its user, or itself: busy, no space)
  5    send to several receivers: some got every file, others did not
  130  interrupted by the user (Ctrl-C, or cancelled)
)";

std::string receive_help() {
  return fmt::format(R"(Usage: ferry-cli receive --dir DIR [options]

Listen for offers and store accepted files under DIR. Each offer is shown
and asked about (type y and Enter after the question appears). A text sent
with an offer is shown with it (20 lines) and printed whole once accepted: on
a terminal indented, with control characters shown as U+FFFD; into a pipe or
file as it was sent. Nothing of it is written to DIR.

  --dir DIR        folder that receives the files (must exist)
  --config-dir DIR this device's identity and pinned peers (default:
                   $FERRY_CONFIG_DIR, else the user's configuration folder)
  --port N         TCP port to listen on (default {0}; 0 picks a free one)
  --bind ADDR      address to listen on (default: all addresses, IPv4 and IPv6)
  --threshold SIZE files of at least SIZE are written with direct I/O (default {1})
  --accept-all     accept every offer without asking (except from a device
                   using the name of a pinned one with another identity);
                   one larger than the free space is declined
  --once           exit after the first session, with its exit status
  --no-sync        name received files without first making their data durable
                   (faster for many small files; a crash may then leave a named
                   file with unwritten data)
  --no-attributes  do not give received files the executable bit and read-only
                   flag they had on the sender (their times are kept anyway)
  --only PATH      take only PATH of each offer (a file, or a folder with all
                   in it, as the offer names it); repeat for several. The
                   sender counts the rest as skipped; an offer with nothing
                   matching is declined. The question says what the part
                   needs and what is free: an offer too large for the disk
                   can be taken in part; a part that does not fit is declined
  --idle-timeout T fail a session whose sender sends nothing for T (default {2}s)
  --name NAME      the name peers see (default: this computer's host name)
  --no-announce    do not announce this receiver on the local network (by
                   default it does, where --bind lets peers reach it)
  --announce-interval T
                   announce every T (default {3}s); peers forget this receiver
                   after three silent intervals
  -v, --verbose    debug logging on stderr
)",
                     kDefaultReceivePort, format_size(kDefaultDirectThreshold), seconds(EngineSettings{}.idle_timeout),
                     seconds(kDefaultAnnounceInterval)) +
         "\n" + std::string(kExitStatuses);
}

std::string send_help() {
  return fmt::format(R"(Usage: ferry-cli send [options] HOST[:PORT] PATH...
       ferry-cli send [options] --to HOST[:PORT] [--to HOST[:PORT]...] PATH...
       ferry-cli send [options] --text TEXT HOST[:PORT] [PATH...]

Send files and folders (recursively) to a receiver. Shows Connecting…,
then Waiting for HOST to accept…, then one line per file and a summary.

  HOST[:PORT]      the receiver, e.g. 192.168.1.7, 192.168.1.7:{0} or
                   [::1]:{0} (port {0} when none is given)
  --to HOST[:PORT] a receiver; repeated, every one gets its own session at
                   once (its own answer, progress and result; lines start
                   with HOST:PORT, a summary per receiver ends the send)
  --text TEXT      a message for the receiving user, shown with the offer
                   (UTF-8, at most 1 MiB; - reads it from standard input);
                   PATHs are then optional
  --config-dir DIR this device's identity and pinned peers
  --peer-id FP     refuse a receiver whose fingerprint is not FP (one receiver)
  --fast           fast mode: file bytes go as plain TCP after the TLS handshake
                   (zero-copy), each file's digest keyed by the handshake; the
                   receiver grants it only to a device pinned with --fast
  --threshold SIZE files of at least SIZE use direct I/O (bytes or K/M/G, default {1})
  --strategy S     auto, zerocopy, direct or buffered for every file (default auto)
  --no-resume      send every file whole, even what the receiver already holds
                   (by default an interrupted file continues where its longest
                   verified prefix ends, and files already there are skipped)
  --limit RATE     send at most RATE file bytes per second (K/M/G, e.g. 20M for
                   20 MiB/s), every file and receiver together; 0 (the
                   default): no limit. The kernel paths stay (zero-copy,
                   direct I/O): each write is just made smaller and later
  --connect-timeout T
                   give up when no connection is made within T (default {2}s)
  --idle-timeout T fail when the receiver takes nothing for T (default {3}s)
  --json           one JSON object per line for every event, each naming its
                   "recipient"; with several, a send_summary line ends it
  -v, --verbose    debug logging on stderr

Ctrl-C cancels: what arrived stays with the receiver, and sending the same
files again continues it. Ctrl-C twice stops at once.
)",
                     kDefaultReceivePort, format_size(kDefaultDirectThreshold),
                     seconds(EngineSettings{}.connect_timeout), seconds(EngineSettings{}.idle_timeout)) +
         "\n" + std::string(kExitStatuses);
}

constexpr std::string_view kPeersHelp = R"(Usage: ferry-cli peers [--timeout T] [--json] [--config-dir DIR] [-v]

List the Ferry receivers on the local network: name, verification code and
HOST:PORT, one line each, ready for send.

  --timeout T      listen for T (default 3s)
  --json           one JSON object per line: peer_found, peer_updated and
                   peer_expired as they happen, then one "peer" per peer still there
  --config-dir DIR this device's identity (so it does not list itself)
  -v, --verbose    debug logging on stderr
)";

constexpr std::string_view kIdentityHelp = R"(Usage: ferry-cli identity [--config-dir DIR]

Print this device's name, verification code and fingerprint. Another device
pins this one with: ferry-cli trust FINGERPRINT --name NAME
)";

constexpr std::string_view kTrustHelp = R"(Usage: ferry-cli trust [FINGERPRINT [--name NAME] [--auto-accept] [--fast]]
                       [--config-dir DIR]

Pin a peer by its fingerprint (its `ferry-cli identity` prints it); without
one, list the pinned peers.

  --name NAME      the name to know it by
  --auto-accept    accept its offers without asking
  --fast           let it use fast mode (file bytes unencrypted)
  --config-dir DIR where the pinned peers are kept
)";

constexpr std::string_view kUntrustHelp = R"(Usage: ferry-cli untrust FINGERPRINT [--config-dir DIR]

Unpin a peer.
)";

constexpr std::string_view kHelpHelp = R"(Usage: ferry-cli help [COMMAND]

Print the help of COMMAND, or the list of commands.
)";

}  // namespace

std::span<const std::string_view> command_names() { return kCommands; }

std::string overview_help() {
  return fmt::format(R"(Usage: ferry-cli COMMAND [options]

Send files to a device on the local network, and receive them.

Commands:
  receive   listen for offers and store accepted files
  send      send files and folders to a receiver (HOST[:PORT]), or several (--to)
  peers     list the Ferry receivers on the local network
  identity  print this device's name, verification code and fingerprint
  trust     pin a peer by fingerprint, or list the pinned peers
  untrust   unpin a peer
  help      print a command's help

Every session is TLS 1.3 between device certificates; this device's key and
the pinned peers live in the configuration folder (--config-dir, else
$FERRY_CONFIG_DIR, else the user's configuration folder).

'ferry-cli help COMMAND' or 'ferry-cli COMMAND --help' shows a command's
options; 'ferry-cli --version' prints the version.

{})",
                     kExitStatuses);
}

std::optional<std::string> command_help(std::string_view command) {
  if (command == "receive") return receive_help();
  if (command == "send") return send_help();
  if (command == "peers") return std::string(kPeersHelp);
  if (command == "identity") return std::string(kIdentityHelp);
  if (command == "trust") return std::string(kTrustHelp);
  if (command == "untrust") return std::string(kUntrustHelp);
  if (command == "help") return std::string(kHelpHelp);
  return std::nullopt;
}

}  // namespace ferry::cli
