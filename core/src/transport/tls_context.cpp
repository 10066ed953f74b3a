// SPDX-License-Identifier: Apache-2.0
#include "tls_context.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/spdlog.h>

#include "../identity/openssl_error.hpp"
#include "../identity/openssl_init.hpp"

namespace ferry {
namespace {

// Why a peer's certificate is not one a Ferry device makes (docs/security.md,
// "Device identity"): an Ed25519 key and a self-signature that verifies with
// it; empty when it is one.
std::string certificate_flaw(X509* certificate) {
  if (!certificate) return "no certificate";
  EVP_PKEY* key = X509_get0_pubkey(certificate);
  if (!key) return "no readable public key";
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_ED25519)
    return std::string("a ") + OBJ_nid2sn(EVP_PKEY_get_base_id(key)) + " key, not Ed25519";
  if (X509_verify(certificate, key) != 1) return "a self-signature that does not verify";
  return {};
}

// Replaces OpenSSL's chain verification: there is no chain to a CA, only the
// certificate whose fingerprint is pinned. The handshake itself proves the
// peer holds its key (CertificateVerify).
int verify_device_certificate(X509_STORE_CTX* store, void*) {
  const std::string flaw = certificate_flaw(X509_STORE_CTX_get0_cert(store));
  if (flaw.empty()) return 1;
  spdlog::warn("TLS handshake refused: the peer's certificate has {}", flaw);
  X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_SIGNATURE_FAILURE);
  return 0;
}

}  // namespace

Result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(const Identity& identity) {
  namespace ssl = boost::asio::ssl;
  initialise_openssl();
  auto context = std::make_shared<ssl::context>(ssl::context::tls);
  SSL_CTX* native = context->native_handle();
  if (SSL_CTX_set_min_proto_version(native, TLS1_3_VERSION) != 1)
    return openssl_error("SSL_CTX_set_min_proto_version(TLS 1.3)");
  // AES-128-GCM first: TLS 1.3's mandatory suite, a third cheaper per byte
  // than AES-256-GCM with AES-NI, and one the kernel's TLS can take over.
  if (SSL_CTX_set_ciphersuites(native,
                               "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"
                               "TLS_CHACHA20_POLY1305_SHA256") != 1)
    return openssl_error("SSL_CTX_set_ciphersuites");
  // Every session is a fresh handshake: no tickets, no resumption state to keep.
  SSL_CTX_set_num_tickets(native, 0);
  SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
  boost::system::error_code ec;
  context->use_certificate(boost::asio::buffer(identity.certificate_pem), ssl::context::pem, ec);
  if (!ec) context->use_private_key(boost::asio::buffer(identity.private_key_pem), ssl::context::pem, ec);
  if (!ec) context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert, ec);
  if (ec) return IoError{ec, "load device certificate into TLS", {}};
  SSL_CTX_set_cert_verify_callback(native, verify_device_certificate, nullptr);
  return context;
}

}  // namespace ferry
