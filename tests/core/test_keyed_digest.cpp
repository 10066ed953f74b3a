// SPDX-License-Identifier: Apache-2.0
// Fast mode's keyed digest (docs/protocol.md, section 7): AES-256-GMAC under
// the session key, nonce = offer index (u32 big-endian) then 8 zero bytes,
// the file's bytes as additional data. Checked against the document's test
// vectors (made with the openssl command line's GMAC) and against an
// independent computation through OpenSSL's AES-256-GCM cipher interface.
#include <openssl/evp.h>

#include <QTest>
#include <array>
#include <random>
#include <vector>

#include "digest.hpp"

using namespace ferry;

namespace {

DigestKey counting_key() {
  DigestKey key;
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i);
  return key;
}

std::vector<std::byte> mod_251(std::size_t size) {
  std::vector<std::byte> bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::byte>(i % 251);
  return bytes;
}

QByteArray hex(const protocol::Digest& digest) {
  return QByteArray(reinterpret_cast<const char*>(digest.data()), int(digest.size())).toHex();
}

// GCM with no plaintext: the tag over `aad` alone, through EVP_CIPHER (not EVP_MAC).
protocol::Digest gcm_tag(const DigestKey& key, std::uint32_t index, std::span<const std::byte> aad) {
  std::array<unsigned char, 12> nonce{};
  for (int i = 0; i < 4; ++i) nonce[i] = static_cast<unsigned char>(index >> (24 - 8 * i));
  protocol::Digest tag{};
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int length = 0;
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, int(nonce.size()), nullptr);
  EVP_EncryptInit_ex(ctx, nullptr, nullptr, key.data(), nonce.data());
  if (!aad.empty())
    EVP_EncryptUpdate(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(aad.data()), int(aad.size()));
  EVP_EncryptFinal_ex(ctx, nullptr, &length);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, int(tag.size()), tag.data());
  EVP_CIPHER_CTX_free(ctx);
  return tag;
}

protocol::Digest keyed(const DigestKey& key, std::uint32_t index, std::span<const std::byte> bytes) {
  StreamDigest digest(key, index);
  digest.update(bytes);
  return digest.finish();
}

}  // namespace

class TestKeyedDigest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void document_vectors_data();
  void document_vectors();
  void matches_gcm_computed_apart();
  void resume_continues_from_a_snapshot();
};

void TestKeyedDigest::initTestCase() { QVERIFY(keyed_digest_available()); }

void TestKeyedDigest::document_vectors_data() {
  QTest::addColumn<int>("size");
  QTest::addColumn<QByteArray>("tag");
  QTest::newRow("empty") << 0 << QByteArray("f232ae9cbb523748c35b8c5b2448d5f1");
  QTest::newRow("1000 bytes i mod 251") << 1000 << QByteArray("bd47dbb3ac29437e4818ea226381cc70");
}

void TestKeyedDigest::document_vectors() {
  QFETCH(int, size);
  QFETCH(QByteArray, tag);
  QCOMPARE(hex(keyed(counting_key(), 7, mod_251(std::size_t(size)))), tag);
}

void TestKeyedDigest::matches_gcm_computed_apart() {
  std::mt19937 random(20);
  for (const std::size_t size : {1u, 15u, 16u, 17u, 4096u, 100'003u}) {
    DigestKey key;
    for (auto& b : key) b = static_cast<std::uint8_t>(random());
    std::vector<std::byte> bytes(size);
    for (auto& b : bytes) b = static_cast<std::byte>(random());
    const std::uint32_t index = random();
    QCOMPARE(hex(keyed(key, index, bytes)), hex(gcm_tag(key, index, bytes)));
  }
}

// A resumed file: the prefix digested first (the part kept), a snapshot taken
// at the restart point, the rest fed to it (updates split at odd places).
void TestKeyedDigest::resume_continues_from_a_snapshot() {
  const std::vector<std::byte> file = mod_251(3 * 4096 + 123);
  const std::span<const std::byte> all(file);
  StreamDigest prefix(counting_key(), 7);
  prefix.update(all.first(1000));
  prefix.update(all.subspan(1000, 3000));
  StreamDigest resumed = prefix.snapshot();
  resumed.update(all.subspan(4000, 17));
  resumed.update(all.subspan(4017));
  QCOMPARE(hex(resumed.finish()), hex(gcm_tag(counting_key(), 7, all)));
  // The snapshot left the prefix's state as it was.
  QCOMPARE(hex(prefix.finish()), hex(gcm_tag(counting_key(), 7, all.first(4000))));
}

QTEST_GUILESS_MAIN(TestKeyedDigest)
#include "test_keyed_digest.moc"
