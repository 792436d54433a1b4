#pragma once
// Values that style expressions compute, and the view of a feature's
// attributes that they read. Kept independent of the data layer so the
// renderer can adapt any feature type; RowFeatureView adapts jinmap::Feature.
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "style/color.h"

namespace jinmap {

class StyleValue;
using StyleArray = std::vector<StyleValue>;

// The result of evaluating an expression. Arrays are shared and immutable so
// copying a value never deep-copies.
class StyleValue {
  public:
    enum class Type { Null, Bool, Number, String, Color, Array };

    StyleValue() = default;
    StyleValue(bool b) : v_(b) {}                           // NOLINT(google-explicit-constructor)
    StyleValue(double d) : v_(d) {}                         // NOLINT(google-explicit-constructor)
    StyleValue(int i) : v_(static_cast<double>(i)) {}       // NOLINT(google-explicit-constructor)
    StyleValue(std::string s) : v_(std::move(s)) {}         // NOLINT(google-explicit-constructor)
    StyleValue(std::string_view s) : v_(std::string(s)) {}  // NOLINT
    StyleValue(const char* s) : v_(std::string(s)) {}       // NOLINT
    StyleValue(Color c) : v_(c) {}                          // NOLINT
    StyleValue(StyleArray a);                               // NOLINT

    Type type() const noexcept { return static_cast<Type>(v_.index()); }
    bool isNull() const noexcept { return v_.index() == 0; }
    bool isBool() const noexcept { return v_.index() == 1; }
    bool isNumber() const noexcept { return v_.index() == 2; }
    bool isString() const noexcept { return v_.index() == 3; }
    bool isColor() const noexcept { return v_.index() == 4; }
    bool isArray() const noexcept { return v_.index() == 5; }

    // Accessors; precondition: the matching is…() is true.
    bool asBool() const { return std::get<bool>(v_); }
    double asNumber() const { return std::get<double>(v_); }
    const std::string& asString() const { return std::get<std::string>(v_); }
    const Color& asColor() const { return std::get<Color>(v_); }
    const StyleArray& asArray() const { return *std::get<std::shared_ptr<const StyleArray>>(v_); }

    // JSON-like text: null, true, 1.5, "text", "#rrggbb", [1, 2].
    std::string toJson() const;
    // The to-string conversion of expressions: strings unquoted, null "".
    std::string toText() const;

    friend bool operator==(const StyleValue& a, const StyleValue& b);
    friend bool operator!=(const StyleValue& a, const StyleValue& b) { return !(a == b); }

  private:
    std::variant<std::monostate, bool, double, std::string, Color,
                 std::shared_ptr<const StyleArray>>
        v_;
};

const char* styleTypeName(StyleValue::Type type) noexcept;

// A feature attribute as the feature holds it, without copying. The string
// view must stay valid while the expression is being evaluated.
using PropertyValue = std::variant<std::monostate, bool, double, std::string_view>;

// What expressions read from a feature. `slot` is the index of `name` in the
// layer's Layer::attributes list (resolved once at parse time); an adapter can
// use either. Implementations are cheap, non-owning views.
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
// so per-feature lookup is an array access.
class ColumnBinding {
  public:
    ColumnBinding() = default;
    ColumnBinding(const std::vector<std::string>& layerAttributes,
                  const std::vector<std::string>& columnNames);
    int column(int slot) const {
        return slot >= 0 && static_cast<std::size_t>(slot) < columns_.size() ? columns_[slot] : -1;
    }

  private:
    std::vector<int> columns_;
};

// Adapts a row of the data layer (std::variant<monostate, bool, double,
// std::string> per column, e.g. jinmap::Feature::properties). Templated on the
// row type only to keep the style module free of the data layer's headers.
template <typename Row>
class RowFeatureView final : public FeatureView {
  public:
    RowFeatureView(const ColumnBinding& binding, const Row& row) : binding_(binding), row_(&row) {}
    void setRow(const Row& row) { row_ = &row; }
    PropertyValue property(int slot, std::string_view) const override {
        const int col = binding_.column(slot);
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

StyleValue toStyleValue(const PropertyValue& v);

}  // namespace jinmap
