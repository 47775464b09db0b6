// Text into HTML: the one escaping function for every page sharetrail
// writes (the report's HTML here, the web pages in ui/).
#ifndef SHARETRAIL_POLICIES_HTML_ESCAPE_H_
#define SHARETRAIL_POLICIES_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace sharetrail::policy {

// Escapes & < > " ' so text is safe in element content and in quoted
// attribute values (either quote).
std::string HtmlEscape(std::string_view text);

}  // namespace sharetrail::policy

#endif  // SHARETRAIL_POLICIES_HTML_ESCAPE_H_
