// SPDX-License-Identifier: Apache-2.0
#pragma once
// Test support (Linux, root): a private Ethernet segment made of network
// namespaces that only this test uses. A bridge lives in a namespace of its
// own; each host is a namespace joined to it by a veth pair, seen inside the
// host as eth0 with 198.18.0.N/24 (RFC 2544's range for test networks) and
// its IPv6 link-local address. No real interface or address is touched; the
// destructor removes every namespace (and with them the links), and
// namespaces left by an earlier run that was killed are removed at start.
#include <QProcess>
#include <QString>
#include <QStringList>

namespace ferry::test {

class TestNetwork {
 public:
  // Creates the segment with `hosts` hosts (numbered from 1) and waits until
  // every host's addresses are usable; error() says why when it could not.
  explicit TestNetwork(int hosts);
  ~TestNetwork();
  TestNetwork(const TestNetwork&) = delete;
  TestNetwork& operator=(const TestNetwork&) = delete;

  static bool running_as_root();
  // Makes the switch drop multicast as a snooping switch without a querier
  // does once its memberships expire (here at once): unicast and broadcast
  // still pass. False (and error() set) when it could not.
  bool drop_multicast();

  const QString& error() const { return error_; }
  QString ipv4_address(int host) const;
  // Starts `program` inside host's namespace (ip netns exec, which execs it:
  // the process's pid is the program's) with `environment`.
  void start(QProcess& process, int host, const QString& program, const QStringList& arguments,
             const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) const;

 private:
  QString host_namespace(int host) const;
  bool ip(const QStringList& arguments);  // false (and error_ set) when it failed
  bool set_up_host(int host);
  bool wait_for_ipv6(int host);
  static void remove_stale_namespaces();

  QString prefix_;
  QStringList namespaces_;
  QString error_;
};

}  // namespace ferry::test
