// Evidence bundles over the generated year: the round trip through the
// archive, the consistency proof from the tree at the end of 2024, and
// tampering with an entry, a proof, the checkpoint, a figure, the key or the
// file list, each named by the verifier. Then tools/verify_bundle.py, the
// independent verifier, on the same bundle and its tampered copies.
#include "policies/bundle.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "ledger/archive.h"
#include "ledger/canonical_json.h"
#include "ledger/hash.h"
#include "tests/policies/report_fixture.h"

namespace sharetrail::policy::testing {
namespace {

class BundleTest : public ReportTest {
 protected:
  ArchiveFiles Make(const std::string& agreement = "", const std::string& party = "") {
    auto snap = ledger_->Read();
    EXPECT_TRUE(snap.ok());
    auto files = MakeBundle(*engine_, *ledger_, **snap, ReportScope{2025, agreement, party});
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    return files.ok() ? *files : ArchiveFiles{};
  }
  std::string Vkey() { return ledger_->verifier().Vkey(); }

  // The verifier's problems, one per line, for matching.
  static std::string Problems(const BundleVerdict& v) {
    std::string out;
    for (const auto& p : v.problems) out += p + "\n";
    return out;
  }
  // Rewrites the manifest's digest of `name`, so a test isolates the check
  // it is about from the manifest's.
  static void Reseal(ArchiveFiles* files, const std::string& name) {
    json::value m = json::parse((*files)["manifest.json"]);
    for (auto& f : m.at("files").as_array()) {
      if (f.at("name") == json::value(name)) f.as_object()["sha256"] = Sha256Hex((*files)[name]);
    }
    (*files)["manifest.json"] = *Canonicalize(m);
  }
  static void FlipByte(std::string* s, size_t at) { (*s)[at] = static_cast<char>((*s)[at] ^ 0x01); }
  // What the verifier says of the bundle with `report` as its report.json
  // (the manifest resealed, so only the report's content is at fault).
  std::string ProblemsWithReport(ArchiveFiles files, const json::value& report) {
    files["report.json"] = *Canonicalize(report);
    Reseal(&files, "report.json");
    return Problems(VerifyBundle(files, Vkey()));
  }

  // A figure of the report, by name.
  static uint64_t FirstSeq(const ArchiveFiles& files, const std::string& name) {
    auto r = Report::FromJson(json::parse(files.at("report.json")));
    for (const Figure& f : r->figures) {
      if (f.Name() == name) return f.seqs.front();
    }
    ADD_FAILURE() << "no figure " << name;
    return 0;
  }

  // Runs tools/verify_bundle.py on the files; its exit code and output.
  std::pair<int, std::string> Python(const ArchiveFiles& files, bool trusted) {
    auto bytes = WriteTarGz(files, 0);
    EXPECT_TRUE(bytes.ok());
    std::string path = dir_.Sub("bundle.tar.gz"), out = dir_.Sub("python.out");
    std::ofstream(path, std::ios::binary) << *bytes;
    std::string cmd = "python3 " + std::string(SHARETRAIL_SOURCE_DIR) + "/tools/verify_bundle.py " +
                      (trusted ? "--vkey '" + Vkey() + "' " : "") + path + " >" + out + " 2>&1";
    int status = std::system(cmd.c_str());
    std::ifstream in(out);
    return {WEXITSTATUS(status), std::string(std::istreambuf_iterator<char>(in), {})};
  }
};

TEST_F(BundleTest, RoundTripsThroughTheArchiveAndVerifies) {
  ArchiveFiles files = Make();
  auto bytes = WriteTarGz(files, 1767225599);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, *WriteTarGz(Make(), 1767225599));  // deterministic
  auto back = ReadTarGz(*bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, files);

  BundleVerdict v = VerifyBundle(*back, Vkey());
  EXPECT_TRUE(v.ok()) << Problems(v);
  auto report = Report::FromJson(json::parse(files.at("report.json")));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(v.entries, report->AllSeqs().size());
  EXPECT_EQ(v.proofs_verified, v.entries);
  // Every figure, the FOI medians and review states included, is recomputed
  // from the bundled entries alone.
  EXPECT_EQ(v.figures_recomputed, report->figures.size());
  EXPECT_EQ(v.figures_engine, 0u);
  EXPECT_EQ(v.size, Size());
  for (uint64_t seq : report->AllSeqs()) {
    EXPECT_EQ(files.at("entries/" + std::to_string(seq) + ".json"), *ledger_->EntryBytes(seq));
  }
  // The tree at the end of 2024 (every entry dated before 2025), and the
  // proof the log grew from it.
  uint64_t before = 0;
  while (before < Size() && Str(EntryAt(before), "time") < "2025") ++before;
  ASSERT_GT(before, 0u);
  ASSERT_TRUE(files.contains("consistency.json"));
  EXPECT_EQ(files.at("previous-checkpoint.txt"), *ledger_->SignedCheckpoint(before));
  json::value m = json::parse(files.at("manifest.json"));
  EXPECT_EQ(m.at("previous_checkpoint_size").as_int64(), static_cast<int64_t>(before));
  EXPECT_EQ(m.at("files").as_array().size(), files.size() - 1);
}

TEST_F(BundleTest, WithoutATrustedKeyItSaysWhatThatProves) {
  BundleVerdict v = VerifyBundle(Make(), std::nullopt);
  EXPECT_TRUE(v.ok()) << Problems(v);
  ASSERT_FALSE(v.notes.empty());
  EXPECT_NE(v.notes[0].find("consistent with itself"), std::string::npos);
}

TEST_F(BundleTest, PartyAndAgreementBundlesVerify) {
  for (auto [agreement, party] :
       {std::pair<std::string, std::string>{"", "dfe"}, {kMou, ""}, {"", "ofsted"}}) {
    ArchiveFiles files = Make(agreement, party);
    BundleVerdict v = VerifyBundle(files, Vkey());
    EXPECT_TRUE(v.ok()) << agreement << party << "\n" << Problems(v);
    EXPECT_GT(v.figures_recomputed, 0u);
  }
}

TEST_F(BundleTest, AFlippedEntryByteIsNamed) {
  ArchiveFiles files = Make();
  uint64_t seq = FirstSeq(files, "shares/" + std::string(kMou) + "/ofsted/made");
  std::string name = "entries/" + std::to_string(seq) + ".json";
  FlipByte(&files[name], files[name].find("secure_platform"));
  std::string problems = Problems(VerifyBundle(files, Vkey()));
  EXPECT_NE(problems.find(name + ": SHA-256 does not match manifest.json"), std::string::npos)
      << problems;
  Reseal(&files, name);
  problems = Problems(VerifyBundle(files, Vkey()));
  EXPECT_NE(problems.find(name + ": its leaf hash is not the one"), std::string::npos) << problems;
  EXPECT_EQ(problems.find("manifest"), std::string::npos) << problems;
}

// formats.md §2: an entry file must be exactly the canonical entry of its
// seq; the same JSON pretty-printed, or an entry under another seq's name,
// is named as such (and never reaches the figures).
TEST_F(BundleTest, ANonCanonicalOrMisplacedEntryIsNamed) {
  ArchiveFiles files = Make();
  uint64_t seq = FirstSeq(files, "shares/" + std::string(kMou) + "/ofsted/made");
  std::string name = "entries/" + std::to_string(seq) + ".json";
  std::string original = files[name];
  files[name] = json::serialize(json::parse(original)) + "\n";
  Reseal(&files, name);
  std::string problems = Problems(VerifyBundle(files, Vkey()));
  EXPECT_NE(problems.find(name + ": not the canonical entry of that seq"), std::string::npos)
      << problems;

  files[name] = original;
  Reseal(&files, name);
  std::string other = "entries/" + std::to_string(seq + 1) + ".json";
  files[other] = original;
  problems = Problems(VerifyBundle(files, Vkey()));
  EXPECT_NE(problems.find(other + ": not the canonical entry of that seq"), std::string::npos)
      << problems;
}

TEST_F(BundleTest, AFlippedProofIsNamed) {
  ArchiveFiles files = Make();
  uint64_t seq = FirstSeq(files, "holds//ofsted/lifted");
  std::string name = "proofs/" + std::to_string(seq) + ".json";
  json::value proof = json::parse(files[name]);
  proof.at("hashes").as_array()[0] = json::value(std::string(43, 'A') + "=");
  files[name] = *Canonicalize(proof);
  Reseal(&files, name);
  std::string problems = Problems(VerifyBundle(files, Vkey()));
  EXPECT_NE(problems.find(name + ": does not lead to the checkpoint's root"), std::string::npos)
      << problems;
}

TEST_F(BundleTest, AFlippedCheckpointIsNamed) {
  ArchiveFiles files = Make();
  std::string& note = files["checkpoint.txt"];
  FlipByte(&note, note.find('\n') + 1);  // the tree size
  Reseal(&files, "checkpoint.txt");
  std::string problems = Problems(VerifyBundle(files, Vkey()));
  EXPECT_NE(problems.find("checkpoint.txt: signature does not verify"), std::string::npos)
      << problems;
}

TEST_F(BundleTest, AChangedFigureIsNamed) {
  ArchiveFiles files = Make();
  json::value r = json::parse(files["report.json"]);
  for (auto& f : r.at("figures").as_array()) {
    json::object& o = f.as_object();
    if (o.at("section") == "deletion" && o.at("metric") == "refused") o["value"] = 0;
  }
  std::string problems = ProblemsWithReport(files, r);
  EXPECT_NE(problems.find("figure deletion//ofsted/refused: report.json says 0 (1 entries), the "
                          "entries give 1 (1 entries)"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find("report.html: is not the rendering of report.json"), std::string::npos);
}

// The figures that read values, not counts, from the entries: the median
// working days (from each answer's decision.facts) and an agreement's
// review state (from its text and reviews) are recomputed and compared.
TEST_F(BundleTest, AChangedMedianOrReviewStateIsNamed) {
  ArchiveFiles files = Make();
  json::value r = json::parse(files["report.json"]);
  std::string median, state;
  for (auto& f : r.at("figures").as_array()) {
    json::object& o = f.as_object();
    if (o.at("metric") == "median_working_days" && o.at("party") == "ofsted") {
      median = o.at("value").as_string().c_str();
      o["value"] = "1.0";
    }
    if (o.at("metric") == "state_at_year_end" && o.at("agreement") == kMou) {
      state = o.at("value").as_string().c_str();
      o["value"] = "due 2030-01-01";
    }
  }
  ASSERT_FALSE(median.empty());
  ASSERT_FALSE(state.empty());
  std::string problems = ProblemsWithReport(files, r);
  EXPECT_NE(problems.find("figure foi//ofsted/median_working_days: report.json says \"1.0\""),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find("the entries give \"" + median + "\""), std::string::npos) << problems;
  EXPECT_NE(problems.find("figure reviews/" + std::string(kMou) +
                          "//state_at_year_end: report.json says \"due 2030-01-01\""),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find("the entries give \"" + state + "\""), std::string::npos) << problems;
}

TEST_F(BundleTest, AChangedRefusalExampleIsNamed) {
  ArchiveFiles files = Make();
  json::value r = json::parse(files["report.json"]);
  json::array& xs = r.at("examples").as_array();
  ASSERT_FALSE(xs.empty());
  xs[0].as_object()["text"] = "nobody proposed anything";
  std::string problems = ProblemsWithReport(files, r);
  EXPECT_NE(problems.find("report.json: its refusal examples are not those the entries give"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find("report.json says \"nobody proposed anything\""), std::string::npos)
      << problems;
}

TEST_F(BundleTest, AMalformedFigureNameIsAMismatchNotACrash) {
  ArchiveFiles files = Make();
  json::value r = json::parse(files["report.json"]);
  for (auto& f : r.at("figures").as_array()) {
    json::object& o = f.as_object();
    if (o.at("metric") == "month.2025-03") o["metric"] = "month.2025-x3";
  }
  std::string problems = ProblemsWithReport(files, r);
  EXPECT_NE(problems.find("figure shares/" + std::string(kMou) +
                          "//month.2025-x3: in report.json but not recomputed"),
            std::string::npos)
      << problems;
}

TEST_F(BundleTest, AnotherKeyAnOmittedEntryAndAnUnlistedFileAreNamed) {
  ArchiveFiles files = Make();
  std::string other = "other.example+00000000+AQ" + std::string(42, 'A') + "=";
  EXPECT_FALSE(VerifyBundle(files, other).ok());

  ArchiveFiles dropped = files;
  uint64_t seq = FirstSeq(files, "foi//ofsted/late");
  dropped.erase("entries/" + std::to_string(seq) + ".json");
  std::string problems = Problems(VerifyBundle(dropped, Vkey()));
  EXPECT_NE(problems.find("report.json: entry " + std::to_string(seq) + " is not verified"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find("figure foi//ofsted/late: in report.json but not recomputed"),
            std::string::npos)
      << problems;

  files["extra.txt"] = "smuggled";
  problems = Problems(VerifyBundle(files, Vkey()));
  EXPECT_NE(problems.find("extra.txt: not listed in manifest.json"), std::string::npos);
}

TEST_F(BundleTest, ThePythonVerifierAgreesAndCatchesTampering) {
  ArchiveFiles files = Make();
  auto [code, out] = Python(files, true);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("bundle verified"), std::string::npos) << out;
  EXPECT_NE(out.find(" recounted from the entries, 0 left to the engine"), std::string::npos)
      << out;
  auto [untrusted, note] = Python(files, false);
  EXPECT_EQ(untrusted, 0) << note;
  EXPECT_NE(note.find("only internal consistency"), std::string::npos) << note;

  ArchiveFiles entry = files;
  uint64_t seq = FirstSeq(files, "reviews/" + std::string(kMou) + "/ofsted/held");
  std::string name = "entries/" + std::to_string(seq) + ".json";
  FlipByte(&entry[name], entry[name].find("continued"));
  Reseal(&entry, name);
  auto [c1, o1] = Python(entry, true);
  EXPECT_EQ(c1, 1) << o1;
  EXPECT_NE(o1.find(name + ": its inclusion proof does not lead"), std::string::npos) << o1;

  ArchiveFiles checkpoint = files;
  FlipByte(&checkpoint["checkpoint.txt"], checkpoint["checkpoint.txt"].find('\n') + 1);
  Reseal(&checkpoint, "checkpoint.txt");
  auto [c2, o2] = Python(checkpoint, true);
  EXPECT_EQ(c2, 1) << o2;
  EXPECT_NE(o2.find("checkpoint.txt: no valid signature"), std::string::npos) << o2;

  ArchiveFiles consistency = files;
  json::value c = json::parse(consistency["consistency.json"]);
  c.as_object()["first"] = c.at("first").as_int64() - 1;
  consistency["consistency.json"] = *Canonicalize(c);
  Reseal(&consistency, "consistency.json");
  auto [c3, o3] = Python(consistency, true);
  EXPECT_EQ(c3, 1) << o3;
  EXPECT_NE(o3.find("consistency.json"), std::string::npos) << o3;

  ArchiveFiles manifest = files;
  manifest["README.txt"] += "x";
  auto [c4, o4] = Python(manifest, true);
  EXPECT_EQ(c4, 1) << o4;
  EXPECT_NE(o4.find("README.txt: SHA-256 does not match"), std::string::npos) << o4;

  // report.json, resealed: the figures are recounted from the entries by
  // formats.md §8.2 alone, so a changed value, a count that drops one of
  // its entries (value and seqs agreeing), and a dropped figure are named.
  json::value r = json::parse(files["report.json"]);
  json::array& figures = r.at("figures").as_array();
  std::string median_was;
  for (auto& f : figures) {
    json::object& o = f.as_object();
    if (o.at("metric") == "median_working_days" && o.at("party") == "ofsted") {
      median_was = o.at("value").as_string().c_str();
      o["value"] = "1.0";
    }
    if (o.at("section") == "shares" && o.at("metric") == "made" && o.at("party") == "ofsted") {
      o["seqs"].as_array().pop_back();
      o["value"] = o.at("seqs").as_array().size();
    }
  }
  ASSERT_FALSE(median_was.empty());
  std::string dropped;
  for (auto it = figures.begin(); it != figures.end(); ++it) {
    if (it->at("section") == "holds") {
      dropped = "figure holds/" + std::string(it->at("agreement").as_string()) + "/" +
                std::string(it->at("party").as_string()) + "/" +
                std::string(it->at("metric").as_string());
      figures.erase(it);
      break;
    }
  }
  ASSERT_FALSE(dropped.empty());
  ArchiveFiles figured = files;
  figured["report.json"] = *Canonicalize(r);
  Reseal(&figured, "report.json");
  auto [c6, o6] = Python(figured, true);
  EXPECT_EQ(c6, 1) << o6;
  EXPECT_NE(o6.find("figure foi//ofsted/median_working_days: report.json says '1.0'"),
            std::string::npos)
      << o6;
  EXPECT_NE(o6.find("the entries give '" + median_was + "'"), std::string::npos) << o6;
  EXPECT_NE(o6.find("/ofsted/made: report.json says"), std::string::npos) << o6;
  EXPECT_NE(o6.find(dropped + ": the entries give"), std::string::npos) << o6;
  EXPECT_NE(o6.find("but report.json omits it"), std::string::npos) << o6;

  // Malformed members are reported as such, never a crash.
  for (const char* bad : {"{", "[]", R"({"checkpoint":{"size":"x"}})"}) {
    ArchiveFiles malformed = files;
    malformed["report.json"] = bad;
    Reseal(&malformed, "report.json");
    auto [c5, o5] = Python(malformed, true);
    EXPECT_EQ(c5, 1) << o5;
    EXPECT_NE(o5.find("bundle NOT verified"), std::string::npos) << o5;
    EXPECT_EQ(o5.find("Traceback"), std::string::npos) << o5;
  }
}

}  // namespace
}  // namespace sharetrail::policy::testing
