#include "ledger/cosigned_store.h"

#include <gtest/gtest.h>

#include <fstream>

#include "ledger/cosignature.h"
#include "tests/testutil.h"

namespace sharetrail {
namespace {

using testing::TempDir;

const std::string kText = "self.example/ledger\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

NoteSignature Line(const std::string& name, char seed, const std::string& text) {
  auto c =
      Cosigner::Create(name, std::move(Ed25519PrivateKey::FromSeed(std::string(32, seed))).value());
  return *c->Cosign(text, 7);
}

TEST(CosignedStoreTest, KeepsOneNotePerWitnessAndMergesMatchingLines) {
  TempDir dir;
  NoteSignature log{"self.example/ledger", 1, std::string(64, 's')};
  std::string other = "self.example/ledger\n2\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  ASSERT_TRUE(
      KeepCosignedNote(dir.path(), "w1", Note{kText, {Line("w1", '1', kText)}}.Format()).ok());
  ASSERT_TRUE(
      KeepCosignedNote(dir.path(), "w2", Note{other, {Line("w2", '2', other)}}.Format()).ok());
  // A newer note replaces the witness's older one.
  ASSERT_TRUE(
      KeepCosignedNote(dir.path(), "w2", Note{kText, {Line("w2", '2', kText)}}.Format()).ok());
  auto kept = KeptCosignedNotes(dir.path());
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->size(), 2u);
  std::string mine = Note{kText, {log}}.Format();
  auto merged = AddKeptCosignatures(dir.path(), mine);
  ASSERT_TRUE(merged.ok());
  auto n = Note::Parse(*merged);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->signatures.size(), 3u);
  // Merging twice adds nothing; another checkpoint gets nothing.
  EXPECT_EQ(*AddKeptCosignatures(dir.path(), *merged), *merged);
  std::string theirs = Note{other, {log}}.Format();
  EXPECT_EQ(*AddKeptCosignatures(dir.path(), theirs), theirs);
}

TEST(CosignedStoreTest, NoDirectoryIsNoNotesAndAMangledFileIsNamed) {
  TempDir dir;
  EXPECT_TRUE(KeptCosignedNotes(dir.path())->empty());
  ASSERT_TRUE(KeepCosignedNote(dir.path(), "w1", "not a note").ok());
  auto kept = KeptCosignedNotes(dir.path());
  ASSERT_FALSE(kept.ok());
  EXPECT_NE(kept.status().message().find(CosignedNotePath(dir.path(), "w1")), std::string::npos);
}

}  // namespace
}  // namespace sharetrail
