#pragma once
// The summaries of the web site: the presentation model (present/views.h)
// of every county and every city, laid out as JSON by the same code as
// `jinmap summary --json`, in Chinese and English, one small script per
// place (summaries/<lang>/county-<adcode>.js) so the page loads only what is
// clicked, also from file:// (no fetch there). Also the search index: every
// county, city, town, park, platform and layout element, with its name in
// Simplified and Traditional characters and in English, and where its
// summary is.
#include <QJsonObject>
#include <map>
#include <string>

namespace jinmap {

class GeoDatabase;
class SiteDirectory;

// Which summary tells about a place: "county:140703" or "city:140200".
struct SummaryRef {
    std::string kind;  // county / city
    std::string id;
    std::string key() const { return kind + ":" + id; }
};

class SiteSummaries {
  public:
    explicit SiteSummaries(const GeoDatabase& db) : db_(db) {}

    // Writes summaries/<lang>/… for both languages; returns the number of files.
    std::size_t write(SiteDirectory& site);
    // The search index (site config "places"): entries and the
    // Traditional → Simplified character map for mixed input.
    QJsonObject searchIndex() const;

  private:
    const GeoDatabase& db_;
    // Parks, platforms and layout elements → the city summary listing them
    // (filled by write()).
    std::map<std::string, std::string> cityOf_;
};

}  // namespace jinmap
