#include "present/lang.h"

#include <algorithm>
#include <cctype>

#include "base/error.h"

namespace jinmap {

Lang parseLang(std::string_view code) {
    std::string key(code);
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::replace(key.begin(), key.end(), '-', '_');
    if (key == "zh_cn" || key == "zh" || key == "zh_hans") return Lang::Zh;
    if (key == "en" || key == "en_us" || key == "en_gb") return Lang::En;
    throw Error(ErrorKind::Usage, "unknown language '" + std::string(code) + "' (zh_CN or en)");
}

const char* langCode(Lang lang) {
    return lang == Lang::Zh ? "zh_CN" : "en";
}

std::string pickData(Lang lang, const std::string& zh, const std::string& en) {
    if (lang == Lang::Zh) return zh;
    if (!en.empty()) return en;
    if (zh.empty()) return {};
    return "「" + zh + "」";
}

}  // namespace jinmap
