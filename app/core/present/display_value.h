#pragma once
// The display value of a figure, formed ONCE from what the database stores
// (town_facts.value, value_text, unit): the written phrase plus the part of
// the unit it does not already carry, or — when nothing is written — the
// number and the unit. Never both, so units are never doubled.
//
//   3万多 + 万名 → 3万多名     近万 + 万个 → 近万个     1萬人以上 + 万人 → 1万人以上
//   80%以上 + % → 80%以上      约70 + % → 约70%         106 + 亿元 → 106亿元
//   70以上 + % → 70%以上 (以上/以下/左右 follow the unit)
//
// In English the phrase is read (qualifier, number, magnitude, unit) and
// written out: 3万多 + 万名 → "over 30,000 people", 130 + 亿元 → "13 billion
// yuan"; the database's English text of a phrase without a single number
// (first in Shanxi, one in every three…) wins. A phrase that cannot be read is
// shown as written, quoted 「…」.
#include <optional>
#include <string>

#include "present/lang.h"

namespace jinmap {

struct FigureParts {
    std::optional<double> value;  // the number in `unit`
    std::string valueText;        // the phrase as written (may be Traditional)
    std::string unit;             // the full unit of `value`
    std::string valueTextEn;      // the value in English where no single number is given
};

std::string displayValue(const FigureParts& parts, Lang lang);
std::string displayValueZh(const FigureParts& parts);
std::string displayValueEn(const FigureParts& parts);

// A unit in the view's language for a table's unit column: 亿元 → "100 million
// yuan", 万人 → "10,000 people", 家 → "" (the label says what is counted).
std::string unitText(const std::string& unit, Lang lang);

// Locale-independent shortest form (std::to_chars): 130, 1.22, 0.5.
std::string formatNumber(double value);
// Digits with thousands separators for English: 13288 → 13,288; 4.4835 stays.
std::string groupThousands(const std::string& number);

}  // namespace jinmap
