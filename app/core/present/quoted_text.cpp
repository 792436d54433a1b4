#include "present/quoted_text.h"

#include <array>
#include <utility>

#include "base/text.h"

namespace jinmap {

namespace {

// Opening and closing marks (UTF-8).
constexpr std::array<std::pair<const char*, const char*>, 6> kMarks = {{
    {"「", "」"},
    {"『", "』"},
    {"“", "”"},
    {"《", "》"},
    {"‘", "’"},
    {"\"", "\""},
}};

}  // namespace

std::vector<TextSegment> splitQuoted(const std::string& text) {
    std::vector<TextSegment> out;
    std::string plain;
    std::size_t i = 0;
    while (i < text.size()) {
        bool opened = false;
        for (const auto& [open, close] : kMarks) {
            const std::string o(open), c(close);
            if (text.compare(i, o.size(), o) != 0) continue;
            plain += o;
            const std::size_t start = i + o.size();
            std::size_t end = text.find(c, start);
            // Nested 《》 inside 「」 and the like end at the matching mark only.
            if (end == std::string::npos) end = text.size();
            if (!plain.empty()) out.push_back({plain, false});
            plain.clear();
            out.push_back({text.substr(start, end - start), true});
            i = end;
            if (i < text.size()) {
                plain += c;
                i += c.size();
            }
            opened = true;
            break;
        }
        if (!opened) plain.push_back(text[i++]);
    }
    if (!plain.empty()) out.push_back({plain, false});
    return out;
}

std::string simplifyOutsideQuotes(const std::string& text) {
    std::string out;
    for (const TextSegment& s : splitQuoted(text)) out += s.quoted ? s.text : toSimplified(s.text);
    return out;
}

}  // namespace jinmap
