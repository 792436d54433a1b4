#include "display_lint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QString>
#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

#include "base/text.h"
#include "present/quoted_text.h"

namespace jinmap::lint {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// Unit doublings, on the text outside quotations.
const QRegularExpression& doubledUnit() {
    static const QRegularExpression re(QStringLiteral(
        // 3万多 万名, 近万 万个, 超万 万人, 22.35 亿亿元: the magnitude twice
        "(?:[0-9０-９]|[近超上约逾余多])\\s*([万亿])\\s*[多余]?\\s*\\1"
        // 106亿元亿元, 3200万元万元, 1万人以上 万人, 80%以上 %, 50% %
        "|(亿元|万元|万人|万吨|万亩|万头|%|％)\\s*(?:以上|以下|左右|多|余)?\\s*\\2"
        // 约70 % (a space before a percent sign)
        "|[0-9]\\s+[%％]"
        // English: "yuan yuan", "% %"
        "|\\b(yuan|people|visits|jobs|mu|tonnes|t|kg|head|years)\\s+\\3\\b"));
    return re;
}

const QRegularExpression& latinToken() {
    static const QRegularExpression re(QStringLiteral("[A-Za-z_][A-Za-z0-9_\\-]*"));
    return re;
}

const QRegularExpression& hanOrFullwidth() {
    // Han characters and the Chinese punctuation that has no place in English.
    static const QRegularExpression re(
        QStringLiteral("[\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}，。；：、（）【】〔〕［］！？]"));
    return re;
}

const QRegularExpression& emptyBrackets() {
    static const QRegularExpression re(
        QStringLiteral("（\\s*）|\\(\\s*\\)|〔\\s*〕|［\\s*］|「\\s*」|《\\s*》"));
    return re;
}

}  // namespace

bool isMachineKey(const std::string& key) {
    static const std::set<std::string> keys = {"id",
                                               "fact_id",
                                               "metric",
                                               "source_id",
                                               "quote",
                                               "file",
                                               "sha256",
                                               "scope",
                                               "level",
                                               "location_precision",
                                               "kind",
                                               "boundary_quality",
                                               "coverage",
                                               "lang",
                                               "data_version",
                                               "adcode",
                                               "county_adcode",
                                               "prefecture_adcode",
                                               "name_zh",
                                               "name_as_written",
                                               "value_as_written",
                                               "unit",
                                               "other_fact_id",
                                               "company",
                                               "field",
                                               "number",
                                               "year",
                                               "count",
                                               "towns"};
    return keys.count(key) > 0;
}

DisplayLint::DisplayLint(Lang lang, std::set<std::string> properNames,
                         std::set<std::string> allowedLatin)
    : lang_(lang), allowedLatin_(std::move(allowedLatin)) {
    for (const std::string& n : properNames)
        if (!n.empty()) names_.push_back(n);
    std::sort(names_.begin(), names_.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void DisplayLint::add(const char* rule, const std::string& where, const std::string& text) {
    findings_.push_back(Finding{rule, where, text});
}

void DisplayLint::text(const std::string& where, const std::string& s) {
    if (s.empty()) return;
    // Proper names are the documents' own (Chinese in English text; 5G, AMT or
    // PACK inside a project's name in Chinese) and may hold quotation marks;
    // allowed tokens (the data version) likewise.
    std::string plain = s;
    for (const std::string& n : names_)
        for (auto at = plain.find(n); at != std::string::npos; at = plain.find(n, at))
            plain.replace(at, n.size(), " ");
    for (const std::string& t : allowedLatin_)
        for (auto at = plain.find(t); at != std::string::npos; at = plain.find(t, at))
            plain.replace(at, t.size(), " ");
    std::string outside;  // the text outside quotations, parts joined by a separator
    for (const TextSegment& seg : splitQuoted(plain)) {
        if (seg.quoted) {
            outside += " \x01 ";
            continue;
        }
        outside += seg.text;
        if (toSimplified(seg.text) != seg.text) add("traditional", where, s);
    }
    const QString out = q(outside);
    if (const auto m = doubledUnit().match(q(toSimplified(outside))); m.hasMatch())
        add("doubled-unit", where, m.captured(0).toStdString() + " in: " + s);
    if (emptyBrackets().match(q(s)).hasMatch()) add("empty-line", where, "empty brackets: " + s);
    const QString trimmed = q(s).trimmed();
    if (trimmed.endsWith(QStringLiteral("：")) || trimmed.endsWith(QStringLiteral(":")))
        add("empty-line", where, "nothing after the label: " + s);
    if (lang_ == Lang::Zh) {
        auto it = latinToken().globalMatch(out);
        while (it.hasNext()) {
            const auto m = it.next();
            // Letters glued to a number are a unit or a specification (100MWh,
            // 110KV, 2200m², 5G), not a word.
            if (m.capturedStart(0) > 0 && out[m.capturedStart(0) - 1].isDigit()) continue;
            add("latin-in-chinese", where, "'" + m.captured(0).toStdString() + "' in: " + s);
        }
    } else {
        if (const auto m = hanOrFullwidth().match(out); m.hasMatch())
            add("chinese-in-english", where, "'" + m.captured(0).toStdString() + "' in: " + s);
    }
}

void DisplayLint::lines(const std::string& where, const std::string& s) {
    std::istringstream in(s);
    std::string line;
    std::map<std::string, int> seen;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        const std::string at = where + ":" + std::to_string(n);
        const QString t = q(line).trimmed();
        if (t.isEmpty()) {
            add("empty-line", at, "(empty)");
            continue;
        }
        if (const auto [it, fresh] = seen.emplace(t.toStdString(), n); !fresh)
            add("repeated-line", at, "as line " + std::to_string(it->second) + ": " + line);
        text(at, line);
    }
}

namespace {

void walk(DisplayLint& lint, const std::string& path, const QJsonValue& v,
          std::vector<FigureKey>& figures, const std::string& town,
          std::vector<Finding>* duplicates) {
    if (v.isString()) {
        lint.text(path, v.toString().toStdString());
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            walk(lint, path + "[" + std::to_string(i) + "]", a[i], figures, town, duplicates);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        std::string here = town;
        if (o.contains("facts") && o.contains("name"))
            here = o.value("id").toString().toStdString();
        if (o.contains("fact_id"))
            figures.push_back(FigureKey{town, o.value("label").toString().toStdString(),
                                        o.value("year_text").toString().toStdString(),
                                        o.value("scope_badge").toString().toStdString()});
        for (auto it = o.begin(); it != o.end(); ++it) {
            const std::string key = it.key().toStdString();
            if (isMachineKey(key) && !it.value().isArray() && !it.value().isObject()) continue;
            if (key == "notes" && it.value().isArray()) {
                std::set<QString> texts;
                for (const QJsonValue& n : it.value().toArray())
                    if (!texts.insert(n.toObject().value("text").toString()).second)
                        duplicates->push_back(
                            Finding{"repeated-line", path + "." + key,
                                    n.toObject().value("text").toString().toStdString()});
            }
            walk(lint, path + "." + key, it.value(), figures, here, duplicates);
        }
    }
}

}  // namespace

void DisplayLint::json(const std::string& where, const std::string& json) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError) {
        add("json", where, error.errorString().toStdString());
        return;
    }
    std::vector<FigureKey> figs;
    std::vector<Finding> duplicates;
    walk(*this, where, doc.object(), figs, {}, &duplicates);
    findings_.insert(findings_.end(), duplicates.begin(), duplicates.end());
    figures(where, figs);
}

void DisplayLint::figures(const std::string& where, const std::vector<FigureKey>& figures) {
    std::map<std::tuple<std::string, std::string, std::string, std::string>, int> seen;
    for (const FigureKey& f : figures)
        if (++seen[{f.town, f.label, f.year, f.scope}] == 2)
            add("ambiguous-figure", where,
                f.town + ": '" + f.label + "' twice with the same year and scope");
}

std::string DisplayLint::report(std::size_t max) const {
    std::ostringstream out;
    std::map<std::string, int> perRule;
    for (const Finding& f : findings_) ++perRule[f.rule];
    for (const auto& [rule, n] : perRule) out << rule << ": " << n << "\n";
    for (std::size_t i = 0; i < findings_.size() && i < max; ++i)
        out << "  [" << findings_[i].rule << "] " << findings_[i].where << ": " << findings_[i].text
            << "\n";
    return out.str();
}

}  // namespace jinmap::lint
