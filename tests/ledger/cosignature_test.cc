#include "ledger/cosignature.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ledger/base64.h"
#include "ledger/hash.h"
#include "tests/ledger/published_cosigned.h"

namespace sharetrail {
namespace {

std::vector<CosignatureVerifier> PublishedWitnesses() {
  std::vector<CosignatureVerifier> out;
  auto remora = CosignatureVerifier::FromVkey(kRemoraVkey);
  EXPECT_TRUE(remora.ok()) << remora.status().ToString();
  out.push_back(*remora);
  for (const HexWitness& w : kHexWitnesses) {
    Hash key;
    EXPECT_TRUE(HashFromHex(w.key, &key));
    auto v = CosignatureVerifier::FromPublicKey(w.name, std::string(AsBytes(key)));
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    out.push_back(*v);
  }
  return out;
}

TEST(CosignatureTest, PublishedCheckpointVerifies) {
  std::string note = kArcheText + "\n" + kArcheSigs;
  auto log = NoteVerifier::FromVkey(kArcheLogVkey);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  // The log's own Ed25519 line verifies; its RFC 6962 line (another type)
  // and the cosignatures are not its key's and are skipped.
  auto opened = OpenNote(note, {*log});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto cosigs = OpenCosignatures(*opened, PublishedWitnesses());
  ASSERT_TRUE(cosigs.ok()) << cosigs.status().ToString();
  ASSERT_EQ(cosigs->size(), 4u);
  std::vector<std::string> names;
  for (const auto& c : *cosigs) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"transparency.dev/DEV:witness-little-garden",
                                             "witness1.smartit.nu/witness1", "remora.n621.de",
                                             "witness.stagemole.eu"}));
  // 0x6a122120, the 8 bytes after each key id.
  for (const auto& c : *cosigs) EXPECT_EQ(c.time, 1779573024u) << c.name;
}

TEST(CosignatureTest, PublishedVkeyMatchesRawKeyAndKeyIdRule) {
  auto v = CosignatureVerifier::FromVkey(kRemoraVkey);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  // The Sigsum policy lists the same witness by its raw key.
  Hash raw;
  std::copy(v->public_key().begin(), v->public_key().end(), raw.begin());
  EXPECT_EQ(HashHex(raw), "ebcdeb78e7fdb2ef9227b2c1ef11e94600b55b4d6d9a57877e31ee89e59adc36");
  EXPECT_EQ(v->key_id(), 0xda77ade7u);
  EXPECT_EQ(v->Vkey(), kRemoraVkey);
  // The log key type 0x01 gives a different id for the same name and key.
  EXPECT_NE(Ed25519KeyId(v->name(), v->public_key()), v->key_id());
}

TEST(CosignatureTest, AlteredCheckpointIsAnErrorNotASkip) {
  std::string text = kArcheText;
  text[text.find("1432088532")] = '2';
  auto note = Note::Parse(text + "\n" + kArcheSigs);
  ASSERT_TRUE(note.ok());
  auto cosigs = OpenCosignatures(*note, PublishedWitnesses());
  ASSERT_FALSE(cosigs.ok());
  EXPECT_NE(cosigs.status().message().find("invalid signature"), std::string::npos)
      << cosigs.status().ToString();
}

TEST(CosignatureTest, SpecMessageBytes) {
  // tlog-cosignature "Ed25519 signed message" example.
  EXPECT_EQ(CosignedMessage(1679315147,
                            "example.com/behind-the-sofa\n20852163\n"
                            "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"),
            "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
            "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
}

Cosigner MakeCosigner(const std::string& name, char fill) {
  auto key = Ed25519PrivateKey::FromSeed(std::string(32, fill));
  EXPECT_TRUE(key.ok());
  auto c = Cosigner::Create(name, std::move(key).value());
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return std::move(c).value();
}

TEST(CosignatureTest, SignVerifyRoundTripAndLineLayout) {
  Cosigner w = MakeCosigner("witness.example/w1", 'w');
  auto sig = w.Cosign(kArcheText, 1700000000);
  ASSERT_TRUE(sig.ok());
  ASSERT_EQ(sig->signature.size(), 72u);
  EXPECT_EQ(sig->key_id, w.Verifier().key_id());
  EXPECT_EQ(sig->signature.substr(0, 8), std::string("\0\0\0\0\x65\x53\xf1\x00", 8));
  auto time = w.Verifier().Verify(kArcheText, *sig);
  ASSERT_TRUE(time.ok()) << time.status().ToString();
  EXPECT_EQ(*time, 1700000000u);
  // The timestamp is signed: moving it invalidates the line.
  NoteSignature moved = *sig;
  moved.signature[7] = 1;
  EXPECT_FALSE(w.Verifier().Verify(kArcheText, moved).ok());
  // The vkey round-trips.
  auto back = CosignatureVerifier::FromVkey(w.Verifier().Vkey());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->public_key(), w.Verifier().public_key());
}

TEST(CosignatureTest, UnknownTypesAndKeysAreSkipped) {
  Cosigner w1 = MakeCosigner("w1", '1'), w2 = MakeCosigner("w2", '2');
  Note note{kArcheText, {}};
  note.signatures.push_back(*w1.Cosign(kArcheText, 5));
  // An ML-DSA-44 line from a key nobody configured: 4-byte id, time, 2420 bytes.
  note.signatures.push_back(NoteSignature{"pq.example/w", 0x01020304, std::string(2428, 'x')});
  note.signatures.push_back(*w2.Cosign(kArcheText, 6));
  auto only_w1 = OpenCosignatures(note, {w1.Verifier()});
  ASSERT_TRUE(only_w1.ok()) << only_w1.status().ToString();
  ASSERT_EQ(only_w1->size(), 1u);
  EXPECT_EQ((*only_w1)[0].time, 5u);
  // The format round-trips through the note text.
  auto reparsed = Note::Parse(note.Format());
  ASSERT_TRUE(reparsed.ok()) << reparsed.status().ToString();
  auto both = OpenCosignatures(*reparsed, {w1.Verifier(), w2.Verifier()});
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->size(), 2u);
}

TEST(CosignatureTest, VkeyErrors) {
  EXPECT_FALSE(CosignatureVerifier::FromVkey(kArcheLogVkey).ok());  // type 0x01
  auto mldsa = CosignatureVerifier::FromVkey("pq+00000000+Bg==");
  ASSERT_FALSE(mldsa.ok());
  EXPECT_NE(mldsa.status().message().find("ML-DSA-44"), std::string::npos);
  std::string wrong_id = kRemoraVkey;
  wrong_id.replace(wrong_id.find("da77ade7"), 8, "da77ade8");
  EXPECT_FALSE(CosignatureVerifier::FromVkey(wrong_id).ok());
  Cosigner w = MakeCosigner("w", 'w');
  EXPECT_FALSE(w.Cosign(kArcheText, uint64_t{1} << 63).ok());
  EXPECT_FALSE(w.Cosign("no newline", 1).ok());
}

TEST(CosignatureTest, SignatureLinesAreTheAnswerBody) {
  Cosigner w = MakeCosigner("w", 'w');
  auto sig = w.Cosign(kArcheText, 1);
  std::string lines = SignatureLines({*sig});
  EXPECT_EQ(lines.rfind("— w ", 0), 0u);
  EXPECT_EQ(lines.back(), '\n');
  EXPECT_EQ(lines.find('\n'), lines.size() - 1);
}

}  // namespace
}  // namespace sharetrail
