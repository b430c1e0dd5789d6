// Inline SVG charts for offline reports: radar, line and bar charts. Each function returns a
// self-contained <svg> element (no scripts, no external resources) that is also well-formed XML.
// Missing values are drawn as gaps and labelled "n/a", never as zero.
//
// Thread safety: pure functions. Complexity: linear in the number of points.
#ifndef DUCKWEED_REPORT_SVG_H_
#define DUCKWEED_REPORT_SVG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duckweed::report {

struct Series {
  std::string name;
  std::vector<std::optional<double>> values;  // aligned with the chart's axes or x labels
};

struct ChartOptions {
  std::string title;
  int width = 560, height = 320;
  std::optional<double> y_min, y_max;  // default: from the data (radar: 0..1)
};

// Escapes &, <, >, " and ' for XML text and attributes.
std::string EscapeXml(std::string_view text);

// One polygon per series over the axes (values scaled from y_min..y_max to centre..rim).
std::string RadarChart(const std::vector<std::string>& axes, const std::vector<Series>& series,
                       const ChartOptions& options);
// One polyline per series over x labels; a missing value breaks the line.
std::string LineChart(const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                      const ChartOptions& options);

struct Bar {
  std::string label;
  std::optional<double> value;
  std::optional<double> low, high;  // an error bar (e.g. a 95% interval)
};
// Vertical bars with optional error bars; a zero line when the range spans 0.
std::string BarChart(const std::vector<Bar>& bars, const ChartOptions& options);

}  // namespace duckweed::report

#endif  // DUCKWEED_REPORT_SVG_H_
