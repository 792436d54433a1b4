#pragma once
// The fixed words of the presentation model in both languages: levels,
// scopes, layout kinds, boundary and coverage words. One place, so the CLI,
// the viewer, the sheets and the tables call a thing by the same name.
#include <string>

#include "present/lang.h"

namespace jinmap {

enum class Scope { Town, County, Company, City, Province };

// "town" / "county" / "company" / "city" / "province" (empty: town, as in
// databases before the scope column); anything else throws Error(Data).
Scope parseScope(const std::string& code);
const char* scopeCode(Scope scope);
// The badge: 本镇 / 全县 / 龙头企业（name） / 全市 / 全省; English: town /
// county-wide / leading company (name) / city-wide / province-wide.
std::string scopeBadge(Scope scope, const std::string& company, Lang lang);

// 省级 / 市级 / 级别未说明 (provincial / municipal / unknown).
std::string levelWord(const std::string& level, Lang lang);
// The level shown once, the written form only where it differs:
// 省级, 省级（原文：省级特色）; Provincial, Provincial (as written: “…”).
std::string levelDisplay(const std::string& level, const std::string& detail,
                         const std::string& detailEn, Lang lang);

// corridor / core / belt and park kinds: 走廊 / 核 / 带.
std::string layoutKindWord(const std::string& kind, Lang lang);
// How completely the documents list a city's towns (full / partial / none).
std::string coverageWord(const std::string& coverage, Lang lang);

// A place name: 太谷区 in Chinese, "太谷区 Taigu District" in English (the
// Chinese name stays: it is what maps and documents use).
std::string placeName(const std::string& zh, const std::string& en, Lang lang);

}  // namespace jinmap
