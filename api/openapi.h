// The OpenAPI 3.1 document of the API: docs/openapi.json, compiled in at
// build time (CMakeLists.txt), so the served document is the reviewed one.
#ifndef SHARETRAIL_API_OPENAPI_H_
#define SHARETRAIL_API_OPENAPI_H_

#include <string_view>

namespace sharetrail::api {

std::string_view OpenApiDocument();

}  // namespace sharetrail::api

#endif  // SHARETRAIL_API_OPENAPI_H_
