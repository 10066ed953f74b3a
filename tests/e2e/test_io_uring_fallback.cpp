// SPDX-License-Identifier: Apache-2.0
// io_uring can be switched off (sysctl kernel.io_uring_disabled, container
// seccomp profiles). This runs a real `ferry-cli send --strategy direct` under
// a seccomp filter that makes io_uring_setup fail with EPERM, and checks that
// the file still arrives, by the buffered path, with the reason reported.
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QProcess>
#include <QRegularExpression>
#include <QtTest>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine_harness.hpp"

using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

// In the child: deny io_uring_setup with EPERM, allow everything else.
bool deny_io_uring_setup() {
  sock_filter program[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_setup, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  sock_fprog filter{static_cast<unsigned short>(std::size(program)), program};
  return ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 && ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter) == 0;
}

// Runs ferry-cli with `args` under the filter; returns its exit status and stdout.
std::pair<int, std::string> run_without_io_uring(const std::vector<std::string>& args, const fs::path& output) {
  const pid_t child = ::fork();
  if (child == 0) {
    const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, STDOUT_FILENO);
    std::vector<char*> argv{const_cast<char*>(FERRY_CLI_PATH)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (deny_io_uring_setup()) ::execv(FERRY_CLI_PATH, argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  std::stringstream text;
  text << std::ifstream(output).rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

}  // namespace

class TestIoUringFallback : public QObject {
  Q_OBJECT

 private slots:
  void direct_falls_back_to_buffered_when_io_uring_is_denied();
};

void TestIoUringFallback::direct_falls_back_to_buffered_when_io_uring_is_denied() {
  const fs::path source = fresh_dir("nouring-src");
  const fs::path target = fresh_dir("nouring-dst");
  write_random_file(source / "large.bin", 8 * 1024 * 1024 + 3, 5);

  QProcess receiver;
  receiver.start(QStringLiteral(FERRY_CLI_PATH),
                 {QStringLiteral("receive"), QStringLiteral("--dir"), QString::fromStdString(target.string()),
                  QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                  QStringLiteral("--accept-all"), QStringLiteral("--once")});
  QVERIFY(receiver.waitForReadyRead(10'000));
  const auto port =
      QRegularExpression(QStringLiteral(":(\\d+),")).match(QString::fromUtf8(receiver.readLine())).captured(1);
  QVERIFY(!port.isEmpty());

  const auto [status, json] = run_without_io_uring(
      {"send", "--json", "--strategy", "direct", "127.0.0.1:" + port.toStdString(), (source / "large.bin").string()},
      source.parent_path() / "nouring.jsonl");
  QVERIFY(receiver.waitForFinished(30'000));
  QVERIFY2(status != 127, "could not install the seccomp filter");
  QCOMPARE(status, 0);
  QVERIFY2(json.find("\"strategy\":\"buffered\"") != std::string::npos, json.c_str());
  QVERIFY2(json.find("io_uring unavailable") != std::string::npos, json.c_str());
  QVERIFY2(json.find("Operation not permitted") != std::string::npos, json.c_str());
  QVERIFY(same_contents(source / "large.bin", target / "large.bin"));
}

QTEST_GUILESS_MAIN(TestIoUringFallback)
#include "test_io_uring_fallback.moc"
