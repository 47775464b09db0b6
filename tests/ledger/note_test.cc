#include "ledger/note.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ledger/base64.h"
#include "ledger/hash.h"
#include "ledger/keys.h"

namespace sharetrail {
namespace {

// golang.org/x/mod/sumdb/note, note.go package doc and note_test.go
// (TestNewSigner, TestSign, TestOpen): the published example keys and notes.
const char kPeterVkey[] = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const char kPeterSkeyData[] = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";  // 0x01 || seed
const char kEnochVkey[] = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const std::string kText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
const std::string kPeterSig =
    "— PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const std::string kEnochSig =
    "— EnochRoot "
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/"
    "5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

// The go command's built-in key for sum.golang.org
// (golang/go src/cmd/go/internal/modfetch/key.go).
const char kSumDbVkey[] = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

NoteVerifier MustVerifier(std::string_view vkey) {
  Result<NoteVerifier> v = NoteVerifier::FromVkey(vkey);
  EXPECT_TRUE(v.ok()) << vkey << ": " << v.status().ToString();
  return std::move(v).value();
}

// Asserts that note fails to open, with msg_part in the error message.
void ExpectOpenFails(const std::string& note, const std::vector<NoteVerifier>& verifiers,
                     const std::string& msg_part) {
  Result<Note> n = OpenNote(note, verifiers);
  ASSERT_FALSE(n.ok()) << "opened:\n" << note;
  EXPECT_NE(n.status().message().find(msg_part), std::string::npos)
      << n.status().ToString() << "\nnote:\n"
      << note;
}

TEST(Note, GoExampleOpens) {
  Result<Note> n = OpenNote(kText + "\n" + kPeterSig, {MustVerifier(kPeterVkey)});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->text, kText);
  ASSERT_EQ(n->signatures.size(), 1u);
  EXPECT_EQ(n->signatures[0].name, "PeterNeumann");
  EXPECT_EQ(n->signatures[0].key_id, 0xc74f20a3u);
  EXPECT_EQ(n->signatures[0].signature.size(), kEd25519SignatureSize);
  EXPECT_EQ(n->Format(), kText + "\n" + kPeterSig);
}

// Ed25519 is deterministic, so our signer must reproduce Go's line exactly.
TEST(Note, GoExampleSignIsByteIdentical) {
  Result<std::string> skey = Base64Decode(kPeterSkeyData);
  ASSERT_TRUE(skey.ok());
  ASSERT_EQ(skey->size(), 33u);
  ASSERT_EQ((*skey)[0], '\x01');
  Result<Ed25519PrivateKey> key = Ed25519PrivateKey::FromSeed(skey->substr(1));
  ASSERT_TRUE(key.ok());
  Result<NoteSigner> signer = NoteSigner::Create("PeterNeumann", std::move(key).value());
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  EXPECT_EQ(signer->Verifier().Vkey(), kPeterVkey);
  EXPECT_EQ(signer->Verifier().key_id(), 0xc74f20a3u);

  Result<NoteSignature> sig = signer->Sign(kText);
  ASSERT_TRUE(sig.ok()) << sig.status().ToString();
  EXPECT_EQ((Note{kText, {*sig}}.Format()), kText + "\n" + kPeterSig);
}

TEST(Note, UnknownSignaturesAreKeptAndIgnored) {
  const std::string both = kText + "\n" + kPeterSig + kEnochSig;
  NoteVerifier peter = MustVerifier(kPeterVkey), enoch = MustVerifier(kEnochVkey);
  for (const auto& verifiers :
       std::vector<std::vector<NoteVerifier>>{{peter}, {enoch}, {peter, enoch}}) {
    Result<Note> n = OpenNote(both, verifiers);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    ASSERT_EQ(n->signatures.size(), 2u);
    EXPECT_EQ(n->signatures[1].name, "EnochRoot");
    EXPECT_EQ(n->signatures[1].key_id, 0xaf0cfe78u);
    EXPECT_EQ(n->Format(), both);
  }
  ExpectOpenFails(both, {}, "no signature from a known key");
}

// The examples in c2sp.org/signed-note and c2sp.org/tlog-checkpoint (C2SP/C2SP
// signed-note.md, tlog-checkpoint.md). Their public keys are not published,
// so these check syntax only. The first has a blank line inside its text.
TEST(Note, C2spSpecExamplesParse) {
  const std::string poem =
      "Ognuno sta solo sul cuor della terra\n"
      "trafitto da un raggio di sole:\n"
      "\n"
      "ed è subito sera.\n";
  const std::string poem_note = poem +
                                "\n— quasimodo.example/salvatore "
                                "NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0x"
                                "McXxj99ihAQwaqP3ZekRwNtIc=\n";
  Result<Note> n = Note::Parse(poem_note);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->text, poem);
  ASSERT_EQ(n->signatures.size(), 1u);
  EXPECT_EQ(n->signatures[0].name, "quasimodo.example/salvatore");
  EXPECT_EQ(n->signatures[0].signature.size(), kEd25519SignatureSize);
  EXPECT_EQ(n->Format(), poem_note);

  const std::string cp_note =
      "example.com/behind-the-sofa\n"
      "20852163\n"
      "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
      "\n"
      "— example.com/behind-the-sofa "
      "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/"
      "Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
  n = Note::Parse(cp_note);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  Result<Checkpoint> cp = Checkpoint::Parse(n->text);
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->origin, "example.com/behind-the-sofa");
  EXPECT_EQ(cp->size, 20852163u);
  EXPECT_EQ(Base64(cp->root), "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
  EXPECT_TRUE(cp->extensions.empty());
  EXPECT_EQ(cp->Text(), n->text);
}

// A real sum.golang.org signed tree head, from google/trillian-examples
// formats/log/note_test.go (TestSumDBNoteParsing), with the witness
// cosignatures of that file's BenchmarkParse ("monkeys", "bananas", "witness")
// and two lines that reuse a witness signature under unknown names.
const std::string kSumDbText =
    "go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n";
const std::string kSumDbSig =
    "— sum.golang.org "
    "Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw="
    "\n";
const std::string kCosigs =
    "— monkeys "
    "202ffh9ve46Mqbhuyb4wnC2Pwdan5EsXQym/tF1ggXJqhjGosU4T5intH4iKMRgDLxrnXuIjRaU2NbvAnaepM6Y+8ww=\n"
    "— bananas "
    "z2OfE+2bbsBZ7NLgfuslc0v7NFW2QyexJ7fhePpoL2N/P7N/COd5S+JNHbQEAlYzz2C5sg0E+x/MggS1mDR6t3/9rQw=\n"
    "— witness "
    "8TqG25yWGFLdT7WPf/WoyeG3LwqtkXP+8S3yykOVm6EMh4hPgCke6eSVPU4BdtXNMPJBXKF+UpDbGgCdcpR8SVSoqAU=\n"
    "— random1 "
    "8TqG25yWGFLdT7WPf/WoyeG3LwqtkXP+8S3yykOVm6EMh4hPgCke6eSVPU4BdtXNMPJBXKF+UpDbGgCdcpR8SVSoqAU=\n"
    "— random2 "
    "8TqG25yWGFLdT7WPf/"
    "WoyeG3LwqtkXP+8S3yykOVm6EMh4hPgCke6eSVPU4BdtXNMPJBXKF+UpDbGgCdcpR8SVSoqAU=\n";
const char* const kWitnessVkeys[] = {
    "monkeys+db4d9f7e+AULaJMvTtDLHPUcUrjdDad9vDlh/PTfC2VV60JUtCfWT",
    "bananas+cf639f13+AaPjhFnPCQnid/Ql32KWhmh+uk72FVRfK+2DLmO3BI3M",
    "witness+f13a86db+AdYV1Ztajd9BvyjP2HgpwrqYL6TjOwIjGMOq8Bu42xbN",
};

TEST(Checkpoint, RealSumGolangOrgTreeHead) {
  NoteVerifier sumdb = MustVerifier(kSumDbVkey);
  EXPECT_EQ(sumdb.Vkey(), kSumDbVkey);
  Result<Note> n = OpenNote(kSumDbText + "\n" + kSumDbSig, {sumdb});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  Result<Checkpoint> cp = Checkpoint::Parse(n->text);
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->origin, "go.sum database tree");
  EXPECT_EQ(cp->size, 6476701u);
  EXPECT_EQ(Base64(cp->root), "mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=");

  // Tampering with the tree size must break the log's signature.
  std::string forged = kSumDbText;
  forged.replace(forged.find("6476701"), 7, "6476702");
  ExpectOpenFails(forged + "\n" + kSumDbSig, {sumdb},
                  "invalid signature for key sum.golang.org+033de0ae");
}

TEST(Checkpoint, CosignaturesFromUnknownKeysStillOpen) {
  const std::string note = kSumDbText + "\n" + kSumDbSig + kCosigs;
  NoteVerifier sumdb = MustVerifier(kSumDbVkey);
  Result<Note> n = OpenNote(note, {sumdb});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->signatures.size(), 6u);
  EXPECT_EQ(n->Format(), note);

  // With the witnesses known too, every cosignature is checked and passes.
  std::vector<NoteVerifier> all = {sumdb};
  for (const char* vkey : kWitnessVkeys) all.push_back(MustVerifier(vkey));
  n = OpenNote(note, all);
  ASSERT_TRUE(n.ok()) << n.status().ToString();

  // A known witness's bad cosignature rejects the note even though the log's
  // own signature is good.
  std::string bad = note;
  size_t at = bad.find("202ffh9ve46") + 20;
  bad[at] = bad[at] == 'A' ? 'B' : 'A';
  ExpectOpenFails(bad, all, "invalid signature for key monkeys+db4d9f7e");
  EXPECT_TRUE(OpenNote(bad, {sumdb}).ok());  // unknown to this client: ignored
}

// sum.golang.org's /latest as cosigned by a test witness, from
// google/trillian-examples witness/golang/cmd/addrwitness/README.md.
TEST(Checkpoint, RealSumGolangOrgWithWitnessCosignature) {
  const std::string note =
      "go.sum database tree\n15067302\ngJyioq6dwR9n+NjEWORfYmH+ubeYm3kH42BBQ0bTpYI=\n\n"
      "— sum.golang.org "
      "Az3grp1rvWOs5NKlr/xR4GLN/CDyzzakmt1o61uSxYKpK1SerqOP2ClbX/"
      "peKUZjYnyomH5Xz7GZG3TpB7OeKn4E2ww=\n"
      "— test.example.com "
      "qTGhC/"
      "xIPQ0AXKHK6Y+9ypRfuvMZWPjRXM8NiOg5M1WREn07VQXyuIXM3NRNav3ieVFLUqDRK77PWDmL6w8w84UqeAw=\n";
  Result<Note> n = OpenNote(note, {MustVerifier(kSumDbVkey)});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  ASSERT_EQ(n->signatures.size(), 2u);
  EXPECT_EQ(n->signatures[1].name, "test.example.com");
  Result<Checkpoint> cp = Checkpoint::Parse(n->text);
  ASSERT_TRUE(cp.ok());
  EXPECT_EQ(cp->size, 15067302u);
}

// golang.org/x/mod/sumdb/tlog note_test.go TestFormatTree: the golden tree
// text for size 123456789012 and RecordHash("hello world"), which is the
// RFC 6962 leaf hash.
TEST(Checkpoint, GoTlogGoldenText) {
  const std::string golden =
      "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n";
  Checkpoint cp{"go.sum database tree", 123456789012u, LeafHash("hello world"), {}};
  EXPECT_EQ(cp.Text(), golden);
  Result<Checkpoint> parsed = Checkpoint::Parse(golden);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->origin, cp.origin);
  EXPECT_EQ(parsed->size, cp.size);
  EXPECT_EQ(parsed->root, cp.root);
}

TEST(Checkpoint, ExtensionsAndLimits) {
  const std::string root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  Result<Checkpoint> cp = Checkpoint::Parse("log\n0\n" + root + "\next one\next two\n");
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->size, 0u);
  EXPECT_EQ(cp->extensions, (std::vector<std::string>{"ext one", "ext two"}));
  EXPECT_EQ(cp->Text(), "log\n0\n" + root + "\next one\next two\n");

  cp = Checkpoint::Parse("log\n18446744073709551615\n" + root + "\n");
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->size, UINT64_MAX);
}

TEST(Checkpoint, RejectsMalformedText) {
  const std::string root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  const std::string root31 = Base64Encode(std::string(31, 'x'));
  const std::string root33 = Base64Encode(std::string(33, 'x'));
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"log\n01\n" + root + "\n", "not canonical"},
      {"log\n00\n" + root + "\n", "not canonical"},
      {"log\n\n" + root + "\n", "not canonical"},
      {"log\n+1\n" + root + "\n", "not decimal"},
      {"log\n-0\n" + root + "\n", "not decimal"},
      {"log\n 1\n" + root + "\n", "not decimal"},
      {"log\n1a\n" + root + "\n", "not decimal"},
      {"log\n0x10\n" + root + "\n", "not canonical"},
      {"log\n18446744073709551616\n" + root + "\n", "overflows"},
      {"log\n99999999999999999999\n" + root + "\n", "overflows"},
      {"log\n1\n" + root31 + "\n", "expected 32 bytes, got 31"},
      {"log\n1\n" + root33 + "\n", "expected 32 bytes, got 33"},
      {"log\n1\n" + root.substr(0, 43) + "\n", "base64"},
      {"\n1\n" + root + "\n", "empty origin"},
      {"log\n1\n" + root, "end in a newline"},
      {"log\n1\n" + root + "\n\n", "empty extension line"},
      {"log\n1\n" + root + "\next\n\nmore\n", "empty extension line"},
      {"log\n1\n", "got 2 lines"},
      {"", "end in a newline"},
      {"log\n1\n" + root + "\next\x01\n", "control character"},
  };
  for (const auto& [text, want] : bad) {
    Result<Checkpoint> cp = Checkpoint::Parse(text);
    ASSERT_FALSE(cp.ok()) << "parsed: " << text;
    EXPECT_NE(cp.status().message().find(want), std::string::npos)
        << cp.status().ToString() << " for " << text;
  }
}

TEST(Note, RejectsTamperedText) {
  std::string text = kText;
  text.replace(text.find("problem,"), 8, "problem!");
  ExpectOpenFails(text + "\n" + kPeterSig, {MustVerifier(kPeterVkey)},
                  "invalid signature for key PeterNeumann+c74f20a3");
}

TEST(Note, RejectsTamperedSignature) {
  NoteVerifier peter = MustVerifier(kPeterVkey);
  // One base64 character changed inside the Ed25519 signature.
  std::string sig = kPeterSig;
  size_t at = sig.find("x08go") + 30;
  sig[at] = sig[at] == 'Q' ? 'R' : 'Q';
  ExpectOpenFails(kText + "\n" + sig, {peter}, "invalid signature for key PeterNeumann+c74f20a3");
  // Go's note_test: four extra characters, so the signature is 67 bytes.
  sig = kPeterSig.substr(0, 60) + "ABCD" + kPeterSig.substr(60);
  ExpectOpenFails(kText + "\n" + sig, {peter}, "invalid signature for key PeterNeumann+c74f20a3");
  // A second, corrupt copy from a known key is an error, not skipped.
  ExpectOpenFails(kText + "\n" + kPeterSig + sig, {peter}, "invalid signature");
}

TEST(Note, WrongKeyIdIsAnUnknownKey) {
  // "x08g" is 0xc74f20a3's first bytes; "xxxx" names another key id.
  std::string sig = kPeterSig;
  sig.replace(sig.find("x08g"), 4, "xxxx");
  Result<Note> n = Note::Parse(kText + "\n" + sig);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_NE(n->signatures[0].key_id, 0xc74f20a3u);
  ExpectOpenFails(kText + "\n" + sig, {MustVerifier(kPeterVkey)}, "no signature from a known key");
  // Same id under another name is another key too.
  std::string renamed = kPeterSig;
  renamed.replace(renamed.find("PeterNeumann"), 12, "CarmenSandiego");
  ExpectOpenFails(kText + "\n" + renamed, {MustVerifier(kPeterVkey)},
                  "no signature from a known key");
}

TEST(Note, RejectsMalformedNotes) {
  std::string b64 = kPeterSig.substr(kPeterSig.find(' ', 4) + 1);
  b64.pop_back();  // the newline
  const std::vector<std::pair<std::string, std::string>> bad = {
      // golang.org/x/mod/sumdb/note TestOpen's badMsgs.
      {kText, "no blank line"},
      {kText + "\n", "no signature lines"},
      {kText + "\n" + kPeterSig.substr(0, kPeterSig.size() - 1), "lacks a newline"},
      {"\x01" + kText + "\n" + kPeterSig, "control character"},
      {"\xff" + kText + "\n" + kPeterSig, "invalid UTF-8"},
      {kText + "\n— Bad Name " + b64, "lacks a newline"},
      {kText + "\n— Bad Name " + b64 + "\n", "base64"},
      {kText + "\n" + kPeterSig + "Unexpected line.\n", "em dash"},
      // Ours.
      {kText + kPeterSig, "no blank line"},
      {kText + "\n- PeterNeumann " + b64 + "\n", "em dash"},
      {kText + "\n—PeterNeumann " + b64 + "\n", "em dash"},
      {kText + "\n— PeterNeumann\n", "no space"},
      {kText + "\n— PeterNeumann " + b64.substr(0, b64.size() - 1) + "\n", "base64"},
      {kText + "\n— PeterNeumann " + b64.substr(0, 10) + "!!" + b64.substr(12) + "\n", "base64"},
      {kText + "\n— PeterNeumann \n", "shorter than 5 bytes"},
      {kText + "\n— PeterNeumann AAAAAA==\n", "shorter than 5 bytes"},
      {kText + "\n—  " + b64 + "\n", "empty key name"},
      {kText + "\n— Peter+Neumann " + b64 + "\n", "contains a space, '+'"},
      {"text\r\n\n" + kPeterSig, "control character"},
      {"caf\xc3\n\n" + kPeterSig, "invalid UTF-8"},           // truncated sequence
      {"\xc0\xaf\n\n" + kPeterSig, "invalid UTF-8"},          // overlong '/'
      {"\xed\xa0\x80\n\n" + kPeterSig, "invalid UTF-8"},      // surrogate
      {"\xf4\x90\x80\x80\n\n" + kPeterSig, "invalid UTF-8"},  // past U+10FFFF
  };
  for (const auto& [note, want] : bad) {
    Result<Note> n = Note::Parse(note);
    ASSERT_FALSE(n.ok()) << "parsed:\n" << note;
    EXPECT_NE(n.status().message().find(want), std::string::npos)
        << n.status().ToString() << "\nnote:\n"
        << note;
  }
}

TEST(Note, SignatureCountLimit) {
  NoteVerifier peter = MustVerifier(kPeterVkey);
  std::string sigs;
  for (int i = 0; i < 100; ++i) sigs += kPeterSig;
  EXPECT_TRUE(OpenNote(kText + "\n" + sigs, {peter}).ok());
  ExpectOpenFails(kText + "\n" + sigs + kPeterSig, {peter}, "more than 100 signatures");
  ExpectOpenFails(kText + "\n" + sigs + kEnochSig, {}, "more than 100 signatures");
}

TEST(NoteVerifier, RejectsMangledVkeys) {
  NoteVerifier v = MustVerifier(kPeterVkey);
  EXPECT_EQ(v.name(), "PeterNeumann");
  EXPECT_EQ(v.key_id(), 0xc74f20a3u);
  EXPECT_EQ(v.Vkey(), kPeterVkey);
  // As in Go's TestNewVerifier: every proper substring and every single-byte
  // increment must fail.
  const std::string vkey = kPeterVkey;
  for (size_t i = 0; i <= vkey.size(); ++i) {
    for (size_t j = i + 1; j <= vkey.size(); ++j) {
      if (i == 0 && j == vkey.size()) continue;
      EXPECT_FALSE(NoteVerifier::FromVkey(vkey.substr(i, j - i)).ok()) << vkey.substr(i, j - i);
    }
  }
  for (size_t i = 0; i < vkey.size(); ++i) {
    std::string bad = vkey;
    ++bad[i];
    EXPECT_FALSE(NoteVerifier::FromVkey(bad).ok()) << bad;
  }
  // Go's: wrong key length and unknown algorithm, each with a matching key id.
  EXPECT_FALSE(NoteVerifier::FromVkey(
                   "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")
                   .ok());
  EXPECT_FALSE(
      NoteVerifier::FromVkey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
          .ok());
  Result<NoteVerifier> wrong_id =
      NoteVerifier::FromVkey("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  ASSERT_FALSE(wrong_id.ok());
  EXPECT_NE(wrong_id.status().message().find("want c74f20a3"), std::string::npos);
}

TEST(NoteSigner, KeyNames) {
  for (const char* name : {"", "a b", "a+b", "a\tb", "a\nb", "a\x01z", "a\xc2\xa0z",
                           "a\xe3\x80\x80z", "a\xe2\x80\xa8z", "\xff"}) {
    Result<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
    ASSERT_TRUE(key.ok());
    EXPECT_FALSE(NoteSigner::Create(name, std::move(key).value()).ok()) << name;
    EXPECT_FALSE(NoteVerifier::FromPublicKey(name, std::string(32, 'k')).ok()) << name;
  }
  EXPECT_FALSE(NoteVerifier::FromPublicKey("log", std::string(31, 'k')).ok());
  for (const char* name : {"example.com/log", "quasimodo.example/salvatore", "é"}) {
    Result<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
    ASSERT_TRUE(key.ok());
    EXPECT_TRUE(NoteSigner::Create(name, std::move(key).value()).ok()) << name;
  }
}

TEST(NoteSigner, SignOpenRoundTrip) {
  Result<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(key.ok());
  Result<NoteSigner> signer = NoteSigner::Create("example.com/ledger", std::move(key).value());
  ASSERT_TRUE(signer.ok());
  Checkpoint cp{"example.com/ledger", 42, LeafHash("entry"), {}};
  Result<NoteSignature> sig = signer->Sign(cp.Text());
  ASSERT_TRUE(sig.ok());
  EXPECT_EQ(sig->key_id, Ed25519KeyId("example.com/ledger", signer->Verifier().public_key()));
  std::string formatted = Note{cp.Text(), {*sig}}.Format();

  // The verifier survives a trip through its vkey string.
  NoteVerifier v = MustVerifier(signer->Verifier().Vkey());
  Result<Note> n = OpenNote(formatted, {v});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  Result<Checkpoint> back = Checkpoint::Parse(n->text);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->size, 42u);
  EXPECT_EQ(back->root, cp.root);

  // Texts a note cannot carry are refused at signing time.
  EXPECT_FALSE(signer->Sign("").ok());
  EXPECT_FALSE(signer->Sign("abc").ok());
  EXPECT_FALSE(signer->Sign("tab\there\n").ok());
  EXPECT_FALSE(signer->Sign("bad \xff utf8\n").ok());
  // A text may hold blank lines; the note still splits at the last one.
  sig = signer->Sign("a\n\nb\n");
  ASSERT_TRUE(sig.ok());
  n = OpenNote(Note{"a\n\nb\n", {*sig}}.Format(), {v});
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->text, "a\n\nb\n");
}

}  // namespace
}  // namespace sharetrail
