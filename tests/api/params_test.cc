// Query-string and form parsing: bad input is an error naming the
// parameter, never a silent default.
#include "api/params.h"

#include <gtest/gtest.h>

namespace sharetrail::api {
namespace {

TEST(ParamsTest, DecodesPercentAndPlus) {
  EXPECT_EQ(*UrlDecode("a%20b+c%2Fd"), "a b c/d");
  EXPECT_FALSE(UrlDecode("bad%2").ok());
  EXPECT_FALSE(UrlDecode("bad%zz").ok());
  EXPECT_FALSE(UrlDecode("bad%-1").ok());
}

TEST(ParamsTest, FormsRejectRepeatedNames) {
  auto f = ParseForm("user=alice&password=p%26q");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->at("password"), "p&q");
  auto twice = ParseForm("a=1&a=2");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(), "a: given more than once");
}

TEST(ParamsTest, UnknownNamesAreRefusedWithTheAcceptedOnes) {
  auto p = Params::Parse("party=ofsted&colour=red", {"party", "from"});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "colour: unknown parameter (this endpoint takes: party, from)");
}

TEST(ParamsTest, TypedValues) {
  auto p = *Params::Parse("from=2025-02-28&n=12&due=true&off=0", {"from", "n", "due", "off", "to"});
  EXPECT_EQ(p.OptDate("from")->value().ToString(), "2025-02-28");
  EXPECT_FALSE(p.OptDate("to")->has_value());
  EXPECT_EQ(**p.OptUint("n", 100), 12u);
  EXPECT_FALSE(p.OptUint("n", 10).ok());
  EXPECT_TRUE(*p.Bool("due"));
  EXPECT_FALSE(*p.Bool("off"));
  EXPECT_FALSE(*p.Bool("to"));
  auto bad = *Params::Parse("from=2025-02-30&n=-1&due=maybe", {"from", "n", "due"});
  EXPECT_EQ(bad.OptDate("from").status().message().rfind("from: ", 0), 0u);
  EXPECT_EQ(bad.OptUint("n", 10).status().message().rfind("n: ", 0), 0u);
  EXPECT_EQ(bad.Bool("due").status().message().rfind("due: ", 0), 0u);
  EXPECT_EQ(bad.Required("party").status().message(), "party: required");
}

TEST(ParamsTest, PagesHaveALimit) {
  auto def = *Params::Parse("", {"after", "limit"});
  EXPECT_EQ(def.Page()->limit, 100u);
  EXPECT_FALSE(def.Page()->after.has_value());
  auto p = *Params::Parse("after=41&limit=1000", {"after", "limit"});
  EXPECT_EQ(*p.Page()->after, 41u);
  EXPECT_FALSE(Params::Parse("limit=1001", {"limit"})->Page().ok());
  EXPECT_FALSE(Params::Parse("limit=0", {"limit"})->Page().ok());
}

}  // namespace
}  // namespace sharetrail::api
