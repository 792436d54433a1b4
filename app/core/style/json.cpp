#include "style/json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "base/text.h"

namespace jinmap::json {

const char* typeName(Type type) noexcept {
    switch (type) {
        case Type::Null:
            return "null";
        case Type::Bool:
            return "boolean";
        case Type::Number:
            return "number";
        case Type::String:
            return "string";
        case Type::Array:
            return "array";
        case Type::Object:
            return "object";
    }
    return "value";
}

const Value* Value::find(std::string_view key) const noexcept {
    for (const auto& m : members_)
        if (m.key == key) return &m.value;
    return nullptr;
}

// ------------------------------------------------------------ line index

LineIndex::LineIndex(std::string_view text) : text_(text) {
    lineStarts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') lineStarts_.push_back(i + 1);
}

std::pair<int, int> LineIndex::lineColumn(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
    const std::size_t lineIdx = static_cast<std::size_t>(it - lineStarts_.begin()) - 1;
    int column = 1;
    // Editors count characters, not bytes: skip UTF-8 continuation bytes.
    for (std::size_t i = lineStarts_[lineIdx]; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    return {static_cast<int>(lineIdx) + 1, column};
}

// ------------------------------------------------------------ paths and output

namespace {
bool plainKey(std::string_view key) {
    if (key.empty()) return false;
    for (char c : key) {
        const auto u = static_cast<unsigned char>(c);
        if (!(std::isalnum(u) || c == '_' || c == '-' || c == ':' || u >= 0x80)) return false;
    }
    return true;
}
}  // namespace

std::string childPath(const std::string& parent, std::string_view key) {
    std::string out = parent;
    if (plainKey(key)) {
        out += '.';
        out += key;
    } else {
        out += '[';
        appendQuoted(out, key);
        out += ']';
    }
    return out;
}

std::string childPath(const std::string& parent, std::size_t index) {
    return parent + '[' + std::to_string(index) + ']';
}

void appendQuoted(std::string& out, std::string_view s) {
    appendJsonString(out, s);
}

std::string formatNumber(double v) {
    if (v == 0) return "0";  // also folds -0
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

// ------------------------------------------------------------ parser

namespace {
void appendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}
}  // namespace

// Recursive descent; recursion depth is bounded by options.maxDepth, checked
// before descending, so hostile nesting fails cleanly instead of overflowing.
class Parser {
  public:
    Parser(std::string_view text, const std::string& name, const ParseOptions& options)
        : text_(text), name_(name), options_(options) {}

    Document run() {
        if (text_.size() > options_.maxBytes)
            throw Error(options_.errorKind,
                        "input is too large (" + std::to_string(text_.size()) + " bytes, limit " +
                            std::to_string(options_.maxBytes) + ")",
                        name_);
        const std::size_t bad = findInvalidUtf8(text_);
        if (bad != std::string_view::npos) {
            char buf[48];
            std::snprintf(buf, sizeof buf, "invalid UTF-8 byte 0x%02x",
                          static_cast<unsigned>(static_cast<unsigned char>(text_[bad])));
            fail(bad, buf);
        }
        // A UTF-8 byte-order mark is harmless and common from Windows editors.
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
        skipSpace();
        if (pos_ >= text_.size()) fail(pos_, "empty document");
        Document doc;
        parseValue(doc.root, 1);
        skipSpace();
        if (pos_ < text_.size()) fail(pos_, "unexpected content after the JSON value");
        doc.warnings = std::move(warnings_);
        return doc;
    }

  private:
    [[noreturn]] void fail(std::size_t offset, const std::string& message) const {
        const LineIndex lines(text_);
        const auto [line, column] = lines.lineColumn(offset);
        std::string context = name_ + ":" + std::to_string(line) + ":" + std::to_string(column);
        context += ": " + currentPath();
        throw Error(options_.errorKind, message, context);
    }

    // The path of the value being read. Very deep paths are elided in the
    // middle so that a hostile file cannot produce a kilobyte-long message.
    std::string currentPath() const {
        constexpr std::size_t kHead = 12, kTail = 4;
        const std::size_t n = pathStack_.size();
        std::string path = "$";
        for (std::size_t i = 0; i < n; ++i) {
            if (n > kHead + kTail + 1 && i == kHead) {
                path += "…";
                i = n - kTail - 1;
                continue;
            }
            const Segment& seg = pathStack_[i];
            path = seg.isIndex ? childPath(path, seg.index) : childPath(path, seg.key);
        }
        return path;
    }

    void skipSpace() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                ++pos_;
            else
                break;
        }
    }

    bool consumeLiteral(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    void parseValue(Value& out, std::size_t depth) {
        out.offset_ = pos_;
        if (pos_ >= text_.size()) fail(pos_, "unexpected end of input, expected a value");
        const char c = text_[pos_];
        switch (c) {
            case '{':
                parseObject(out, depth);
                return;
            case '[':
                parseArray(out, depth);
                return;
            case '"':
                out.type_ = Type::String;
                parseString(out.string_);
                return;
            case 't':
                if (!consumeLiteral("true")) break;
                out.type_ = Type::Bool;
                out.boolean_ = true;
                return;
            case 'f':
                if (!consumeLiteral("false")) break;
                out.type_ = Type::Bool;
                return;
            case 'n':
                if (!consumeLiteral("null")) break;
                out.type_ = Type::Null;
                return;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    parseNumber(out);
                    return;
                }
        }
        fail(pos_, std::string("unexpected character '") + describe(c) + "', expected a value");
    }

    static std::string describe(char c) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c) & 0xFFu);
            return buf;
        }
        return std::string(1, c);
    }

    void enter(std::size_t depth) const {
        if (depth > options_.maxDepth)
            fail(pos_, "nesting deeper than " + std::to_string(options_.maxDepth) + " levels");
    }

    void parseObject(Value& out, std::size_t depth) {
        enter(depth);
        out.type_ = Type::Object;
        ++pos_;
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == '}') {
            ++pos_;
            return;
        }
        while (true) {
            skipSpace();
            if (pos_ >= text_.size() || text_[pos_] != '"')
                fail(pos_, "expected a string key in object");
            Member member;
            member.keyOffset = pos_;
            parseString(member.key);
            skipSpace();
            if (pos_ >= text_.size() || text_[pos_] != ':')
                fail(pos_, "expected ':' after object key");
            ++pos_;
            skipSpace();
            pathStack_.push_back({member.key, 0, false});
            parseValue(member.value, depth + 1);
            addMember(out, std::move(member));
            pathStack_.pop_back();
            skipSpace();
            if (pos_ < text_.size() && text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < text_.size() && text_[pos_] == '}') {
                ++pos_;
                return;
            }
            fail(pos_, "expected ',' or '}' after object member");
        }
    }

    void addMember(Value& object, Member&& member) {
        for (auto& existing : object.members_) {
            if (existing.key == member.key) {
                warnings_.push_back(
                    {member.keyOffset, currentPath(),
                     "duplicate key \"" + member.key + "\" (the last value is used)"});
                existing = std::move(member);
                return;
            }
        }
        object.members_.push_back(std::move(member));
    }

    void parseArray(Value& out, std::size_t depth) {
        enter(depth);
        out.type_ = Type::Array;
        ++pos_;
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == ']') {
            ++pos_;
            return;
        }
        while (true) {
            skipSpace();
            pathStack_.push_back({{}, out.items_.size(), true});
            out.items_.emplace_back();
            parseValue(out.items_.back(), depth + 1);
            pathStack_.pop_back();
            skipSpace();
            if (pos_ < text_.size() && text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < text_.size() && text_[pos_] == ']') {
                ++pos_;
                return;
            }
            fail(pos_, "expected ',' or ']' after array element");
        }
    }

    unsigned parseHex4() {
        if (pos_ + 4 > text_.size()) fail(pos_, "truncated \\u escape");
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = text_[pos_ + i];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= static_cast<unsigned>(c - 'A' + 10);
            else
                fail(pos_ + i, "invalid hex digit in \\u escape");
        }
        pos_ += 4;
        return v;
    }

    void parseString(std::string& out) {
        ++pos_;  // opening quote
        while (true) {
            if (pos_ >= text_.size()) fail(pos_, "unterminated string");
            const char c = text_[pos_];
            if (c == '"') {
                ++pos_;
                return;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                fail(pos_, "control character in string (use an escape such as \\n)");
            if (c != '\\') {
                out += c;
                ++pos_;
                continue;
            }
            const std::size_t escapeAt = pos_;
            ++pos_;
            if (pos_ >= text_.size()) fail(pos_, "unterminated string");
            const char e = text_[pos_++];
            switch (e) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u': {
                    unsigned cp = parseHex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (text_.substr(pos_, 2) != "\\u")
                            fail(escapeAt, "unpaired UTF-16 surrogate in \\u escape");
                        pos_ += 2;
                        const unsigned low = parseHex4();
                        if (low < 0xDC00 || low > 0xDFFF)
                            fail(escapeAt, "unpaired UTF-16 surrogate in \\u escape");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        fail(escapeAt, "unpaired UTF-16 surrogate in \\u escape");
                    }
                    if (cp == 0) fail(escapeAt, "NUL character (\\u0000) in string");
                    appendUtf8(out, cp);
                    break;
                }
                default:
                    fail(escapeAt, std::string("invalid escape '\\") + describe(e) + "'");
            }
        }
    }

    void parseNumber(Value& out) {
        // Validate the strict JSON grammar first: from_chars accepts forms
        // JSON does not (leading zeros, "inf").
        const std::size_t start = pos_;
        auto digit = [&](std::size_t i) {
            return i < text_.size() && text_[i] >= '0' && text_[i] <= '9';
        };
        if (text_[pos_] == '-') ++pos_;
        if (!digit(pos_)) fail(start, "invalid number");
        if (text_[pos_] == '0') {
            ++pos_;
            if (digit(pos_)) fail(start, "invalid number (leading zero)");
        } else {
            while (digit(pos_)) ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            if (!digit(pos_)) fail(start, "invalid number (digit expected after '.')");
            while (digit(pos_)) ++pos_;
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
            if (!digit(pos_)) fail(start, "invalid number (digit expected in exponent)");
            while (digit(pos_)) ++pos_;
        }
        double v = 0;
        const char* first = text_.data() + start;
        const auto res = std::from_chars(first, text_.data() + pos_, v);
        if (res.ec == std::errc::result_out_of_range) {
            // Underflow to zero is harmless; overflow is not representable.
            // from_chars leaves `v` untouched here, so tell them apart by the
            // exponent's sign.
            const std::string_view lexeme = text_.substr(start, pos_ - start);
            const std::size_t e = lexeme.find_first_of("eE");
            const std::string_view digits = lexeme.substr(lexeme[0] == '-' ? 1 : 0);
            const bool tiny = e != std::string_view::npos ? lexeme.substr(e + 1, 1) == "-"
                                                          : digits.substr(0, 2) == "0.";
            if (!tiny) fail(start, "number out of range");
            v = 0;
        } else if (res.ec != std::errc() || res.ptr != text_.data() + pos_ || !std::isfinite(v)) {
            fail(start, "invalid number");
        }
        out.type_ = Type::Number;
        out.number_ = v;
    }

    struct Segment {
        std::string key;
        std::size_t index;
        bool isIndex;
    };

    std::string_view text_;
    const std::string& name_;
    const ParseOptions& options_;
    std::size_t pos_ = 0;
    std::vector<Segment> pathStack_;
    std::vector<Diagnostic> warnings_;
};

Document parse(std::string_view text, const std::string& name, const ParseOptions& options) {
    return Parser(text, name, options).run();
}

std::string toText(const Value& v) {
    switch (v.type()) {
        case Type::Null:
            return "null";
        case Type::Bool:
            return v.asBool() ? "true" : "false";
        case Type::Number:
            return formatNumber(v.asNumber());
        case Type::String: {
            std::string out;
            appendQuoted(out, v.asString());
            return out;
        }
        case Type::Array: {
            std::string out = "[";
            for (std::size_t i = 0; i < v.items().size(); ++i)
                out += (i ? ", " : "") + toText(v.items()[i]);
            return out + "]";
        }
        case Type::Object: {
            std::string out = "{";
            bool first = true;
            for (const auto& m : v.members()) {
                if (!first) out += ", ";
                first = false;
                appendQuoted(out, m.key);
                out += ": " + toText(m.value);
            }
            return out + "}";
        }
    }
    return "null";
}

}  // namespace jinmap::json
