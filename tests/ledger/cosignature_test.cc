#include "ledger/cosignature.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ledger/base64.h"
#include "ledger/hash.h"

namespace sharetrail {
namespace {

// A checkpoint of the transparency.dev staging CT log arche2025h1 with the
// cosignatures of four public witnesses, as published (C2SP tlog-cosignature
// cosignature/v1). The log's vkey and remora.n621.de's vkey are published
// with it; the other witnesses' raw Ed25519 keys are those of the Sigsum
// test policy (florolf/spic doc/example.md, Sigsum policy format).
const std::string kArcheText =
    "arche2025h1.staging.ct.transparency.dev\n"
    "1432088532\n"
    "U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=\n";
const std::string kArcheSigs =
    "— arche2025h1.staging.ct.transparency.dev "
    "zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFb"
    "on"
    "5Ch9MNL5zRNZ55lvGt0=\n"
    "— arche2025h1.staging.ct.transparency.dev "
    "ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=\n"
    "— transparency.dev/DEV:witness-little-garden "
    "2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/"
    "KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==\n"
    "— witness1.smartit.nu/witness1 "
    "pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/"
    "iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==\n"
    "— remora.n621.de "
    "2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/"
    "zZ0WBxtqB0DrAWfBw==\n"
    "— witness.stagemole.eu "
    "Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/"
    "2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==\n";
const char kArcheLogVkey[] =
    "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f";
const char kRemoraVkey[] = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";
struct HexWitness {
  const char* name;
  const char* key;
};
const HexWitness kHexWitnesses[] = {
    {"transparency.dev/DEV:witness-little-garden",
     "2b6eb0ec483503544cde4e8fc1ce6d1921db21dffccc186865f808f7625443cc"},
    {"witness1.smartit.nu/witness1",
     "f4855a0f46e8a3e23bb40faf260ee57ab8a18249fa402f2ca2d28a60e1a3130e"},
    {"witness.stagemole.eu", "4a921b7caef58ae670cdc11ef4184f1c058f7b9259a9107a969f69fa54aa496f"},
};

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
