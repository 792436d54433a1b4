#include "base/text.h"

#include <iconv.h>
#include <opencc/opencc.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <type_traits>

#include "base/error.h"

namespace jinmap {

namespace {

// Length of the well-formed sequence at s[i] (its code point in *cp), or 0.
std::size_t sequenceAt(std::string_view s, std::size_t i, char32_t* cp) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    const unsigned c = p[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    char32_t value = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        value = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        value = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;  // overlong
        if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        value = c & 0x07;
        if (c == 0xF0) lo = 0x90;  // overlong
        if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
        return 0;  // continuation byte, C0/C1 (overlong) or F5..FF
    }
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((p[i + k] & 0xC0) != 0x80) return 0;
        value = (value << 6) | (p[i + k] & 0x3F);
    }
    *cp = value;
    return len;
}

std::u32string decode(std::string_view s) {
    return decodeUtf8(s);
}

}  // namespace

std::size_t findInvalidUtf8(std::string_view s) {
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = sequenceAt(s, i, &cp);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

bool isValidUtf8(std::string_view s) {
    return findInvalidUtf8(s) == std::string_view::npos;
}

std::u32string decodeUtf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    char32_t cp = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = sequenceAt(s, i, &cp);
        out.push_back(len ? cp : U'\uFFFD');
        i += len ? len : 1;
    }
    return out;
}

namespace {

class OpenccConverter {
  public:
    explicit OpenccConverter(const char* config) : config_(config), handle_(opencc_open(config)) {}
    ~OpenccConverter() {
        if (handle_ != failedHandle()) opencc_close(handle_);
    }
    // opencc_open reports failure as (opencc_t)-1, not nullptr.
    static opencc_t failedHandle() {
        return reinterpret_cast<opencc_t>(-1);  // NOLINT(performance-no-int-to-ptr): OpenCC's API
    }
    OpenccConverter(const OpenccConverter&) = delete;
    OpenccConverter& operator=(const OpenccConverter&) = delete;

    std::string convert(const std::string& text) {
        if (handle_ == failedHandle())
            throw Error(ErrorKind::Io, std::string("OpenCC configuration not found: ") + config_);
        std::lock_guard<std::mutex> lock(mutex_);
        char* out = opencc_convert_utf8(handle_, text.c_str(), text.size());
        if (!out) throw Error(ErrorKind::Data, "OpenCC conversion failed");
        std::string result(out);
        opencc_convert_utf8_free(out);
        return result;
    }

  private:
    const char* config_;
    opencc_t handle_;
    std::mutex mutex_;
};

}  // namespace

std::string toSimplified(const std::string& text) {
    static OpenccConverter converter(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
    if (text.empty()) return text;
    return converter.convert(text);
}

std::string toTraditional(const std::string& text) {
    static OpenccConverter converter(OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD);
    if (text.empty()) return text;
    return converter.convert(text);
}

std::string normaliseSourceText(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\r' || c == '\n') continue;
        if (c == '<') {
            // An HTML tag: '<' followed by a letter, '/' or '!' up to '>'.
            const bool tagStart =
                i + 1 < raw.size() && (std::isalpha(static_cast<unsigned char>(raw[i + 1])) ||
                                       raw[i + 1] == '/' || raw[i + 1] == '!');
            const std::size_t close = raw.find('>', i);
            if (tagStart && close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        out.push_back(c);
    }
    return out;
}

std::size_t codePointCount(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::optional<std::size_t> findCodePointOffset(const std::string& haystack,
                                               const std::string& needle) {
    if (needle.empty()) return std::nullopt;
    const auto pos = haystack.find(needle);
    if (pos == std::string::npos) return std::nullopt;
    return codePointCount(std::string_view(haystack).substr(0, pos));
}

std::string nameKey(const std::string& name) {
    std::string s = toSimplified(name);
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == ' ' || c == '\t') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

std::size_t editDistance(const std::string& a, const std::string& b) {
    const std::u32string x = decode(a), y = decode(b);
    std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t subst = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[y.size()];
}

void appendJsonString(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

std::optional<std::string> gb18030ToUtf8(std::string_view bytes) {
    const auto close = [](iconv_t cd) { iconv_close(cd); };
    iconv_t raw = iconv_open("UTF-8", "GB18030");
    if (reinterpret_cast<std::intptr_t>(raw) == -1)  // iconv_open's (iconv_t)-1
        throw Error(ErrorKind::Io, "the C library has no GB18030 converter");
    const std::unique_ptr<std::remove_pointer_t<iconv_t>, decltype(close)> cd(raw, close);
    std::string out(bytes.size() * 2 + 16, '\0');
    // iconv's interface is not const-correct; it does not write the input.
    char* in = const_cast<char*>(bytes.data());
    std::size_t inLeft = bytes.size();
    char* to = out.data();
    std::size_t toLeft = out.size();
    while (inLeft > 0) {
        if (iconv(cd.get(), &in, &inLeft, &to, &toLeft) != static_cast<std::size_t>(-1)) break;
        if (errno != E2BIG) return std::nullopt;  // EILSEQ / EINVAL: not GB18030
        const std::size_t used = out.size() - toLeft;
        out.resize(out.size() * 2);
        to = out.data() + used;
        toLeft = out.size() - used;
    }
    out.resize(out.size() - toLeft);
    return out;
}

}  // namespace jinmap
