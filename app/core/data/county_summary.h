#pragma once
// A county's industry summary: its specialty towns with their figures (each
// traced to a source sentence), parks, platforms, projects and data notes.
// Shared by the CLI (`jinmap summary`), the viewer's side panel and exports.
// Threading rule: the loaders read through the calling thread's connection
// (GeoDatabase::database()), so any thread may call them; the results are
// plain values.
#include <optional>
#include <string>
#include <vector>

#include "data/geodatabase.h"

namespace jinmap {

struct SourceQuote {
    std::string sourceId;
    std::string file;
    std::string quote;
    std::string field;  // which field the quote supports (empty = the row)
};

struct FactEntry {
    std::string metric;
    std::string metricLabel;  // Chinese label
    std::optional<double> value;
    std::string valueText;
    std::string unit;
    std::optional<int> year;
    SourceQuote source;
};

struct NoteEntry {
    std::string id;
    std::string subject;  // e.g. "towns T-TG-MAGANG"
    std::string note;
    std::string sources;  // "S000;S002"
};

struct TownEntry {
    std::string id;
    std::string name;
    std::string nameAsWritten;
    std::string sector;
    std::string sectorGroup;
    std::string level;        // provincial / municipal / unknown
    std::string levelDetail;  // as written
    std::string locationPrecision;
    std::vector<FactEntry> facts;
    std::vector<SourceQuote> provenance;
    std::vector<NoteEntry> notes;
};

struct ParkEntry {
    std::string id, name, industry, layoutKind, locationPrecision;
    std::vector<SourceQuote> provenance;
};

struct ProjectEntry {
    std::string id, name, industry, builder, content, investmentText, investmentUnit;
    std::optional<double> investment;
    SourceQuote source;
};

struct CountySummary {
    CountyRef county;
    std::string kind;
    std::string boundaryQuality;
    std::string boundaryNote;
    std::string coverage;  // of the prefecture: full / partial / none
    std::string coverageNote;
    std::string dataVersion;
    std::vector<TownEntry> towns;
    std::vector<ParkEntry> parks;
    std::vector<ParkEntry> platforms;
    std::vector<ProjectEntry> projects;
    std::vector<NoteEntry> notes;  // county-level, coverage and placement notes
};

CountySummary loadCountySummary(const GeoDatabase& db, const std::string& adcode);
// Single town / park details for the viewer.
TownEntry loadTown(const GeoDatabase& db, const std::string& townId);

std::string levelLabelZh(const std::string& level);
std::string formatSummaryText(const CountySummary& s);
std::string formatSummaryJson(const CountySummary& s);
// Rows of the county's figures with sources (header first) for CSV/XLSX.
std::vector<std::vector<std::string>> summaryFactRows(const CountySummary& s);

}  // namespace jinmap
