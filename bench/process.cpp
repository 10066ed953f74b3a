// SPDX-License-Identifier: Apache-2.0
#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <system_error>
#include <thread>

#include <fmt/core.h>

namespace ferry::bench {
namespace {

volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int signal) { g_stop_signal = signal; }

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// Opened in the parent (async-signal-safety in the child) with O_CLOEXEC;
// dup2 onto 0/1/2 in the child clears that flag.
UniqueFd open_for_child(const std::filesystem::path& path, int flags) {
  const std::string name = path.empty() ? std::string("/dev/null") : path.string();
  UniqueFd fd(::open(name.c_str(), flags | O_CLOEXEC, 0644));
  if (!fd.valid()) throw_errno("open " + name);
  return fd;
}

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

// Writes the calling process's pid into `cgroup_procs_fd`; async-signal-safe.
bool join_cgroup(int cgroup_procs_fd) {
  char digits[24];
  std::size_t length = 0;
  for (auto pid = static_cast<unsigned long>(::getpid()); pid != 0 || length == 0; pid /= 10) {
    digits[length++] = static_cast<char>('0' + pid % 10);
  }
  char text[24];
  for (std::size_t i = 0; i < length; ++i) text[i] = digits[length - 1 - i];
  return ::write(cgroup_procs_fd, text, length) == static_cast<ssize_t>(length);
}

// Runs in the forked child: only async-signal-safe calls until exec.
[[noreturn]] void exec_child(pid_t parent, int in, int out, int err, int cgroup_procs_fd, char* const* argv) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);
  if (cgroup_procs_fd >= 0 && !join_cgroup(cgroup_procs_fd)) {
    const char message[] = "ferry-bench: could not join the cgroup\n";
    (void)!::write(err, message, sizeof message - 1);
    ::_exit(127);
  }
  if (::dup2(in, STDIN_FILENO) < 0 || ::dup2(out, STDOUT_FILENO) < 0 || ::dup2(err, STDERR_FILENO) < 0) {
    ::_exit(127);
  }
  // The bench's handlers do not survive exec, but an ignored signal would.
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  ::signal(SIGHUP, SIG_DFL);
  ::execvp(argv[0], argv);
  const char* reason = std::strerror(errno);
  const char prefix[] = "ferry-bench: exec failed: ";
  (void)!::write(STDERR_FILENO, prefix, sizeof prefix - 1);
  (void)!::write(STDERR_FILENO, argv[0], std::strlen(argv[0]));
  (void)!::write(STDERR_FILENO, ": ", 2);
  (void)!::write(STDERR_FILENO, reason, std::strlen(reason));
  (void)!::write(STDERR_FILENO, "\n", 1);
  ::_exit(127);
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: poll and nanosleep return EINTR
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal, &action, nullptr);
}

void throw_if_interrupted() {
  if (g_stop_signal != 0) throw Interrupted(fmt::format("interrupted by signal {}", static_cast<int>(g_stop_signal)));
}

void short_pause() {
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  throw_if_interrupted();
}

bool ExitInfo::succeeded() const { return !timed_out && WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0; }

double ExitInfo::cpu_seconds() const {
  const auto seconds = [](const timeval& time) {
    return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::string ExitInfo::describe() const {
  if (timed_out) return "killed after its time limit";
  if (WIFEXITED(wait_status)) return fmt::format("exit status {}", WEXITSTATUS(wait_status));
  if (WIFSIGNALED(wait_status)) return fmt::format("killed by signal {}", WTERMSIG(wait_status));
  return fmt::format("wait status {:#x}", wait_status);
}

Child::Child(std::string name, const std::vector<std::string>& argv, const Redirects& redirects,
             std::chrono::seconds time_limit, int cgroup_procs_fd)
    : name_(std::move(name)) {
  if (argv.empty()) throw std::invalid_argument("Child: empty argv");
  std::vector<char*> pointers;
  pointers.reserve(argv.size() + 1);
  for (const std::string& argument : argv) pointers.push_back(const_cast<char*>(argument.c_str()));
  pointers.push_back(nullptr);

  const UniqueFd in = open_for_child({}, O_RDONLY);
  const UniqueFd out = open_for_child(redirects.stdout_file, O_WRONLY | O_CREAT | O_TRUNC);
  const UniqueFd err = open_for_child(redirects.stderr_file, O_WRONLY | O_CREAT | O_TRUNC);
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) throw_errno("fork");
  if (pid_ == 0) exec_child(parent, in.get(), out.get(), err.get(), cgroup_procs_fd, pointers.data());
  ::setpgid(pid_, pid_);  // also here, so a kill of the group cannot race the child's own setpgid
  deadline_ = Clock::now() + time_limit;
  pidfd_.reset(open_pidfd(pid_));
}

Child::~Child() {
  if (running()) kill(false);
}

bool Child::try_reap() {
  if (!running()) return true;
  ExitInfo info;
  const pid_t reaped = ::wait4(pid_, &info.wait_status, WNOHANG, &info.usage);
  if (reaped == 0) return false;
  if (reaped < 0) throw_errno("wait4 " + name_);
  info.ended = Clock::now();
  exit_ = info;
  return true;
}

void Child::reap_blocking() {
  ExitInfo info;
  while (::wait4(pid_, &info.wait_status, 0, &info.usage) < 0) {
    if (errno != EINTR) throw_errno("wait4 " + name_);
  }
  info.ended = Clock::now();
  exit_ = info;
}

void Child::kill(bool timed_out) {
  if (!running()) return;
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  reap_blocking();
  exit_->timed_out = timed_out;
}

void Child::interrupt() {
  if (running()) ::kill(pid_, SIGINT);
}

const ExitInfo& Child::exit_info() const {
  if (!exit_) throw std::logic_error("Child::exit_info: " + name_ + " is still running");
  return *exit_;
}

void wait_all(std::span<Child* const> children) {
  const auto any_running = [&] {
    return std::any_of(children.begin(), children.end(), [](const Child* child) { return child->running(); });
  };
  while (any_running()) {
    throw_if_interrupted();
    const Clock::time_point now = Clock::now();
    std::vector<pollfd> fds;
    auto wait_for = std::chrono::milliseconds(1000);
    for (Child* child : children) {
      if (!child->running()) continue;
      if (now >= child->deadline()) {
        child->kill(true);
        continue;
      }
      wait_for = std::min(wait_for, std::chrono::ceil<std::chrono::milliseconds>(child->deadline() - now));
      if (child->pidfd() >= 0) {
        fds.push_back({child->pidfd(), POLLIN, 0});
      } else {
        wait_for = std::min(wait_for, std::chrono::milliseconds(2));  // no pidfd: poll by timer
      }
    }
    if (::poll(fds.data(), fds.size(), static_cast<int>(wait_for.count())) < 0 && errno != EINTR) {
      throw_errno("poll");
    }
    bool failed = false;
    for (Child* child : children) {
      if (child->try_reap() && !child->exit_info().succeeded()) failed = true;
    }
    if (failed) {
      for (Child* child : children) child->kill(false);
    }
  }
}

}  // namespace ferry::bench
