#include "present/display_value.h"

#include <QString>
#include <QStringList>
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "base/text.h"

namespace jinmap {

namespace {

QString simplifiedTrimmed(const std::string& text) {
    QString s = QString::fromStdString(toSimplified(text)).trimmed();
    // Chinese number phrases take no spaces (约 22.35 亿 → 约22.35亿, 约70 % → 约70%);
    // a phrase with Latin letters keeps its spacing.
    const bool latin = std::any_of(s.begin(), s.end(), [](QChar c) {
        return (c >= QChar('A') && c <= QChar('Z')) || (c >= QChar('a') && c <= QChar('z'));
    });
    if (!latin) {
        s.remove(QChar(' '));
        s.remove(QChar(0x3000));
    }
    return s;
}

// Qualifiers written after the unit in Chinese (5万人以上, 70%以上).
const std::array<const char*, 5> kTrailing = {"以上", "以下", "左右", "上下", "以内"};

bool isMagnitude(QChar c) {
    return c == QChar(0x4E07) || c == QChar(0x4EBF);  // 万 亿
}

// The leading magnitude of a unit: 万人 → (万, 人); 亿元 → (亿, 元); % → ("", %).
std::pair<QString, QString> splitUnit(const QString& unit) {
    int i = 0;
    while (i < unit.size() && isMagnitude(unit[i])) ++i;
    return {unit.left(i), unit.mid(i)};
}

}  // namespace

std::string formatNumber(double value) {
    if (!std::isfinite(value)) return {};
    std::array<char, 64> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    return std::string(buf.data(), r.ptr);
}

std::string groupThousands(const std::string& number) {
    const auto dot = number.find('.');
    const std::string intPart = number.substr(0, dot);
    const std::string rest = dot == std::string::npos ? std::string() : number.substr(dot);
    std::size_t start = 0;
    while (start < intPart.size() && (intPart[start] < '0' || intPart[start] > '9')) ++start;
    const std::string sign = intPart.substr(0, start), digits = intPart.substr(start);
    if (digits.size() <= 3) return number;
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return sign + out + rest;
}

std::string displayValueZh(const FigureParts& parts) {
    const QString written = simplifiedTrimmed(parts.valueText);
    const QString unit = simplifiedTrimmed(parts.unit);
    if (written.isEmpty()) {
        if (!parts.value) return {};
        return formatNumber(*parts.value) + unit.toStdString();
    }
    if (unit.isEmpty() || written.contains(unit)) return written.toStdString();
    QString core = written, tail;
    for (const char* t : kTrailing) {
        const QString q = QString::fromUtf8(t);
        if (core.endsWith(q) && core.size() > q.size()) {
            tail = q;
            core.chop(q.size());
            break;
        }
    }
    const auto [magnitude, base] = splitUnit(unit);
    // 3万多 + 万名: the phrase already carries the unit's magnitude.
    const QString add = !magnitude.isEmpty() && core.contains(magnitude) ? base : unit;
    return (core + add + tail).toStdString();
}

// ------------------------------------------------------------ English

namespace {

// A decimal number as digits, exact (no binary rounding): "448.35" × 10^4.
struct Decimal {
    std::string digits;  // without the point, no sign
    int point = 0;       // digits before the point

    static std::optional<Decimal> parse(const QString& text) {
        Decimal d;
        bool seenPoint = false;
        for (QChar c : text) {
            if (c >= QChar('0') && c <= QChar('9')) {
                d.digits.push_back(static_cast<char>(c.unicode()));
                if (!seenPoint) ++d.point;
            } else if (c == QChar('.') && !seenPoint) {
                seenPoint = true;
            } else {
                return std::nullopt;
            }
        }
        if (d.digits.empty()) return std::nullopt;
        return d;
    }
    static Decimal ofInt(long long v) { return *parse(QString::number(v)); }
    void shift(int exp) { point += exp; }
    int intDigits() const {
        // Significant digits before the point.
        int lead = 0;
        while (lead < static_cast<int>(digits.size()) &&
               digits[static_cast<std::size_t>(lead)] == '0')
            ++lead;
        return std::max(0, point - lead);
    }
    std::string text() const {
        std::string d = digits;
        int p = point;
        while (p > static_cast<int>(d.size())) d.push_back('0');
        while (p < 0) {
            d.insert(d.begin(), '0');
            ++p;
        }
        std::string intPart = d.substr(0, static_cast<std::size_t>(p));
        std::string frac = d.substr(static_cast<std::size_t>(p));
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
        std::size_t lead = 0;
        while (lead + 1 < intPart.size() && intPart[lead] == '0') ++lead;
        intPart = intPart.substr(lead);
        if (intPart.empty()) intPart = "0";
        return frac.empty() ? intPart : intPart + "." + frac;
    }
};

// 4483500 → "4.4835 million"; 30500 → "30,500".
std::string englishNumber(Decimal d) {
    const int n = d.intDigits();
    if (n >= 10) {
        d.shift(-9);
        return d.text() + " billion";
    }
    if (n >= 7) {
        d.shift(-6);
        return d.text() + " million";
    }
    return groupThousands(d.text());
}

int digitOf(QChar c) {
    static const QString digits = QStringLiteral("零一二三四五六七八九");
    if (c == QChar(0x4E24)) return 2;  // 两
    return static_cast<int>(digits.indexOf(c));
}

int unitOf(QChar c) {
    switch (c.unicode()) {
        case 0x5341:  // 十
            return 10;
        case 0x767E:  // 百
            return 100;
        case 0x5343:  // 千
            return 1000;
        default:
            return 0;
    }
}

// A Chinese numeral below 10^4 (十二, 二十, 三百, 百) times an optional
// section 万/亿 (万 alone = 10000). Returns nullopt when not one.
std::optional<long long> chineseInt(const QString& s) {
    if (s.isEmpty()) return std::nullopt;
    long long total = 0, section = 0;
    int pending = -1;
    for (QChar c : s) {
        const int d = digitOf(c);
        if (d >= 0) {
            if (pending >= 0) return std::nullopt;  // 六七: a range, not a number
            pending = d;
            continue;
        }
        if (const int u = unitOf(c)) {
            section += static_cast<long long>(pending < 0 ? 1 : pending) * u;
            pending = -1;
            continue;
        }
        if (c == QChar(0x4E07) || c == QChar(0x4EBF)) {
            const long long m = c == QChar(0x4E07) ? 10000LL : 100000000LL;
            section += pending < 0 ? 0 : pending;
            total += (section == 0 ? 1 : section) * m;
            section = 0;
            pending = -1;
            continue;
        }
        return std::nullopt;
    }
    return total + section + (pending < 0 ? 0 : pending);
}

const char* fractionWord(int numerator, int denominator) {
    struct F {
        int n, d;
        const char* word;
    };
    static const F table[] = {{1, 2, "one half"},    {1, 3, "one third"},      {2, 3, "two thirds"},
                              {1, 4, "one quarter"}, {3, 4, "three quarters"}, {1, 5, "one fifth"},
                              {4, 5, "four fifths"}, {1, 10, "one tenth"}};
    for (const F& f : table)
        if (f.n == numerator && f.d == denominator) return f.word;
    return nullptr;
}

struct UnitEn {
    const char* zh;
    const char* en;  // "" for counters: the label says what is counted
};
const UnitEn kUnits[] = {
    {"人", "people"},
    {"名", "people"},
    {"人次", "visits"},
    {"个岗位", "jobs"},
    {"元", "yuan"},
    {"元/吨", "yuan/t"},
    {"元/亩", "yuan/mu"},
    {"吨", "t"},
    {"吨/年", "t/year"},
    {"公斤", "kg"},
    {"千克", "kg"},
    {"斤", "jin"},
    {"亩", "mu"},
    {"平方米", "m²"},
    {"平方公里", "km²"},
    {"公里", "km"},
    {"头", "head"},
    {"羽", "birds"},
    {"只", "birds"},
    {"张", "sheets"},
    {"%", "%"},
    {"度", "°"},  // alcohol by volume, as on the bottle
    {"年", "years"},
    {"岁", "years"},
    {"倍", "times"},
    {"次", "times"},
    {"处", ""},
    {"家", ""},
    {"户", ""},
    {"个", ""},
    {"项", ""},
    {"件", ""},
    {"种", ""},
    {"条", ""},
    {"所", ""},
    {"座", ""},
    {"类", ""},
    {"大类", ""},
    {"系列", ""},
    {"大系列", ""},
    {"款", ""},
    {"村", "villages"},
    {"个村", "villages"},
    {"乡镇", "townships"},
    {"个乡镇", "townships"},
    {"个国家", "countries"},
    {"个国家和地区", "countries and regions"},
    {"国", "countries"},
    {"批", "batches"},
    {"届", "editions"},
    {"期", "phases"},
    {"台", "units"},
    {"套", "sets"},
    {"万", ""},
};

std::optional<std::string> unitEnglish(const QString& base) {
    if (base.isEmpty()) return std::string();
    for (const UnitEn& u : kUnits)
        if (base == QString::fromUtf8(u.zh)) return std::string(u.en);
    return std::nullopt;
}

struct Qualifier {
    const char* zh;
    const char* en;
};
// Longest first within each list.
const Qualifier kLeading[] = {
    {"大约", "about"}, {"约", "about"},  {"将近", "nearly"}, {"接近", "nearly"}, {"近", "nearly"},
    {"超过", "over"},  {"突破", "over"}, {"超", "over"},     {"逾", "over"},     {"上", "over"},
    {"达到", ""},      {"达", ""},       {"共", ""},         {"各", ""}};
const Qualifier kTrailingEn[] = {{"以上", "over"},  {"多", "over"},    {"余", "over"},
                                 {"来", "about"},   {"左右", "about"}, {"上下", "about"},
                                 {"以下", "under"}, {"以内", "up to"}, {"出头", "over"}};

struct Reading {
    QString qualifier;  // English
    bool each = false;
    std::string number;  // English, magnitude applied
};

// Reads "约70", "3万多", "1.5", "1~3", "六七十", "三分之一", "2/3", "近万".
// `unitExp`: the power of ten the unit carries (万人 → 4) unless the phrase
// carries it itself. Returns nullopt for anything else.
std::optional<Reading> readPhrase(QString s, int unitExp, const QString& unitMagnitude) {
    Reading r;
    if (s.startsWith(QString::fromUtf8("各"))) r.each = true;
    for (bool again = true; again;) {
        again = false;
        for (const Qualifier& q : kLeading) {
            const QString zh = QString::fromUtf8(q.zh);
            if (s.startsWith(zh) && s.size() > zh.size()) {
                if (*q.en) r.qualifier = QString::fromUtf8(q.en);
                s = s.mid(zh.size());
                again = true;
                break;
            }
        }
    }
    for (bool again = true; again;) {
        again = false;
        for (const Qualifier& q : kTrailingEn) {
            const QString zh = QString::fromUtf8(q.zh);
            if (s.endsWith(zh) && s.size() > zh.size()) {
                if (r.qualifier.isEmpty()) r.qualifier = QString::fromUtf8(q.en);
                s.chop(zh.size());
                again = true;
                break;
            }
        }
    }
    // The phrase's own magnitude (3万, 1.5亿); 3万多 lost 多 above.
    int phraseExp = 0;
    const bool carriesUnitMagnitude = !unitMagnitude.isEmpty() && s.contains(unitMagnitude);
    auto asciiPart = [](const QString& t) {
        return !t.isEmpty() && (t[0].isDigit() || t[0] == QChar('.'));
    };
    if (asciiPart(s)) {
        while (!s.isEmpty() && isMagnitude(s.back())) {
            phraseExp += s.back() == QChar(0x4E07) ? 4 : 8;
            s.chop(1);
        }
        const int exp = phraseExp + (carriesUnitMagnitude ? 0 : unitExp);
        // Fractions are ratios: no magnitude.
        const int slash = static_cast<int>(s.indexOf(QChar('/')));
        if (slash > 0) {
            const auto n = Decimal::parse(s.left(slash)), d = Decimal::parse(s.mid(slash + 1));
            if (!n || !d || exp != 0) return std::nullopt;
            const char* word = fractionWord(std::stoi(n->text()), std::stoi(d->text()));
            r.number = word ? word : n->text() + "/" + d->text();
            return r;
        }
        for (const char* sep : {"~", "～", "-", "—", "至", "到"}) {
            const int at = static_cast<int>(s.indexOf(QString::fromUtf8(sep)));
            if (at <= 0) continue;
            auto lo = Decimal::parse(s.left(at));
            auto hi = Decimal::parse(s.mid(at + QString::fromUtf8(sep).size()));
            if (!lo || !hi) return std::nullopt;
            lo->shift(exp);
            hi->shift(exp);
            r.number = englishNumber(*lo) + "–" + englishNumber(*hi);
            return r;
        }
        auto d = Decimal::parse(s);
        if (!d) return std::nullopt;
        d->shift(exp);
        r.number = englishNumber(*d);
        return r;
    }
    // Chinese numerals.
    const int fen = static_cast<int>(s.indexOf(QString::fromUtf8("分之")));
    if (fen > 0) {
        const auto d = chineseInt(s.left(fen)), n = chineseInt(s.mid(fen + 2));
        if (!d || !n) return std::nullopt;
        const char* word = fractionWord(static_cast<int>(*n), static_cast<int>(*d));
        r.number = word ? word : std::to_string(*n) + "/" + std::to_string(*d);
        return r;
    }
    if (s == QString::fromUtf8("半")) {
        r.number = "half";
        return r;
    }
    // 六七十: "60–70"; 三四百: "300–400".
    if (s.size() == 3 && digitOf(s[0]) > 0 && digitOf(s[1]) > 0 && unitOf(s[2])) {
        Decimal lo = Decimal::ofInt(static_cast<long long>(digitOf(s[0])) * unitOf(s[2]));
        Decimal hi = Decimal::ofInt(static_cast<long long>(digitOf(s[1])) * unitOf(s[2]));
        lo.shift(unitExp);
        hi.shift(unitExp);
        r.number = englishNumber(lo) + "–" + englishNumber(hi);
        return r;
    }
    const auto n = chineseInt(s);
    if (!n) return std::nullopt;
    Decimal d = Decimal::ofInt(*n);
    d.shift(carriesUnitMagnitude ? 0 : unitExp);
    r.number = englishNumber(d);
    return r;
}

}  // namespace

std::string displayValueEn(const FigureParts& parts) {
    if (!parts.valueTextEn.empty()) return parts.valueTextEn;
    QString written = simplifiedTrimmed(parts.valueText);
    const QString unit = simplifiedTrimmed(parts.unit);
    if (written.isEmpty() && parts.value)
        written = QString::fromStdString(formatNumber(*parts.value));
    if (written.isEmpty()) return {};
    const auto [magnitude, base] = splitUnit(unit);
    const int unitExp = static_cast<int>(magnitude.count(QChar(0x4E07))) * 4 +
                        static_cast<int>(magnitude.count(QChar(0x4EBF))) * 8;
    QString phrase = written;
    bool unitInPhrase = false;
    if (!unit.isEmpty() && phrase.contains(unit)) {
        // 1万人以上, 80%以上: the unit is written; read around it.
        phrase.remove(phrase.indexOf(unit), unit.size());
        unitInPhrase = true;
    }
    // A calendar year (成立于2007年) is a date, not 2,007 years.
    if (base == QString::fromUtf8("年") && magnitude.isEmpty() && phrase.size() == 4 &&
        std::all_of(phrase.begin(), phrase.end(), [](QChar c) { return c.isDigit(); })) {
        const int year = phrase.toInt();
        if (year >= 1900 && year <= 2100) return phrase.toStdString();
    }
    const auto reading = readPhrase(phrase, unitExp, unitInPhrase ? QString() : magnitude);
    const auto unitEn = unitEnglish(base);
    if (!reading || !unitEn) return "「" + displayValueZh(parts) + "」";
    std::string out;
    if (!reading->qualifier.isEmpty()) out = reading->qualifier.toStdString() + " ";
    out += reading->number;
    if (*unitEn == "%" || *unitEn == "°")
        out += *unitEn;
    else if (!unitEn->empty())
        out += " " + *unitEn;
    if (reading->each) out += " each";
    return out;
}

std::string unitText(const std::string& unit, Lang lang) {
    const QString u = simplifiedTrimmed(unit);
    if (lang == Lang::Zh) return u.toStdString();
    const auto [magnitude, base] = splitUnit(u);
    const auto en = unitEnglish(base);
    if (!en) return "「" + u.toStdString() + "」";
    std::string scale;
    if (magnitude == QString::fromUtf8("万"))
        scale = "10,000";
    else if (magnitude == QString::fromUtf8("亿"))
        scale = "100 million";
    else if (!magnitude.isEmpty())
        return "「" + u.toStdString() + "」";
    if (scale.empty()) return *en;
    return en->empty() ? scale : scale + " " + *en;
}

std::string displayValue(const FigureParts& parts, Lang lang) {
    return lang == Lang::Zh ? displayValueZh(parts) : displayValueEn(parts);
}

}  // namespace jinmap
