// SPDX-License-Identifier: Apache-2.0
#pragma once
// Test support: the real ferry-cli receiving on 127.0.0.1, as a process.
#include <QProcess>
#include <QStringList>
#include <filesystem>

namespace ferry::test {

// Starts `ferry-cli receive --accept-all` into `dir` on a free port, plus
// `extra` arguments; returns the port it reports, 0 on failure.
int start_cli_receiver(QProcess& receiver, const std::filesystem::path& dir, const QStringList& extra = {});

// The same without --accept-all: offers are asked about (and declined when
// stdin is no terminal) unless `extra` says otherwise.
int start_asking_cli_receiver(QProcess& receiver, const std::filesystem::path& dir, const QStringList& extra);

}  // namespace ferry::test
