#pragma once
// Values that style expressions compute, and the view of a feature's
// attributes that they read. Kept independent of the data layer so the
// renderer can adapt any feature type; RowFeatureView adapts jinmap::Feature.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "style/color.h"

namespace jinmap {

class StyleValue;
using StyleArray = std::vector<StyleValue>;
// Object members in the order they were written (as JavaScript keeps them).
using StyleObject = std::vector<std::pair<std::string, StyleValue>>;

// An evaluation error (MapLibre's RuntimeError): a property falls back to its
// default, a filter reads false. The message is a static string, so raising
// an error never allocates.
struct EvalError {
    const char* message = "evaluation error";
    friend bool operator==(const EvalError&, const EvalError&) { return true; }
};

// The result of evaluating an expression. Arrays and objects are shared and
// immutable so copying a value never deep-copies.
class StyleValue {
  public:
    enum class Type { Null, Bool, Number, String, Color, Array, Object, Error };

    StyleValue() = default;
    StyleValue(bool b) : v_(b) {}                           // NOLINT(google-explicit-constructor)
    StyleValue(double d) : v_(d) {}                         // NOLINT(google-explicit-constructor)
    StyleValue(int i) : v_(static_cast<double>(i)) {}       // NOLINT(google-explicit-constructor)
    StyleValue(std::string s) : v_(std::move(s)) {}         // NOLINT(google-explicit-constructor)
    StyleValue(std::string_view s) : v_(std::string(s)) {}  // NOLINT
    StyleValue(const char* s) : v_(std::string(s)) {}       // NOLINT
    StyleValue(Color c) : v_(c) {}                          // NOLINT
    StyleValue(StyleArray a);                               // NOLINT
    StyleValue(StyleObject o);                              // NOLINT
    StyleValue(EvalError e) : v_(e) {}                      // NOLINT

    static StyleValue error(const char* message) { return StyleValue(EvalError{message}); }

    Type type() const noexcept { return static_cast<Type>(v_.index()); }
    bool isNull() const noexcept { return v_.index() == 0; }
    bool isBool() const noexcept { return v_.index() == 1; }
    bool isNumber() const noexcept { return v_.index() == 2; }
    bool isString() const noexcept { return v_.index() == 3; }
    bool isColor() const noexcept { return v_.index() == 4; }
    bool isArray() const noexcept { return v_.index() == 5; }
    bool isObject() const noexcept { return v_.index() == 6; }
    bool isError() const noexcept { return v_.index() == 7; }

    // Accessors; precondition: the matching is…() is true.
    bool asBool() const { return std::get<bool>(v_); }
    double asNumber() const { return std::get<double>(v_); }
    const std::string& asString() const { return std::get<std::string>(v_); }
    const Color& asColor() const { return std::get<Color>(v_); }
    const StyleArray& asArray() const { return *std::get<std::shared_ptr<const StyleArray>>(v_); }
    const StyleObject& asObject() const {
        return *std::get<std::shared_ptr<const StyleObject>>(v_);
    }
    const char* errorMessage() const { return std::get<EvalError>(v_).message; }
    // A member of an object, or null when absent.
    const StyleValue* member(std::string_view key) const;
    // True when both are the same shared array or object (JavaScript's ===).
    bool sameReference(const StyleValue& other) const;

    // JSON-like text for messages and dumps: null, true, 1.5, "text",
    // "#rrggbb", [1, 2], {"a": 1}.
    std::string toJson() const;
    // The to-string conversion of expressions (MapLibre's valueToString):
    // strings unquoted, null "", numbers as JavaScript prints them, colours
    // "rgba(r,g,b,a)", arrays and objects as JSON.stringify writes them.
    std::string toText() const;

    // Deep equality (tests, legend keys); expressions use JavaScript's rules.
    friend bool operator==(const StyleValue& a, const StyleValue& b);
    friend bool operator!=(const StyleValue& a, const StyleValue& b) { return !(a == b); }

  private:
    std::variant<std::monostate, bool, double, std::string, Color,
                 std::shared_ptr<const StyleArray>, std::shared_ptr<const StyleObject>, EvalError>
        v_;
};

const char* styleTypeName(StyleValue::Type type) noexcept;

// Number → text exactly as JavaScript's Number.prototype.toString() writes
// it ("1", "0.1", "1e+21", "1.5e-7", "NaN", "Infinity").
std::string jsNumberToString(double v);
// JavaScript's Number(string): whitespace-trimmed decimal, 0x/0o/0b
// integers, "Infinity"; "" is 0; anything else NaN.
double jsStringToNumber(std::string_view s);
// Compares UTF-8 strings by UTF-16 code units, as JavaScript's < does.
int compareUtf16(std::string_view a, std::string_view b) noexcept;

// A feature attribute as the feature holds it, without copying. The string
// view must stay valid while the expression is being evaluated.
// monostate: the attribute is absent. `const StyleValue*` carries values a
// row cannot hold inline (arrays, objects, or a null that is present).
using PropertyValue =
    std::variant<std::monostate, bool, double, std::string_view, const StyleValue*>;

// What expressions read from a feature. `slot` is the index of `name` in the
// layer's Layer::attributes list (resolved once at parse time; -1 when the
// name is computed at run time); an adapter can use either.
// Implementations are cheap, non-owning views.
class FeatureView {
  public:
    virtual ~FeatureView() = default;
    virtual PropertyValue property(int slot, std::string_view name) const = 0;
};

// A feature without attributes (legend swatches, zoom-only evaluation).
class EmptyFeatureView final : public FeatureView {
  public:
    PropertyValue property(int, std::string_view) const override { return {}; }
};

// Maps a layer's attribute slots to a source's column indexes once per layer,
// so per-feature lookup is an array access. Names computed at run time
// (["get", ["concat", …]]) are looked up among the column names.
class ColumnBinding {
  public:
    ColumnBinding() = default;
    ColumnBinding(const std::vector<std::string>& layerAttributes,
                  const std::vector<std::string>& columnNames);
    int column(int slot) const {
        return slot >= 0 && static_cast<std::size_t>(slot) < columns_.size() ? columns_[slot] : -1;
    }
    int column(int slot, std::string_view name) const {
        return slot >= 0 ? column(slot) : columnByName(name);
    }

  private:
    int columnByName(std::string_view name) const;
    std::vector<int> columns_;
    std::vector<std::string> names_;
};

// Adapts a row of the data layer (std::variant<monostate, bool, double,
// std::string> per column, e.g. jinmap::Feature::properties). Templated on the
// row type only to keep the style module free of the data layer's headers.
// A SQL NULL reads as an absent attribute (["has"] is false), as in vector
// tiles, which cannot encode null.
template <typename Row>
class RowFeatureView final : public FeatureView {
  public:
    RowFeatureView(const ColumnBinding& binding, const Row& row) : binding_(binding), row_(&row) {}
    void setRow(const Row& row) { row_ = &row; }
    PropertyValue property(int slot, std::string_view name) const override {
        const int col = binding_.column(slot, name);
        if (col < 0 || static_cast<std::size_t>(col) >= row_->size()) return {};
        const auto& v = (*row_)[static_cast<std::size_t>(col)];
        switch (v.index()) {
            case 1:
                return std::get<1>(v);
            case 2:
                return std::get<2>(v);
            case 3:
                return std::string_view(std::get<3>(v));
            default:
                return {};
        }
    }

  private:
    const ColumnBinding& binding_;
    const Row* row_;
};

// An absent attribute reads as null.
StyleValue toStyleValue(const PropertyValue& v);

}  // namespace jinmap
