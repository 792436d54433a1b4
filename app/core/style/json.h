#pragma once
// A small JSON reader for hand-written files (styles). Unlike QJsonDocument
// it keeps the byte offset of every value (for "file:line" messages), reports
// duplicate keys instead of silently merging them, caps nesting depth without
// recursing past the cap, and rejects invalid UTF-8 and oversized input.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"

namespace jinmap::json {

enum class Type { Null, Bool, Number, String, Array, Object };

const char* typeName(Type type) noexcept;

struct Member;

class Value {
  public:
    Value() = default;

    Type type() const noexcept { return type_; }
    bool isNull() const noexcept { return type_ == Type::Null; }
    bool isBool() const noexcept { return type_ == Type::Bool; }
    bool isNumber() const noexcept { return type_ == Type::Number; }
    bool isString() const noexcept { return type_ == Type::String; }
    bool isArray() const noexcept { return type_ == Type::Array; }
    bool isObject() const noexcept { return type_ == Type::Object; }

    // Accessors return a neutral value when the type does not match.
    bool asBool() const noexcept { return type_ == Type::Bool && boolean_; }
    double asNumber() const noexcept { return type_ == Type::Number ? number_ : 0.0; }
    const std::string& asString() const noexcept { return string_; }
    const std::vector<Value>& items() const noexcept { return items_; }
    // Object members in document order; of duplicate keys only the last is kept.
    const std::vector<Member>& members() const noexcept { return members_; }
    const Value* find(std::string_view key) const noexcept;

    // Byte offset of the value's first character in the parsed text.
    std::size_t offset() const noexcept { return offset_; }

  private:
    friend class Parser;
    Type type_ = Type::Null;
    bool boolean_ = false;
    double number_ = 0.0;
    std::string string_;
    std::vector<Value> items_;
    std::vector<Member> members_;
    std::size_t offset_ = 0;
};

struct Member {
    std::string key;
    std::size_t keyOffset = 0;
    Value value;
};

// Maps byte offsets to 1-based line and column (column counted in code points).
class LineIndex {
  public:
    explicit LineIndex(std::string_view text);
    std::pair<int, int> lineColumn(std::size_t offset) const;
    int line(std::size_t offset) const { return lineColumn(offset).first; }

  private:
    std::string text_;
    std::vector<std::size_t> lineStarts_;
};

struct Diagnostic {
    std::size_t offset = 0;
    std::string path;  // JSONPath-like, e.g. $.layers[3].paint
    std::string message;
};

struct ParseOptions {
    std::size_t maxDepth = 128;
    std::size_t maxBytes = std::size_t{16} * 1024 * 1024;
    ErrorKind errorKind = ErrorKind::Style;
};

struct Document {
    Value root;
    std::vector<Diagnostic> warnings;  // duplicate keys
};

// Parses `text`. Throws Error(options.errorKind) with context
// "name:line:column: $.path" on any syntax error, invalid UTF-8, too deep
// nesting or too large input.
Document parse(std::string_view text, const std::string& name, const ParseOptions& options = {});

// Appends a member key or an array index to a JSON path.
std::string childPath(const std::string& parent, std::string_view key);
std::string childPath(const std::string& parent, std::size_t index);

// Writes `s` as a JSON string literal (quotes and escapes) to `out`.
void appendQuoted(std::string& out, std::string_view s);
// Compact JSON text of a value, one space after ',' and ':' (as the style
// specification's functions write expressions).
std::string toText(const Value& v);
// Shortest text that reads back as `v` ("1", "0.5", "1e+300").
std::string formatNumber(double v);

}  // namespace jinmap::json
