// SPDX-License-Identifier: Apache-2.0
#define _GNU_SOURCE
#include "launch.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void waited_signals(sigset_t *set) {
  sigemptyset(set);
  sigaddset(set, SIGCHLD);
  sigaddset(set, SIGTERM);
  sigaddset(set, SIGHUP);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGQUIT);
}

void launch_block_signals(sigset_t *previous) {
  sigset_t set;
  waited_signals(&set);
  sigprocmask(SIG_BLOCK, &set, previous);
}

static int set_environment(const char *appdir, const char *image, const char *argv0) {
  char cwd[PATH_MAX];
  if (setenv("APPIMAGE", image, 1) != 0 || setenv("APPDIR", appdir, 1) != 0 ||
      setenv("ARGV0", argv0, 1) != 0 ||
      (getcwd(cwd, sizeof cwd) != NULL && setenv("OWD", cwd, 1) != 0)) {
    fprintf(stderr, "appimage runtime: cannot set the environment: %s\n", strerror(errno));
    return -1;
  }
  return 0;
}

static char **apprun_argv(const char *apprun, char *const args[]) {
  size_t count = 0;
  while (args[count] != NULL) ++count;
  char **argv = calloc(count + 2, sizeof *argv);
  if (argv == NULL) return NULL;
  argv[0] = (char *)apprun;
  memcpy(argv + 1, args, count * sizeof *argv);
  return argv;
}

// Waits for the child; signals from other processes are passed on. Signals a
// terminal sends (si_code SI_KERNEL) already reach the child's process group.
static int wait_forwarding(pid_t child) {
  sigset_t set;
  waited_signals(&set);
  for (;;) {
    siginfo_t info;
    int sig = sigwaitinfo(&set, &info);
    if (sig < 0) continue;  // EINTR
    if (sig == SIGCHLD) {
      int status;
      if (waitpid(child, &status, WNOHANG) == child) return status;
    } else if (info.si_code <= 0) {  // SI_USER, SI_QUEUE, SI_TKILL: sent by a process
      kill(child, sig);
    }
  }
}

int launch_apprun(const char *appdir, const char *image, const char *argv0, char *const args[],
                  const sigset_t *child_mask) {
  char apprun[PATH_MAX];
  if (snprintf(apprun, sizeof apprun, "%s/AppRun", appdir) >= (int)sizeof apprun) return -1;
  if (set_environment(appdir, image, argv0) != 0) return -1;
  char **argv = apprun_argv(apprun, args);
  if (argv == NULL) {
    fprintf(stderr, "appimage runtime: out of memory\n");
    return -1;
  }
  pid_t child = fork();
  if (child < 0) {
    fprintf(stderr, "appimage runtime: cannot fork: %s\n", strerror(errno));
    free(argv);
    return -1;
  }
  if (child == 0) {
    sigprocmask(SIG_SETMASK, child_mask, NULL);
    execv(apprun, argv);
    fprintf(stderr, "appimage runtime: cannot run %s: %s\n", apprun, strerror(errno));
    _exit(127);
  }
  free(argv);
  return wait_forwarding(child);
}

_Noreturn void exit_like(int status) {
  if (status < 0) exit(127);
  if (WIFEXITED(status)) exit(WEXITSTATUS(status));
  int sig = WTERMSIG(status);
  const struct rlimit no_core = {0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  signal(sig, SIG_DFL);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, sig);
  sigprocmask(SIG_UNBLOCK, &only, NULL);
  raise(sig);
  exit(128 + sig);
}
