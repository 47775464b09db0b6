#include "ledger/entry.h"

#include <gtest/gtest.h>

#include "ledger/base64.h"

namespace sharetrail {
namespace {

Event Sample() {
  auto e =
      ParseEvent(R"({"actor":{"user":"u-17","party":"ofsted","role":"ig_officer"},"type":"share",)"
                 R"("body":{"to":"dfe","items":["item-1"],"z":1,"a":"\u00e9"}})");
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return *e;
}

TEST(Entry, EncodesCanonicallyWithFixedKeyOrder) {
  auto p = PrepareEvent(Sample());
  ASSERT_TRUE(p.ok());
  Hash prev{};
  prev[0] = 1;
  std::string out;
  EncodeEntry(*p, 7, "2026-11-26T12:00:00.000001Z", prev, &out);
  EXPECT_EQ(out, R"({"actor":{"party":"ofsted","role":"ig_officer","user":"u-17"},)"
                 R"("body":{"a":"é","items":["item-1"],"to":"dfe","z":1},"prev":")" +
                     Base64(prev) +
                     R"(","seq":7,"time":"2026-11-26T12:00:00.000001Z","type":"share"})");
  auto back = DecodeEntry(out);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->seq, 7u);
  EXPECT_EQ(back->prev, prev);
  EXPECT_EQ(back->event.type, "share");
  auto tail = ReadEntryTail(out);
  ASSERT_TRUE(tail.ok()) << tail.status().ToString();
  EXPECT_EQ(tail->seq, 7u);
  EXPECT_EQ(tail->prev, prev);
  EXPECT_EQ(tail->time, "2026-11-26T12:00:00.000001Z");
  EXPECT_EQ(tail->type, "share");
}

TEST(Entry, TailIsNotFooledByBodyLookalikes) {
  auto e = ParseEvent(
      R"({"actor":{"user":"u"},"type":"t","body":{"x":{"prev":"AAAA","seq":99,"time":"x","type":"y"}}})");
  ASSERT_TRUE(e.ok());
  auto p = PrepareEvent(*e);
  ASSERT_TRUE(p.ok());
  std::string out;
  EncodeEntry(*p, 3, "2026-01-01T00:00:00.000000Z", Hash{}, &out);
  auto tail = ReadEntryTail(out);
  ASSERT_TRUE(tail.ok());
  EXPECT_EQ(tail->seq, 3u);
  EXPECT_EQ(tail->type, "t");
}

TEST(Entry, RejectsBadEvents) {
  const char* bad[] = {
      R"({"actor":{"user":"u"},"type":"share"})",                          // no body
      R"({"actor":{"user":"u"},"body":{}})",                               // no type
      R"({"type":"share","body":{}})",                                     // no actor
      R"({"actor":{"party":"x"},"type":"share","body":{}})",               // no user
      R"({"actor":{"user":""},"type":"share","body":{}})",                 // empty user
      R"({"actor":{"user":"u","name":"A Person"},"type":"s","body":{}})",  // unknown actor field
      R"({"actor":{"user":"u"},"type":"Share","body":{}})",                // type case
      R"({"actor":{"user":"u"},"type":"a b","body":{}})",                  // type charset
      R"({"actor":{"user":"u"},"type":"s","body":[]})",                    // body not object
      R"({"actor":{"user":"u"},"type":"s","body":{},"seq":1})",            // assigned field
      R"({"actor":{"user":"u"},"type":"s","body":{},"extra":1})",          // unknown field
      R"({"actor":{"user":"u"},"type":"s","body":{"n":1.5}})",             // float
      R"([])",
  };
  for (const char* s : bad) EXPECT_FALSE(ParseEvent(s).ok()) << s;
  auto e = ParseEvent(R"({"actor":{"user":"u"},"type":"s","body":{"a":1,"a":2}})");
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("duplicate"), std::string::npos) << e.status().message();
}

TEST(Entry, RejectsOversizedEvents) {
  Event e = Sample();
  e.body["blob"] = std::string(kMaxEntryBytes, 'x');
  auto p = PrepareEvent(e);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("exceeds"), std::string::npos);
}

// The largest event PrepareEvent accepts still encodes, with the longest
// seq there is, to at most 65535 bytes: a tlog-tiles entry bundle's uint16
// length prefix carries every entry (ledger/tiles.h).
TEST(Entry, TheLargestAcceptedEntryFitsABundleLengthPrefix) {
  size_t lo = 0, hi = kMaxEntryBytes;  // blob sizes: lo accepted, hi refused
  auto with_blob = [](size_t n) {
    Event e = Sample();
    e.body["blob"] = std::string(n, 'x');
    return PrepareEvent(e);
  };
  ASSERT_TRUE(with_blob(lo).ok());
  ASSERT_FALSE(with_blob(hi).ok());
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    (with_blob(mid).ok() ? lo : hi) = mid;
  }
  auto p = with_blob(lo);
  ASSERT_TRUE(p.ok());
  std::string out;
  EncodeEntry(*p, UINT64_MAX, "2026-11-26T12:00:00.000000Z", Hash{}, &out);
  EXPECT_LE(out.size(), 0xFFFFu);
  EXPECT_GT(out.size(), 0xFFFFu - 64) << "the limit should be nearly reached";
  EXPECT_FALSE(with_blob(lo + 1).ok());
}

TEST(Entry, DecodeRejectsNonCanonicalBytes) {
  auto p = PrepareEvent(Sample());
  ASSERT_TRUE(p.ok());
  std::string out;
  EncodeEntry(*p, 0, "2026-11-26T12:00:00.000000Z", Hash{}, &out);
  std::string spaced = "{ ";  // (not insert(): GCC 12 bug 105329 false -Wrestrict)
  spaced.append(out, 1);
  EXPECT_FALSE(DecodeEntry(spaced).ok());
  EXPECT_FALSE(ReadEntryTail(out.substr(0, out.size() - 1)).ok());
}

TEST(Entry, TimeRoundTrips) {
  int64_t t = 1795696392123456;  // 2026-11-26T...
  std::string s = FormatTime(t);
  EXPECT_TRUE(IsValidTime(s));
  auto back = ParseTime(s);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, t);
  EXPECT_FALSE(IsValidTime("2026-13-01T00:00:00.000000Z"));
  EXPECT_FALSE(IsValidTime("2026-11-26T12:00:00Z"));
  EXPECT_FALSE(ParseTime("yesterday").ok());
}

}  // namespace
}  // namespace sharetrail
