// The one spelling of numbers that are not finite, in every text, CSV and table output.
//
// The project's rule for NaN and infinity:
//   - Inputs: a non-finite number in any input file or option is refused at its location (exit 1).
//   - Inputs that make a result undefined by construction (a zero smoothing time, 0/0 in a stock's
//     initial value, a negative delay) are refused before running, naming the equation or field.
//   - Results that still come out non-finite are printed as `NaN`, `Inf` or `-Inf` (never the C
//     library's `nan`/`-nan`/`inf`), written as `null` in JSON, and the command says on stderr
//     which value first became non-finite and where; the exit code stays 0.
#ifndef DUCKWEED_CORE_NUMBER_H_
#define DUCKWEED_CORE_NUMBER_H_

#include <string>

namespace duckweed::core {

// "NaN", "Inf" or "-Inf" for a non-finite value; an empty string for a finite one.
std::string NonFiniteSpelling(double value);

// The value in fmt's shortest round-trip form ("{}"), or its NonFiniteSpelling when not finite.
std::string FormatNumber(double value);

// As FormatNumber, with a fixed number of decimals ("{:.Nf}").
std::string FormatFixed(double value, int decimals);

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_NUMBER_H_
