// SPDX-License-Identifier: Apache-2.0
#include "certificate.hpp"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <memory>

#include "openssl_error.hpp"
#include "text/hex.hpp"

namespace ferry {
namespace {

// Twenty years: the device id must outlive any laptop.
constexpr long kValidSeconds = 20L * 365 * 24 * 3600;

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using BigNumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

Result<std::string> certificate_fingerprint(X509* cert) {
  unsigned char* der = nullptr;
  const int length = i2d_X509(cert, &der);
  if (length <= 0) return openssl_error("i2d_X509");
  auto hex = fingerprint_of_der(der, length);
  OPENSSL_free(der);
  return hex;
}

bool set_random_serial(X509* cert) {
  BigNumPtr serial(BN_new());
  if (!serial || !BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY)) return false;
  return BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) != nullptr;
}

}  // namespace

std::string fingerprint_of_der(const unsigned char* der, int length) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  EVP_Digest(der, static_cast<std::size_t>(length), digest, &digest_length, EVP_sha256(), nullptr);
  return lowercase_hex(std::span<const std::uint8_t>(digest, digest_length));
}

Result<Identity> generate_identity(std::string_view device_name) {
  KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key) return openssl_error("EVP_PKEY_Q_keygen(ED25519)");
  CertPtr cert(X509_new());
  const std::string common_name(device_name.empty() ? "ferry" : device_name);
  X509_NAME* name = cert ? X509_get_subject_name(cert.get()) : nullptr;
  const bool built =
      name && X509_set_version(cert.get(), 2) && set_random_serial(cert.get()) &&
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) &&
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidSeconds) && X509_set_pubkey(cert.get(), key.get()) &&
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name.data()),
                                 static_cast<int>(common_name.size()), -1, 0) &&
      X509_set_issuer_name(cert.get(), name) &&
      X509_sign(cert.get(), key.get(), nullptr) > 0;  // Ed25519 signs without a separate digest
  if (!built) return openssl_error("X509_sign", common_name);

  BioPtr key_bio(BIO_new(BIO_s_mem()));
  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  if (!key_bio || !cert_bio ||
      !PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) ||
      !PEM_write_bio_X509(cert_bio.get(), cert.get()))
    return openssl_error("PEM_write_bio");
  auto fingerprint = certificate_fingerprint(cert.get());
  if (!fingerprint) return fingerprint.error();
  return Identity{bio_text(cert_bio.get()), bio_text(key_bio.get()), std::move(fingerprint.value())};
}

Result<Identity> parse_identity(std::string_view pem, const std::string& source) {
  // Each read scans the whole text for its own kind of PEM block.
  BioPtr key_bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  BioPtr cert_bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!key_bio || !cert_bio) return openssl_error("BIO_new_mem_buf", source);
  KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (!key) return openssl_error("PEM_read_bio_PrivateKey", source);
  CertPtr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (!cert) return openssl_error("PEM_read_bio_X509", source);
  if (X509_check_private_key(cert.get(), key.get()) != 1) return openssl_error("X509_check_private_key", source);

  BioPtr key_out(BIO_new(BIO_s_mem()));
  BioPtr cert_out(BIO_new(BIO_s_mem()));
  if (!key_out || !cert_out ||
      !PEM_write_bio_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) ||
      !PEM_write_bio_X509(cert_out.get(), cert.get()))
    return openssl_error("PEM_write_bio", source);
  auto fingerprint = certificate_fingerprint(cert.get());
  if (!fingerprint) return fingerprint.error();
  return Identity{bio_text(cert_out.get()), bio_text(key_out.get()), std::move(fingerprint.value())};
}

}  // namespace ferry
