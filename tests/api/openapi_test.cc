// The OpenAPI document: the served copy is docs/openapi.json byte for byte,
// and every route of the server is in it with its method and parameters.
#include "api/openapi.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <iterator>

#include "api/app.h"

namespace sharetrail::api {
namespace {

namespace json = boost::json;

TEST(OpenApiTest, ServedDocumentIsTheDocsFile) {
  std::ifstream in(std::string(SHARETRAIL_SOURCE_DIR) + "/docs/openapi.json", std::ios::binary);
  std::string file((std::istreambuf_iterator<char>(in)), {});
  ASSERT_FALSE(file.empty());
  EXPECT_EQ(std::string(OpenApiDocument()), file);
}

TEST(OpenApiTest, EveryRouteAndParameterIsDocumented) {
  json::value doc = json::parse(OpenApiDocument());
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  const json::object& paths = doc.at("paths").as_object();
  size_t operations = 0;
  for (const Route& r : AllRoutes()) {
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const json::value* path = paths.if_contains(r.path);
    ASSERT_NE(path, nullptr) << r.path << " is not in docs/openapi.json";
    const json::value* op = path->as_object().if_contains(method);
    ASSERT_NE(op, nullptr) << r.method << " " << r.path << " is not in docs/openapi.json";
    ++operations;
    for (const std::string& name : r.params) {
      bool found = false;
      if (const json::value* ps = op->as_object().if_contains("parameters")) {
        for (const auto& p : ps->as_array()) found = found || p.at("name") == name.c_str();
      }
      EXPECT_TRUE(found) << r.method << " " << r.path << ": parameter " << name << " undocumented";
    }
  }
  // And nothing documented that the server does not serve.
  size_t documented = 0;
  for (const auto& kv : paths) documented += kv.value().as_object().size();
  EXPECT_EQ(documented, operations);
}

}  // namespace
}  // namespace sharetrail::api
