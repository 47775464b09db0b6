// Shared by the libFuzzer targets in tests/fuzz/ (issue 11 "Bad input").
// A target feeds the bytes to one parser family and checks the properties
// its header promises; a broken property aborts, which libFuzzer reports
// as a crash and saves the input (scripts/fuzz).
#ifndef SHARETRAIL_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define SHARETRAIL_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace sharetrail::fuzz {

inline std::string_view Bytes(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Aborts with what broke: a property failure is a finding like a crash.
inline void Require(bool ok, const char* property) {
  if (!ok) {
    std::fprintf(stderr, "property broken: %s\n", property);
    std::abort();
  }
}

}  // namespace sharetrail::fuzz

#endif  // SHARETRAIL_TESTS_FUZZ_FUZZ_SUPPORT_H_
