// SPDX-License-Identifier: Apache-2.0
#pragma once
// Child processes for the measurements: fork/exec with redirected output, a
// time limit, and the child's own resource usage from wait4.
#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "unique_fd.hpp"

namespace ferry::bench {

using Clock = std::chrono::steady_clock;

// Thrown from the waiting functions once SIGINT, SIGTERM or SIGHUP arrived.
class Interrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// SIGINT/SIGTERM/SIGHUP only set a flag; waits notice it and throw Interrupted.
void install_interrupt_handlers();
void throw_if_interrupted();

// Sleeps a little (a few milliseconds), then throw_if_interrupted().
void short_pause();

struct Redirects {
  std::filesystem::path stdout_file;  // empty: /dev/null
  std::filesystem::path stderr_file;  // empty: /dev/null
};

struct ExitInfo {
  int wait_status = 0;
  rusage usage{};
  Clock::time_point ended;
  bool timed_out = false;

  bool succeeded() const;
  double cpu_seconds() const;    // user + system, including the child's own reaped children
  std::string describe() const;  // "exit status 1", "killed by signal 9", ...
};

// One running program in its own process group. The destructor kills the
// group and reaps the child if it is still running.
class Child {
 public:
  // `cgroup_procs_fd` >= 0: an open cgroup.procs file the child writes its
  // own pid into before exec, so it runs in that cgroup from its first byte.
  Child(std::string name, const std::vector<std::string>& argv, const Redirects& redirects,
        std::chrono::seconds time_limit, int cgroup_procs_fd = -1);
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child();

  const std::string& name() const { return name_; }
  bool running() const { return !exit_.has_value(); }
  Clock::time_point deadline() const { return deadline_; }
  int pidfd() const { return pidfd_.get(); }  // -1 when the kernel has no pidfd_open

  // Reaps the child without blocking; true once it has exited.
  bool try_reap();
  // SIGKILL to the whole process group, then reaps.
  void kill(bool timed_out);
  // SIGINT to the child alone (ferry-cli receive's Ctrl-C); does not wait.
  void interrupt();
  const ExitInfo& exit_info() const;

 private:
  void reap_blocking();

  std::string name_;
  pid_t pid_ = -1;
  UniqueFd pidfd_;
  Clock::time_point deadline_;
  std::optional<ExitInfo> exit_;
};

// Waits until every child has exited. A child past its deadline is killed;
// once one child fails, the others are killed too (they would only wait for it).
void wait_all(std::span<Child* const> children);

}  // namespace ferry::bench
