#include "ledger/json_string.h"

#include <algorithm>

namespace sharetrail {

void StringWriter::Grow(size_t n) {
  const size_t used = cur_ - out_->data();
  out_->resize(std::max({used + n, 2 * out_->size(), size_t{256}}));
  cur_ = out_->data() + used;
  end_ = out_->data() + out_->size();
}

std::string QuoteForMessage(std::string_view s) {
  std::string out;
  {
    StringWriter writer(&out);
    size_t unused;
    (void)WriteJsonString(s, &writer, &unused, /*lossy=*/true);
  }
  return out;
}

}  // namespace sharetrail
