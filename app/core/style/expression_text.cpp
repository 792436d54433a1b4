// Locale-dependent text operators through ICU, the library browsers use for
// the same JavaScript functions: number-format (Intl.NumberFormat) and
// upcase/downcase (String.prototype.toUpperCase/toLowerCase).
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/ucurr.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <string>

#include "style/expression_nodes.h"

namespace jinmap::expr {

std::string changeCase(const std::string& text, bool upper) {
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(text);
    // The root locale: JavaScript's case mapping is locale-independent.
    if (upper)
        s.toUpper(icu::Locale::getRoot());
    else
        s.toLower(icu::Locale::getRoot());
    std::string out;
    s.toUTF8String(out);
    return out;
}

StyleValue formatNumber(double number, const std::string& locale, const std::string& currency,
                        const std::string& unit, int minFractionDigits, int maxFractionDigits) {
    UErrorCode status = U_ZERO_ERROR;
    // A BCP 47 tag ("zh-CN") to an ICU locale id; invalid tags are errors,
    // as Intl.NumberFormat's RangeError.
    const std::string tag = locale.empty() ? std::string("en-US") : locale;
    char localeId[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    uloc_forLanguageTag(tag.c_str(), localeId, sizeof localeId, &parsed, &status);
    if (U_FAILURE(status) || parsed != static_cast<int32_t>(tag.size()))
        return StyleValue::error("invalid number-format locale");

    std::string skeleton;
    // Intl.NumberFormat's defaults: 0–3 fraction digits for decimals, the
    // currency's own digits for money.
    int defaultMin = 0, defaultMax = 3;
    if (!currency.empty()) {
        if (currency.size() != 3) return StyleValue::error("invalid number-format currency");
        for (char c : currency)
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
                return StyleValue::error("invalid number-format currency");
        icu::UnicodeString code = icu::UnicodeString::fromUTF8(currency);
        code.toUpper(icu::Locale::getRoot());
        std::string upperCode;
        code.toUTF8String(upperCode);
        UErrorCode s2 = U_ZERO_ERROR;
        const int32_t digits = ucurr_getDefaultFractionDigits(code.getTerminatedBuffer(), &s2);
        defaultMin = defaultMax = U_SUCCESS(s2) ? digits : 2;
        skeleton += "currency/" + upperCode + " ";
    } else if (!unit.empty()) {
        for (char c : unit)
            if (!((c >= 'a' && c <= 'z') || c == '-'))
                return StyleValue::error("invalid number-format unit");
        skeleton += "unit/" + unit + " ";
    }
    int minDigits = minFractionDigits, maxDigits = maxFractionDigits;
    if (minDigits < 0 && maxDigits < 0) {
        minDigits = defaultMin;
        maxDigits = std::max(defaultMin, defaultMax);
    } else if (maxDigits < 0) {
        maxDigits = std::max(defaultMax, minDigits);
    } else if (minDigits < 0) {
        minDigits = std::min(defaultMin, maxDigits);
    } else if (minDigits > maxDigits) {
        return StyleValue::error("min-fraction-digits is greater than max-fraction-digits");
    }
    skeleton += ".";
    skeleton += std::string(static_cast<std::size_t>(minDigits), '0');
    skeleton += std::string(static_cast<std::size_t>(maxDigits - minDigits), '#');
    // Intl rounds halves away from zero; ICU's default is half-even.
    skeleton += " rounding-mode-half-up";

    const icu::UnicodeString uSkeleton = icu::UnicodeString::fromUTF8(skeleton);
    const icu::number::LocalizedNumberFormatter formatter =
        icu::number::NumberFormatter::forSkeleton(uSkeleton, status).locale(icu::Locale(localeId));
    if (U_FAILURE(status)) return StyleValue::error("invalid number-format options");
    const icu::number::FormattedNumber formatted = formatter.formatDouble(number, status);
    const icu::UnicodeString text = formatted.toString(status);
    if (U_FAILURE(status)) return StyleValue::error("number-format failed");
    std::string out;
    text.toUTF8String(out);
    return out;
}

}  // namespace jinmap::expr
