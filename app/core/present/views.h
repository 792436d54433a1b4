#pragma once
// The presentation model: what a planner reads about a figure, a town, a
// county and a city, built once from the database in one language. The CLI
// (text and JSON), the viewer's panel and clipboard, the county sheet and the
// CSV/XLSX tables only lay these views out; none of them formats a figure.
//
// Every text field is already in the view's language and in Simplified
// characters (quotes keep the source's own characters). Machine fields (ids,
// codes, file names) are named as such and are for JSON and provenance only.
#include <optional>
#include <string>
#include <vector>

#include "present/lang.h"
#include "present/vocabulary.h"

namespace jinmap {

// A data note written for planners, in the view's language.
struct NoteView {
    std::string id;    // data_notes.id (machine)
    std::string kind;  // conflict / doubt / garbled / placement / coverage / boundary / …
    std::string text;
};

// A document: 《title》· publisher · date. File and checksum are provenance
// detail, shown only where a planner asks for the provenance.
struct SourceView {
    std::string id;  // S001 (machine)
    std::string title, publisher, date;
    std::string citation;  // 《以专业镇为核心 构建特色产业优势》· 晋中市… · 2025
    std::string file, sha256;
    std::vector<NoteView> notes;  // about the document itself (garbled text, insertions…)
};

// A verbatim sentence of a document (the original characters).
struct QuoteView {
    std::string sourceId;
    std::string quote;
    std::string field;  // which field it supports (towns' level, name…), may be empty
};

// The other document's reading of a figure in conflict (shown on demand).
struct OtherReading {
    std::string factId;
    std::string town;  // only when the other figure belongs to another town
    std::string label;
    std::string value;     // display value with year
    std::string citation;  // the other document
    std::string sourceId;  // (machine)
    std::string quote;
};

struct FactView {
    std::string factId;            // stable id (machine)
    std::string metric;            // generic category (machine)
    std::string label;             // what the sentence measures, of whom
    std::string value;             // display value, formed once (display_value.h)
    std::string year;              // 2024年 / 2024; empty when the sentence gives none
    std::string valueWithYear;     // 130亿元（2024年） / 13 billion yuan (2024)
    std::optional<double> number;  // value in `unit` (machine)
    std::string unit;              // (machine, Simplified)
    std::string asWritten;         // the phrase as written (machine)
    std::optional<int> yearNumber;
    Scope scope = Scope::Town;
    std::string company;
    std::string scopeBadge;  // 本镇 / 全县 / 龙头企业（…） / 全市 / 全省
    QuoteView source;
    std::string citation;         // the document, as in SourceView::citation
    std::vector<NoteView> notes;  // doubts and explanations of this figure
    // ⚠ on the row: each other reading, with the note that explains the
    // disagreement (the note is shown on one of the two figures only).
    struct Conflict {
        OtherReading other;
        std::optional<NoteView> note;
    };
    std::vector<Conflict> conflicts;

    // Only the town's own figures may be summed, ranked or mapped as the town's.
    bool isTownsOwn() const { return scope == Scope::Town; }
    bool conflicted() const { return !conflicts.empty(); }
};

struct TownView {
    std::string id;
    std::string name;           // in the view's language (English: English name)
    std::string nameZh;         // Simplified Chinese name (always)
    std::string nameAsWritten;  // the document's wording when it differs beyond characters
    std::string sector, sectorGroup;
    std::string sectorGroupKey;  // sector_groups.sector_group (machine, Simplified)
    std::string level;           // provincial / municipal / unknown (machine)
    std::string levelText;       // 省级 / 省级（原文：省级特色）
    std::string locationPrecision;
    std::string countyAdcode;  // empty: the documents do not say the county
    std::string county;        // place name in the view's language, empty when unknown
    std::string prefecture;
    std::string prefectureAdcode;  // (machine) empty when the city is not a known one
    std::vector<FactView> facts;
    std::vector<QuoteView> provenance;
    std::string citation;  // 手工录入（author） for a town entered by hand; else empty
    std::vector<NoteView> notes;
};

struct ParkView {
    std::string id, name, nameZh, industry, kindText, county;
    std::string kind;  // parks: corridor/core/belt; platforms: as written (machine)
    std::vector<QuoteView> provenance;
    std::vector<NoteView> notes;
};

struct ProjectView {
    std::string id, name, nameZh, industry, builder;
    std::string content;     // the plan's wording, quoted 「…」 (English text when given)
    std::string investment;  // display value, formed once; empty when not stated
    std::string county;      // empty: the plan does not say
    std::string countyAdcode;
    QuoteView source;
    std::string citation;
    std::vector<NoteView> notes;
};

struct LayoutElementView {
    std::string id, kind, kindText, name, description;
    std::vector<QuoteView> provenance;
    std::vector<NoteView> notes;
};

// A count a document states (大同共认定省级特色专业镇17家).
struct DocCountView {
    std::string id, scope, level, levelText, what;
    long long count = 0;
    QuoteView source;
    std::string citation;
    std::vector<NoteView> notes;
};

// A county or city in lists and choosers: its code and name in the view's
// language (with its city for a county).
struct PlaceLine {
    std::string adcode, name;
    std::string prefectureAdcode, prefecture;  // counties only
    std::string coverage;                      // cities only: full / partial / none (machine)
};

struct CountyView {
    Lang lang = Lang::Zh;
    std::string adcode, name, nameZh, kind;
    std::string prefectureAdcode, prefecture;
    std::string boundaryQuality;  // exact / approximate (machine)
    std::string coverage;         // full / partial / none of its city (machine)
    std::string coverageText;
    std::vector<TownView> towns;
    std::vector<ParkView> parks, platforms;
    std::vector<ProjectView> projects;
    std::vector<NoteView> notes;      // county, boundary, coverage, placement
    std::vector<SourceView> sources;  // every document cited here, once
    std::string dataVersion;
};

struct CityView {
    Lang lang = Lang::Zh;
    std::string adcode, name, nameZh;
    std::string coverage, coverageText;
    struct CountyLine {
        std::string adcode, name;
        int towns = 0;
    };
    std::vector<CountyLine> counties;
    std::vector<TownView> towns;  // by level, then sector group
    std::vector<ParkView> parks, platforms;
    std::vector<ProjectView> projects;
    std::vector<LayoutElementView> layout;
    std::vector<DocCountView> counts;  // the city's and the province's
    std::vector<NoteView> notes;
    std::vector<SourceView> sources;
    std::string dataVersion;
};

}  // namespace jinmap
