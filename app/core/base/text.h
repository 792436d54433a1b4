#pragma once
// Text helpers: Traditional→Simplified conversion (OpenCC), the quote
// normalisation of DESIGN.md, UTF-8 code point offsets, name matching.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinmap {

// Converts Traditional Chinese to Simplified with OpenCC's t2s profile.
// Thread-safe; the converter is created once.
std::string toSimplified(const std::string& text);
// Simplified to Traditional (OpenCC's s2t profile; for search indexes that
// must match either form). Thread-safe.
std::string toTraditional(const std::string& text);

// Source text as quotes are checked against: HTML tags and line breaks removed.
std::string normaliseSourceText(std::string_view raw);

// Code-point offset of needle in haystack, or nullopt.
std::optional<std::size_t> findCodePointOffset(const std::string& haystack,
                                               const std::string& needle);
std::size_t codePointCount(std::string_view text);

// Key for tolerant name matching: Simplified, without spaces and common
// suffixes is NOT applied here (callers decide); lower-cased ASCII.
std::string nameKey(const std::string& name);

// Levenshtein distance in code points (for "did you mean").
std::size_t editDistance(const std::string& a, const std::string& b);

// The one UTF-8 validator (RFC 3629): offset of the first byte that does not
// start a well-formed sequence — overlong forms, surrogates (U+D800–DFFF),
// code points above U+10FFFF, stray or missing continuation bytes — or npos.
std::size_t findInvalidUtf8(std::string_view text);
bool isValidUtf8(std::string_view text);
// Writes `s` as a JSON string literal to `out`: quotes, backslashes and
// control characters escaped (\b \f \n \r \t short, others \u00XX), as
// JSON.stringify does; UTF-8 passes through.
void appendJsonString(std::string& out, std::string_view s);
// GB18030 (and so GBK/GB2312) bytes as UTF-8, through the C library's iconv
// (Qt 6 has no QTextCodec in Core); nullopt when they are not GB18030.
std::optional<std::string> gb18030ToUtf8(std::string_view bytes);
// Code points of `text`; each byte findInvalidUtf8 would reject becomes U+FFFD.
std::u32string decodeUtf8(std::string_view text);

}  // namespace jinmap
