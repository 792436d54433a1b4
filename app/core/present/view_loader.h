#pragma once
// Builds the presentation model (views.h) from the database in one language.
// A ViewReader reads the small shared tables (documents, notes, names) once
// and then answers for counties, cities and towns. It uses the GeoDatabase's
// connection: make and use it on the thread that owns that connection.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "present/views.h"

namespace jinmap {

class GeoDatabase;
class Database;

class ViewReader {
  public:
    ViewReader(const GeoDatabase& db, Lang lang);
    ~ViewReader();
    ViewReader(const ViewReader&) = delete;
    ViewReader& operator=(const ViewReader&) = delete;

    Lang lang() const;
    // Throws Error(NotFound) for an unknown code / id.
    CountyView county(const std::string& adcode);
    CityView city(const std::string& prefectureAdcode);
    TownView town(const std::string& id);
    ParkView park(const std::string& id);
    ParkView platform(const std::string& id);
    LayoutElementView layoutElement(const std::string& id);
    ProjectView project(const std::string& id);
    // Counties (by code) and cities (by code, with their coverage), named in
    // the reader's language.
    std::vector<PlaceLine> countyList();
    std::vector<PlaceLine> cityList();
    // Every town of the database with its figures (table exports), ordered
    // by city, county and id.
    std::vector<TownView> allTowns();
    // The documents cited by `towns` (and their notes), in order of first citation.
    std::vector<SourceView> sourcesOf(const std::vector<TownView>& towns);
    // Every document of the database, in id order.
    std::vector<SourceView> allSources();
    // Prefecture adcodes in code order.
    std::vector<std::string> prefectureCodes();

  private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

// Convenience: one view, one reader.
CountyView loadCountyView(const GeoDatabase& db, const std::string& adcode, Lang lang);
CityView loadCityView(const GeoDatabase& db, const std::string& prefectureAdcode, Lang lang);
TownView loadTownView(const GeoDatabase& db, const std::string& townId, Lang lang);

}  // namespace jinmap
