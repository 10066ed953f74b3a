// SPDX-License-Identifier: Apache-2.0
// Runs the AppDir's AppRun as a child and waits for it.
#pragma once

#include <signal.h>

// Blocks the signals the runtime waits for or forwards, in the calling thread
// and every thread it starts later (the FUSE thread must not take them).
// Call before starting threads; previous receives the mask to restore.
void launch_block_signals(sigset_t *previous);

// Runs "<appdir>/AppRun args..." with APPIMAGE=image, APPDIR=appdir,
// ARGV0=argv0 and OWD (the working directory) in its environment and the
// signal mask child_mask. SIGTERM, SIGHUP, SIGINT and SIGQUIT sent to the
// runtime by another process are passed on to the child. Returns the child's
// wait status, or -1 after saying why on stderr when it could not be started.
int launch_apprun(const char *appdir, const char *image, const char *argv0, char *const args[],
                  const sigset_t *child_mask);

// Ends this process the way the wait status says the child ended: the same
// exit code, or the same signal (without a core dump of the runtime).
_Noreturn void exit_like(int status);
