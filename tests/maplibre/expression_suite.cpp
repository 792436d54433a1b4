// Runs MapLibre's own expression integration tests (vendored from
// maplibre-style-spec, see UPSTREAM.md) against jinmap's expression engine.
//
// Each case is a test.json with an expression, an optional property spec,
// inputs ([globals, feature] pairs) and the expected compile result and
// outputs. A case is either run, or skipped with a reason (an operator or a
// property type jinmap does not support); the runner prints counts per
// operator (the case's directory) and every skipped case with its reason, and
// fails when a run case fails.
//
// Compared as MapLibre's runner compares them: compile success or error; on
// success the result type, isFeatureConstant, isZoomConstant; then each
// output (numbers to 6 significant digits; colours as premultiplied
// [r, g, b, a]; an evaluation error where MapLibre reports one). Error
// messages are not compared (jinmap words its own).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/error.h"
#include "style/diagnostics.h"
#include "style/expression.h"
#include "style/json.h"
#include "suite_engine.h"

namespace fs = std::filesystem;
using namespace jinmap;

namespace {

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every operator name a case uses (array heads that are MapLibre operators;
// the contents of ["literal", …] are data, not operators).
void collectOperators(const json::Value& v, std::set<std::string>& out) {
    if (v.isObject()) {
        for (const auto& m : v.members()) collectOperators(m.value, out);
        return;
    }
    if (!v.isArray() || v.items().empty()) return;
    const auto& items = v.items();
    if (items[0].isString()) {
        const std::string& op = items[0].asString();
        if (op == "literal") return;
        out.insert(op);
    }
    for (const auto& item : items) collectOperators(item, out);
}

// stripPrecision of MapLibre's json-diff: 6 significant digits, truncated.
double stripPrecision(double x) {
    if (x == 0 || !std::isfinite(x)) return x;
    const double multiplier = std::pow(10, std::max(0.0, 6 - std::ceil(std::log10(std::abs(x)))));
    const double first = std::floor(x * multiplier) / multiplier;
    return std::floor(first * multiplier) / multiplier;
}

bool sameNumber(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return false;
    return stripPrecision(a) == stripPrecision(b);
}

bool equalOutput(const StyleValue& got, const json::Value& want);

bool equalArray(const StyleArray& got, const json::Value& want) {
    if (!want.isArray() || want.items().size() != got.size()) return false;
    for (std::size_t i = 0; i < got.size(); ++i)
        if (!equalOutput(got[i], want.items()[i])) return false;
    return true;
}

bool equalOutput(const StyleValue& got, const json::Value& want) {
    switch (got.type()) {
        case StyleValue::Type::Null:
            return want.isNull();
        case StyleValue::Type::Bool:
            return want.isBool() && want.asBool() == got.asBool();
        case StyleValue::Type::Number:
            return want.isNumber() && sameNumber(got.asNumber(), want.asNumber());
        case StyleValue::Type::String:
            return want.isString() && want.asString() == got.asString();
        case StyleValue::Type::Color: {
            // MapLibre's runner prints colours as premultiplied [r, g, b, a].
            const Color& c = got.asColor();
            const StyleArray rgba{c.r * c.a, c.g * c.a, c.b * c.a, c.a};
            return equalArray(rgba, want);
        }
        case StyleValue::Type::Array:
            return equalArray(got.asArray(), want);
        default:
            return suite::equalOther(got, want, equalOutput);
    }
}

struct CaseResult {
    std::string name;
    std::string category;
    std::string skipReason;  // empty: run
    bool passed = false;
    std::string detail;  // why it failed
};

CaseResult runCase(const fs::path& file, const fs::path& root) {
    CaseResult r;
    const fs::path rel = fs::relative(file.parent_path(), root);
    r.name = rel.generic_string();
    r.category = rel.begin()->string();
    const std::string text = readFile(file);
    json::Document doc;
    try {
        doc = json::parse(text, r.name);
    } catch (const Error& e) {
        r.skipReason = std::string("unreadable test.json: ") + e.what();
        return r;
    }
    const json::Value& root_ = doc.root;
    const json::Value* expression = root_.find("expression");
    const json::Value* expected = root_.find("expected");
    const json::Value* spec = root_.find("propertySpec");
    const json::Value* inputs = root_.find("inputs");
    if (!expression || !expected) {
        r.skipReason = "no expression or expected result";
        return r;
    }
    std::set<std::string> ops;
    collectOperators(*expression, ops);
    if (std::string why = suite::skipReason(*expression, spec, ops, root_); !why.empty()) {
        r.skipReason = why;
        return r;
    }

    const json::Value* compiled = expected->find("compiled");
    const bool wantSuccess =
        compiled && compiled->find("result") && compiled->find("result")->asString() == "success";
    suite::Compiled c = suite::compile(*expression, spec, text);
    if (!c.ok) {
        r.passed = !wantSuccess;
        if (!r.passed) r.detail = "compile error where MapLibre compiles: " + c.error;
        return r;
    }
    if (!wantSuccess) {
        r.detail = "compiles (type " + c.type + ") where MapLibre reports a compile error";
        return r;
    }
    const auto flag = [&](const char* key) {
        const json::Value* v = compiled->find(key);
        return v && v->asBool();
    };
    const json::Value* wantType = compiled->find("type");
    std::string mismatch;
    if (wantType && wantType->asString() != c.type)
        mismatch += " type " + c.type + " (MapLibre " + wantType->asString() + ")";
    if (flag("isFeatureConstant") != c.featureConstant)
        mismatch += std::string(" isFeatureConstant ") + (c.featureConstant ? "true" : "false");
    if (flag("isZoomConstant") != c.zoomConstant)
        mismatch += std::string(" isZoomConstant ") + (c.zoomConstant ? "true" : "false");
    const json::Value* outputs = expected->find("outputs");
    if (inputs && outputs) {
        const auto& in = inputs->items();
        const auto& out = outputs->items();
        if (in.size() != out.size()) {
            r.skipReason = "inputs and outputs differ in number";
            return r;
        }
        for (std::size_t i = 0; i < in.size(); ++i) {
            const json::Value& globals = in[i].items().at(0);
            const json::Value& feature = in[i].items().at(1);
            const json::Value* zoom = globals.find("zoom");
            const suite::Outcome o =
                suite::evaluate(c, zoom ? zoom->asNumber() : 0.0, feature.find("properties"));
            const json::Value* wantError = out[i].isObject() ? out[i].find("error") : nullptr;
            bool ok;
            if (wantError)
                ok = o.error || (suite::kNullMeansError && o.value.isNull());
            else
                ok = !o.error && equalOutput(o.value, out[i]);
            if (!ok)
                mismatch += " input " + std::to_string(i) + ": got " +
                            (o.error ? std::string("error") : o.value.toJson()) + ", MapLibre " +
                            json::toText(out[i]) + ";";
        }
    }
    r.passed = mismatch.empty();
    r.detail = mismatch;
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CASES_DIR [--verbose]\n", argv[0]);
        return 2;
    }
    const fs::path root = argv[1];
    const bool verbose = argc > 2 && std::string(argv[2]) == "--verbose";
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file() && e.path().filename() == "test.json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::fprintf(stderr, "no test.json under %s\n", root.c_str());
        return 1;
    }

    struct Counts {
        int total = 0, run = 0, passed = 0, skipped = 0;
    };
    std::map<std::string, Counts> byCategory;
    Counts all;
    std::vector<CaseResult> skipped, failed;
    for (const auto& f : files) {
        CaseResult r = runCase(f, root);
        Counts& c = byCategory[r.category];
        ++c.total;
        ++all.total;
        if (!r.skipReason.empty()) {
            ++c.skipped;
            ++all.skipped;
            skipped.push_back(std::move(r));
            continue;
        }
        ++c.run;
        ++all.run;
        if (r.passed) {
            ++c.passed;
            ++all.passed;
        } else {
            failed.push_back(std::move(r));
        }
    }

    std::printf("%-22s %5s %5s %6s %7s\n", "operator", "cases", "run", "passed", "skipped");
    for (const auto& [name, c] : byCategory)
        std::printf("%-22s %5d %5d %6d %7d\n", name.c_str(), c.total, c.run, c.passed, c.skipped);
    std::printf("%-22s %5d %5d %6d %7d\n", "TOTAL", all.total, all.run, all.passed, all.skipped);
    std::printf("\nskipped: %d cases\n", all.skipped);
    for (const auto& r : skipped)
        std::printf("  skip %s: %s\n", r.name.c_str(), r.skipReason.c_str());
    if (!failed.empty() || verbose) std::printf("\nfailed: %zu cases\n", failed.size());
    for (const auto& r : failed) std::printf("  FAIL %s:%s\n", r.name.c_str(), r.detail.c_str());
    std::printf("\n%d of %d run cases pass (%d skipped, %d cases in all)\n", all.passed, all.run,
                all.skipped, all.total);
    return failed.empty() ? 0 : 1;
}
