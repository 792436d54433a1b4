#pragma once
// Quotations inside a text: 「…」 『…』 “…” 《…》 ‘…’ and "…". A quotation
// keeps the source's own characters; everything outside it is ours and must
// read as clean Simplified Chinese (or English). Shared by the presentation
// model (conversion outside quotes) and the display lint.
#include <string>
#include <vector>

namespace jinmap {

struct TextSegment {
    std::string text;
    bool quoted = false;  // inside a quotation (the marks themselves are outside)
};

// Splits `text` at quotation marks; an unclosed mark quotes to the end.
std::vector<TextSegment> splitQuoted(const std::string& text);

// OpenCC t2s on the parts outside quotations only.
std::string simplifyOutsideQuotes(const std::string& text);

}  // namespace jinmap
