#include "present/vocabulary.h"

#include "base/error.h"
#include "base/text.h"

namespace jinmap {

Scope parseScope(const std::string& code) {
    if (code == "town" || code.empty()) return Scope::Town;
    if (code == "county") return Scope::County;
    if (code == "company") return Scope::Company;
    if (code == "city") return Scope::City;
    if (code == "province") return Scope::Province;
    throw Error(ErrorKind::Data, "unknown figure scope '" + code + "'");
}

const char* scopeCode(Scope scope) {
    switch (scope) {
        case Scope::Town:
            return "town";
        case Scope::County:
            return "county";
        case Scope::Company:
            return "company";
        case Scope::City:
            return "city";
        case Scope::Province:
            return "province";
    }
    return "town";
}

std::string scopeBadge(Scope scope, const std::string& company, Lang lang) {
    switch (scope) {
        case Scope::Town:
            return pick(lang, "本镇", "town");
        case Scope::County:
            return pick(lang, "全县", "county-wide");
        case Scope::Company:
            if (company.empty()) return pick(lang, "龙头企业", "leading company");
            return lang == Lang::Zh ? "龙头企业（" + toSimplified(company) + "）"
                                    : "leading company (" + toSimplified(company) + ")";
        case Scope::City:
            return pick(lang, "全市", "city-wide");
        case Scope::Province:
            return pick(lang, "全省", "province-wide");
    }
    return {};
}

std::string levelWord(const std::string& level, Lang lang) {
    if (level == "provincial") return pick(lang, "省级", "Provincial");
    if (level == "municipal") return pick(lang, "市级", "Municipal");
    return pick(lang, "级别未说明", "Level not stated");
}

std::string levelDisplay(const std::string& level, const std::string& detail,
                         const std::string& detailEn, Lang lang) {
    const std::string word = levelWord(level, Lang::Zh);
    const std::string written = toSimplified(detail);
    std::string shown = levelWord(level, lang);
    if (written.empty() || written == word) return shown;
    if (lang == Lang::Zh) return shown + "（原文：" + written + "）";
    return shown + " (as written: " + (detailEn.empty() ? "「" + written + "」" : detailEn) + ")";
}

std::string layoutKindWord(const std::string& kind, Lang lang) {
    if (kind == "corridor") return pick(lang, "产业走廊", "corridor");
    if (kind == "core") return pick(lang, "创新转化核", "innovation core");
    if (kind == "belt") return pick(lang, "特色产业带", "industry belt");
    return {};
}

std::string coverageWord(const std::string& coverage, Lang lang) {
    if (coverage == "full") return pick(lang, "资料列出全部专业镇", "all towns listed");
    if (coverage == "partial") return pick(lang, "资料只列出部分专业镇", "some towns listed");
    return pick(lang, "资料未列出专业镇", "no towns listed");
}

std::string placeName(const std::string& zh, const std::string& en, Lang lang) {
    if (lang == Lang::Zh || en.empty()) return zh;
    return zh + " " + en;
}

}  // namespace jinmap
