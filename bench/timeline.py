#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Summarises FERRY_PIPELINE_TRACE files: where a direct transfer waited.

  FERRY_PIPELINE_TRACE=send.trace ferry-cli send ...
  FERRY_PIPELINE_TRACE=recv.trace ferry-cli receive ...
  bench/timeline.py send.trace recv.trace

Sender: the share of time a socket write was in progress, and what each gap
between two writes waited for (the disk, the digest, a frame header); reads in
flight over time. Receiver: the share of time a socket read was in progress,
time spent waiting for a free sink buffer, writes in flight over time.
"""
import collections
import re
import sys


def load(path):
    events = []
    with open(path) as trace:
        for line in trace:
            stamp, thread, text = line.rstrip("\n").split(" ", 2)
            events.append((float(stamp), int(thread), text))
    return events


def shares(durations, total):
    return ", ".join(f"{key}: {value / total * 100:.0f}%" for key, value in sorted(durations.items()))


def in_flight(events, up, down):
    """Seconds spent at each count of operations in flight."""
    time_at = collections.Counter()
    count, last = 0, events[0][0]
    for stamp, _, text in events:
        time_at[count] += stamp - last
        last = stamp
        if text.startswith(up):
            count += 1
        elif text.startswith(down):
            count -= 1
    return time_at


def sender(events):
    total = events[-1][0] - events[0][0]
    writing, gaps = 0.0, collections.Counter()
    started = done = None
    last_cause = "other"
    digests, digest_time = 0, 0.0
    for stamp, _, text in events:
        if text.startswith("source send started"):
            started = stamp
            if done is not None:
                gaps[last_cause] += stamp - done
            last_cause = "engine"
        elif text.startswith("source send done"):
            writing += stamp - started
            done, last_cause = stamp, "engine"
        elif text.startswith("source read done"):
            last_cause = "disk read"
        elif text.startswith("source digested"):
            digests += 1
            last_cause = "digest"
        elif text.startswith("session data frame"):
            last_cause = "frame header"
    print(f"sender: {total:.2f} s; socket write in progress {writing / total * 100:.0f}% of the time")
    print(f"  gaps between writes, by what came last: {shares(gaps, total)} (of all time)")
    print(f"  reads in flight: {shares(in_flight(events, 'source read submitted', 'source read done'), total)}")
    print(f"  blocks digested: {digests}")


def receiver(events):
    total = events[-1][0] - events[0][0]
    reading, not_reading, waiting_buffer = 0.0, 0.0, 0.0
    started = done = wait_start = None
    for stamp, _, text in events:
        if text.startswith("session socket read started"):
            started = stamp
            if done is not None:
                not_reading += stamp - done
        elif text.startswith("session socket read done"):
            reading += stamp - started
            done = stamp
        elif text.startswith("sink acquire waits"):
            wait_start = stamp
        elif text.startswith("sink acquired") and wait_start is not None:
            waiting_buffer += stamp - wait_start
            wait_start = None
    print(f"receiver: {total:.2f} s; socket read in progress {reading / total * 100:.0f}%, between reads "
          f"{not_reading / total * 100:.0f}% (waiting for a free buffer {waiting_buffer / total * 100:.0f}%)")
    print(f"  writes in flight: {shares(in_flight(events, 'sink write submitted', 'sink write done'), total)}")


def main(paths):
    if not paths:
        sys.exit(__doc__)
    for path in paths:
        events = load(path)
        if not events:
            print(f"{path}: no events")
        elif any(text.startswith("source ") for _, _, text in events):
            sender(events)
        else:
            receiver(events)


if __name__ == "__main__":
    main(sys.argv[1:])
