#include "policies/csv.h"

#include "ledger/utf8.h"

namespace sharetrail::policy {

namespace {

Status CheckUtf8(std::string_view text) {
  size_t line = 1;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    if (*p < 0x80) {
      if (*p == '\n') ++line;
      ++p;
      continue;
    }
    char32_t cp;
    Utf8Error error;
    int n = DecodeUtf8Sequence(p, end, &cp, &error);
    if (n == 0) {
      return InvalidArgument("line " + std::to_string(line) + ": not UTF-8 (" +
                             Utf8ErrorText(error) + "); save the spreadsheet as \"CSV UTF-8\"");
    }
    p += n;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  ST_RETURN_IF_ERROR(CheckUtf8(text));
  std::vector<CsvRecord> records;
  CsvRecord record{1, {}};
  std::string field;
  size_t line = 1, i = 0;
  bool record_empty = true;  // nothing read since the record began
  auto where = [&] {
    return "line " + std::to_string(line) + ", field " + std::to_string(record.fields.size() + 1) +
           ": ";
  };
  auto end_record = [&] {
    if (!record_empty) {
      record.fields.push_back(std::move(field));
      records.push_back(std::move(record));
    }
    field.clear();
    record = CsvRecord{line + 1, {}};
    record_empty = true;
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == '"' && field.empty() && (record_empty || text[i - 1] == ',')) {
      // A quoted field: up to the closing quote, "" standing for one quote.
      size_t opened = line;
      record_empty = false;
      ++i;
      for (;;) {
        if (i >= text.size()) {
          return InvalidArgument("line " + std::to_string(opened) + ", field " +
                                 std::to_string(record.fields.size() + 1) +
                                 ": a quoted field is never closed");
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' &&
          !(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
        return InvalidArgument(where() +
                               "characters after a closing quote (a quote inside a "
                               "field is written \"\")");
      }
      if (i < text.size() && text[i] == '\r') ++i;
      if (i >= text.size() || text[i] == '\n') {
        end_record();
        if (i < text.size()) ++line;
        ++i;
        continue;
      }
      record.fields.push_back(std::move(field));
      field.clear();
      ++i;
      continue;
    }
    if (c == '"') {
      return InvalidArgument(where() +
                             "a quote inside an unquoted field (quote the whole "
                             "field and double the quote)");
    }
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
        continue;  // the LF ends the record
      }
      return InvalidArgument(where() + "a carriage return not followed by a line feed");
    }
    if (c == '\n') {
      end_record();
      ++line;
      ++i;
      continue;
    }
    record_empty = false;
    if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
    ++i;
  }
  end_record();
  return records;
}

}  // namespace sharetrail::policy
