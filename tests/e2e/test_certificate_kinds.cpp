// SPDX-License-Identifier: Apache-2.0
// docs/security.md: a device's certificate is Ed25519 and self-signed. A
// receiving engine refuses, in the TLS handshake over real loopback, an RSA
// key, a P-256 key, and an Ed25519 certificate whose self-signature does not
// verify; a proper one gets the receiver's HELLO.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <QtTest>
#include <memory>

#include <span>

#include "engine_harness.hpp"
#include "ferry/core/protocol/codec.hpp"

using namespace ferry;
using namespace ferry::test;

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

enum class Kind { Ed25519, Rsa, P256, Ed25519BadSignature };

Key make_key(Kind kind) {
  switch (kind) {
    case Kind::Rsa:
      return {EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}), EVP_PKEY_free};
    case Kind::P256:
      return {EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free};
    default:
      return {EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), EVP_PKEY_free};
  }
}

// A self-signed certificate for `key`; signed by `signer` instead when given.
Certificate make_certificate(EVP_PKEY* key, EVP_PKEY* signer) {
  Certificate cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("odd peer"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  EVP_PKEY* by = signer ? signer : key;
  const bool edwards = EVP_PKEY_get_base_id(by) == EVP_PKEY_ED25519;
  if (X509_sign(cert.get(), by, edwards ? nullptr : EVP_sha256()) <= 0) return {nullptr, X509_free};
  return cert;
}

// Connects to 127.0.0.1:port with `kind` of certificate, sends HELLO and
// reports whether the receiver's HELLO came back (the handshake was kept).
bool greeted_with(Kind kind, std::uint16_t port) {
  Key key = make_key(kind);
  Key other = make_key(Kind::Ed25519);
  if (!key || !other) return false;
  Certificate cert = make_certificate(key.get(), kind == Kind::Ed25519BadSignature ? other.get() : nullptr);
  if (!cert) return false;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> context(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
  SSL_CTX_set_min_proto_version(context.get(), TLS1_3_VERSION);
  SSL_CTX_use_certificate(context.get(), cert.get());
  SSL_CTX_use_PrivateKey(context.get(), key.get());
  SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr);
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const timeval limit{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return false;
  }
  SSL* ssl = SSL_new(context.get());
  SSL_set_fd(ssl, fd);
  bool greeted = false;
  // TLS 1.3: the client's handshake completes before the server has judged
  // its certificate; a refusal shows as an alert or a close on the first read.
  if (SSL_connect(ssl) == 1) {
    std::vector<std::byte> hello;
    protocol::encode(protocol::Hello{protocol::kVersion, "odd peer"}, hello);
    std::array<std::byte, 512> reply{};
    if (SSL_write(ssl, hello.data(), static_cast<int>(hello.size())) > 0) {
      const int got = SSL_read(ssl, reply.data(), static_cast<int>(reply.size()));
      greeted = got > 0 && protocol::decode(std::span(reply).first(std::size_t(got))).status ==
                               protocol::DecodeResult::Status::Frame;
    }
  }
  ERR_clear_error();
  SSL_free(ssl);
  ::close(fd);
  return greeted;
}

}  // namespace

class TestCertificateKinds : public QObject {
  Q_OBJECT
 private slots:
  void only_ed25519_self_signed_is_accepted_data();
  void only_ed25519_self_signed_is_accepted();
};

void TestCertificateKinds::only_ed25519_self_signed_is_accepted_data() {
  QTest::addColumn<int>("kind");
  QTest::addColumn<bool>("accepted");
  QTest::newRow("Ed25519, self-signed") << int(Kind::Ed25519) << true;
  QTest::newRow("RSA 2048") << int(Kind::Rsa) << false;
  QTest::newRow("P-256") << int(Kind::P256) << false;
  QTest::newRow("Ed25519, signature by another key") << int(Kind::Ed25519BadSignature) << false;
}

void TestCertificateKinds::only_ed25519_self_signed_is_accepted() {
  QFETCH(int, kind);
  QFETCH(bool, accepted);
  Receiver receiver(fresh_dir("certificate-kinds"));
  QCOMPARE(greeted_with(static_cast<Kind>(kind), receiver.port()), accepted);
}

QTEST_GUILESS_MAIN(TestCertificateKinds)
#include "test_certificate_kinds.moc"
