// SPDX-License-Identifier: Apache-2.0
// The kernel-TLS probe tells the truth about this kernel: available exactly
// when the kernel's "tls" module is (or could be) loaded, and otherwise says
// which call failed and why. Either way sessions encrypt in user space
// (test_transfer, test_security run them here).
#include <QtTest>
#include <filesystem>

#include "ferry/platform/kernel_tls.hpp"

class TestKernelTls : public QObject {
  Q_OBJECT

 private slots:
  void probe_matches_the_kernel() {
    const auto probe = ferry::platform::probe_kernel_tls();
    // Attaching the "tls" upper-layer protocol loads the module on demand.
    const bool module_present = std::filesystem::exists("/sys/module/tls");
    QCOMPARE(probe.available, module_present);
    if (!probe.available) {
      QVERIFY2(probe.reason.find("setsockopt(TCP_ULP, \"tls\")") != std::string::npos, probe.reason.c_str());
      qInfo("kernel TLS unavailable here: %s", probe.reason.c_str());
    }
  }
};

QTEST_GUILESS_MAIN(TestKernelTls)
#include "test_kernel_tls.moc"
