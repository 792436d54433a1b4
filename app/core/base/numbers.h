#pragma once
// Numbers as text, the same bytes under every locale: std::to_chars and
// std::from_chars, never printf/strtod/stod (QCoreApplication sets LC_ALL from
// the environment, and a German locale would write 1,5 and read "1.5" as 1).
#include <optional>
#include <string>
#include <string_view>

namespace jinmap {

// Up to `significant` significant digits, like printf's %g (no trailing
// zeros; exponent form for very large or small magnitudes): 1.5, 12000, 1e-07.
std::string formatNumber(double value, int significant = 15);
// Exactly `decimals` digits after the point, like printf's %.Nf: 3.10.
std::string formatFixed(double value, int decimals);

// The whole of `text` as a finite number ("1.5", "-2", "1e3"; no spaces, no
// comma decimal point), else nullopt.
std::optional<double> parseNumber(std::string_view text);
// The whole of `text` as a base-10 integer, else nullopt.
std::optional<long long> parseInteger(std::string_view text);

}  // namespace jinmap
