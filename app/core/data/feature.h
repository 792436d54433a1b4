#pragma once
// Features as read from a datasource (Mapnik style: a source hands out an
// iterator; the renderer pulls features and caches what it needs).
// Threading rule: a FeatureSource and its iterators belong to the thread that
// made them (they read through that thread's connection); Feature values are
// plain data and may be handed to any thread.
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "data/geometry.h"

namespace jinmap {

// Attribute value: integers are stored as double (as in MapLibre expressions).
using Value = std::variant<std::monostate, bool, double, std::string>;

std::string valueToString(const Value& v);

struct Fields {
    std::vector<std::string> names;
    // Index of a column or -1.
    int indexOf(const std::string& name) const;
};

struct Feature {
    std::int64_t id = 0;
    Geometry geometry;
    std::vector<Value> properties;  // parallel to the source's Fields
};

class FeatureIterator {
  public:
    virtual ~FeatureIterator() = default;
    // Fills `out` and returns true, or returns false at the end.
    virtual bool next(Feature& out) = 0;
};

class FeatureSource {
  public:
    virtual ~FeatureSource() = default;
    virtual const std::string& name() const = 0;
    virtual const Fields& fields() const = 0;
    // Features whose bounds intersect `filter` (all when null). Geometry is in
    // EPSG:4326 (lon/lat).
    virtual std::unique_ptr<FeatureIterator> features(const Bounds* filter = nullptr) const = 0;
};

// Reads every feature of a source into memory.
std::vector<Feature> readAll(const FeatureSource& source, const Bounds* filter = nullptr);

}  // namespace jinmap
