#pragma once
// The language a view is built in: Chinese (Simplified, the default) or
// English. Views carry their texts already in that language, so consumers
// only lay them out.
#include <string>
#include <string_view>

namespace jinmap {

enum class Lang { Zh, En };

// "zh_CN" / "zh" / "en" (case-insensitive); throws Error(Usage) otherwise.
Lang parseLang(std::string_view code);
const char* langCode(Lang lang);  // "zh_CN" / "en"

// The text for `lang` of a fixed pair written in code.
inline const char* pick(Lang lang, const char* zh, const char* en) {
    return lang == Lang::Zh ? zh : en;
}

// Text from the database in `lang`: the English column when the view is
// English and the column is filled; otherwise the Chinese text — quoted
// 「…」 in an English view, so untranslated Chinese reads as a quotation.
std::string pickData(Lang lang, const std::string& zh, const std::string& en);

}  // namespace jinmap
