// SPDX-License-Identifier: Apache-2.0
// OpenSSL 3 through Boost.Asio ssl on 127.0.0.1: a throwaway Ed25519 key and
// self-signed certificate made in memory, a server and a client in one
// io_context, TLS 1.3 only, both sides presenting the certificate. Built for
// both presets: on Windows it proves the static OpenSSL for mingw
// (scripts/build-openssl-mingw.sh) links and works under Wine; on Linux it
// runs against Debian's libssl.
#include <QTest>

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::ip::tcp;

namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;
using Fingerprint = std::array<unsigned char, 32>;

constexpr std::size_t kPayloadSize = 1 << 20;

// A self-signed certificate for KEY, valid from now for a day.
Cert self_signed(EVP_PKEY* key) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);  // v3
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 60 * 60);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("ferry-tls-test"), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key);
  if (X509_sign(cert.get(), key, nullptr) <= 0) {  // Ed25519 hashes by itself: no digest
    return nullptr;
  }
  return cert;
}

std::optional<Fingerprint> sha256(X509* cert) {
  Fingerprint digest{};
  unsigned int length = 0;
  if (cert == nullptr || X509_digest(cert, EVP_sha256(), digest.data(), &length) != 1 || length != digest.size()) {
    return std::nullopt;
  }
  return digest;
}

std::optional<Fingerprint> peer_fingerprint(SSL* connection) {
  Cert peer(SSL_get1_peer_certificate(connection));
  return sha256(peer.get());
}

// TLS 1.3 only, presenting CERT, requiring the peer's certificate: accepted
// when it is self-signed (these peers trust no CA; the fingerprint is
// compared after the handshake).
bool set_up(ssl::context& context, X509* cert, EVP_PKEY* key) {
  SSL_CTX* native = context.native_handle();
  if (SSL_CTX_set_min_proto_version(native, TLS1_3_VERSION) != 1 || SSL_CTX_use_certificate(native, cert) != 1 ||
      SSL_CTX_use_PrivateKey(native, key) != 1) {
    return false;
  }
  context.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  context.set_verify_callback([](bool preverified, ssl::verify_context& verify) {
    X509_STORE_CTX* store = verify.native_handle();
    return preverified || (X509_STORE_CTX_get_error_depth(store) == 0 &&
                           X509_STORE_CTX_get_error(store) == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
  });
  return true;
}

using Outcome = std::optional<boost::system::error_code>;
using Stream = ssl::stream<tcp::socket>;

// A completion handler for a read or write that keeps its outcome in OUTCOME.
auto record(Outcome& outcome) {
  return [&outcome](boost::system::error_code error, std::size_t) { outcome = error; };
}

// A completion handler for accepting or connecting STREAM's socket: then the
// TLS handshake as TYPE, its outcome (or the connection's error) kept in
// HANDSHAKE, and on success NEXT.
template <typename Next>
auto handshake_then(Stream& stream, ssl::stream_base::handshake_type type, Outcome& handshake, Next next) {
  return [&stream, type, &handshake, next](boost::system::error_code error) {
    if (error) {
      handshake = error;
      return;
    }
    stream.async_handshake(type, [&handshake, next](boost::system::error_code result) {
      handshake = result;
      if (!result) {
        next();
      }
    });
  };
}

}  // namespace

class TestTlsLoopback : public QObject {
  Q_OBJECT

 private slots:
  void mutual_tls13_carries_a_mebibyte();
};

void TestTlsLoopback::mutual_tls13_carries_a_mebibyte() {
  Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  QVERIFY(key);
  Cert cert = self_signed(key.get());
  QVERIFY(cert);
  const std::optional<Fingerprint> local = sha256(cert.get());
  QVERIFY(local);

  ssl::context server_context(ssl::context::tls_server);
  ssl::context client_context(ssl::context::tls_client);
  QVERIFY(set_up(server_context, cert.get(), key.get()));
  QVERIFY(set_up(client_context, cert.get(), key.get()));

  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  Stream server(io, server_context);
  Stream client(io, client_context);

  std::vector<unsigned char> sent(kPayloadSize);
  for (std::size_t i = 0; i < sent.size(); ++i) {
    sent[i] = static_cast<unsigned char>((i * 131 + i / 4096) & 0xff);
  }
  std::vector<unsigned char> received(kPayloadSize);
  Outcome server_handshake, client_handshake, read_done, write_done;

  acceptor.async_accept(server.next_layer(), handshake_then(server, ssl::stream_base::server, server_handshake, [&] {
                          asio::async_read(server, asio::buffer(received), record(read_done));
                        }));
  client.next_layer().async_connect(acceptor.local_endpoint(),
                                    handshake_then(client, ssl::stream_base::client, client_handshake, [&] {
                                      asio::async_write(client, asio::buffer(sent), record(write_done));
                                    }));
  io.run_for(std::chrono::seconds(60));

  QVERIFY2(client_handshake && server_handshake, "handshake did not finish in time");
  QVERIFY2(!*client_handshake, client_handshake->message().c_str());
  QVERIFY2(!*server_handshake, server_handshake->message().c_str());
  QCOMPARE(SSL_version(client.native_handle()), TLS1_3_VERSION);
  QCOMPARE(SSL_version(server.native_handle()), TLS1_3_VERSION);
  QVERIFY(peer_fingerprint(client.native_handle()) == local);
  QVERIFY(peer_fingerprint(server.native_handle()) == local);

  QVERIFY2(write_done && read_done, "the mebibyte did not arrive in time");
  QVERIFY2(!*write_done, write_done->message().c_str());
  QVERIFY2(!*read_done, read_done->message().c_str());
  QVERIFY(received == sent);
}

QTEST_GUILESS_MAIN(TestTlsLoopback)
#include "test_tls_loopback.moc"
