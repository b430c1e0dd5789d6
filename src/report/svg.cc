#include "duckweed/report/svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace duckweed::report {

namespace {

// A qualitative palette readable by colour-blind readers (Okabe & Ito 2008).
const char* Colour(size_t k) {
  static const char* kColours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                   "#E69F00", "#56B4E9", "#F0E442", "#000000"};
  return kColours[k % 8];
}

std::string Open(const ChartOptions& o) {
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
      "font-family=\"sans-serif\" font-size=\"11\" role=\"img\">",
      o.width, o.height, o.width, o.height);
  if (!o.title.empty()) {
    s += fmt::format(
        "<title>{}</title><text x=\"{}\" y=\"16\" text-anchor=\"middle\" "
        "font-size=\"13\" font-weight=\"bold\">{}</text>",
        EscapeXml(o.title), o.width / 2, EscapeXml(o.title));
  }
  return s;
}

std::string Legend(const std::vector<Series>& series, double x, double y) {
  std::string s;
  for (size_t k = 0; k < series.size(); ++k) {
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>",
        x, y + 14.0 * k, Colour(k), x + 14, y + 14.0 * k + 9, EscapeXml(series[k].name));
  }
  return s;
}

// The data range, widened to include 0..1 defaults and padded when flat.
std::pair<double, double> Range(const std::vector<std::optional<double>>& values,
                                const ChartOptions& o) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& v : values) {
    if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (o.y_min) lo = *o.y_min;
  if (o.y_max) hi = *o.y_max;
  if (hi <= lo) hi = lo + 1;
  return {lo, hi};
}

std::string Fmt(double v) { return fmt::format("{:.3g}", v); }

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RadarChart(const std::vector<std::string>& axes, const std::vector<Series>& series,
                       const ChartOptions& o) {
  const double cx = o.width * 0.4, cy = o.height * 0.55;
  const double r = std::min(o.width * 0.28, o.height * 0.36);
  const double lo = o.y_min.value_or(0), hi = o.y_max.value_or(1);
  const size_t n = axes.size();
  auto point = [&](size_t k, double v) {
    const double a = -std::numbers::pi / 2 + 2 * std::numbers::pi * k / std::max<size_t>(n, 1);
    const double t = std::clamp((v - lo) / (hi - lo), 0.0, 1.0);
    return std::pair{cx + r * t * std::cos(a), cy + r * t * std::sin(a)};
  };
  std::string s = Open(o);
  for (double ring : {0.25, 0.5, 0.75, 1.0}) {
    std::string pts;
    for (size_t k = 0; k < n; ++k) {
      auto [x, y] = point(k, lo + ring * (hi - lo));
      pts += fmt::format("{:.1f},{:.1f} ", x, y);
    }
    s += fmt::format("<polygon points=\"{}\" fill=\"none\" stroke=\"#ccc\"/>", pts);
  }
  for (size_t k = 0; k < n; ++k) {
    auto [x, y] = point(k, hi);
    bool any_missing = false;
    for (const auto& ser : series) any_missing |= k < ser.values.size() && !ser.values[k];
    s += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ccc\""
        "{}/>",
        cx, cy, x, y, any_missing ? " stroke-dasharray=\"3,3\"" : "");
    auto [lx, ly] = point(k, hi + 0.12 * (hi - lo));
    const char* anchor = lx < cx - 5 ? "end" : lx > cx + 5 ? "start" : "middle";
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\">{}{}</text>", lx, ly + 4,
                     anchor, EscapeXml(axes[k]), any_missing ? " (n/a)" : "");
  }
  for (size_t j = 0; j < series.size(); ++j) {
    // Runs of consecutive available values; a closed polygon when nothing is missing.
    const auto& v = series[j].values;
    const bool complete = std::all_of(v.begin(), v.end(), [](const auto& x) { return x; });
    std::string pts;
    for (size_t k = 0; k < n && k < v.size(); ++k) {
      if (!v[k]) continue;
      auto [x, y] = point(k, *v[k]);
      pts += fmt::format("{:.1f},{:.1f} ", x, y);
      s += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"><title>{}: {}"
          "</title></circle>",
          x, y, Colour(j), EscapeXml(axes[k]), Fmt(*v[k]));
    }
    if (complete && n > 2) {
      s += fmt::format(
          "<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"0.15\" stroke=\"{}\" "
          "stroke-width=\"2\"/>",
          pts, Colour(j), Colour(j));
    }
  }
  s += Legend(series, o.width * 0.78, 40);
  return s + "</svg>";
}

std::string LineChart(const std::vector<std::string>& x_labels, const std::vector<Series>& series,
                      const ChartOptions& o) {
  std::vector<std::optional<double>> all;
  for (const auto& ser : series) all.insert(all.end(), ser.values.begin(), ser.values.end());
  // Plain variables, not a structured binding: the lambdas below capture them (clang before 16,
  // used by the fuzz build, cannot capture bindings).
  const std::pair<double, double> range = Range(all, o);
  const double lo = range.first, hi = range.second;
  const double left = 50, right = o.width - 130, top = 30, bottom = o.height - 30;
  const size_t n = x_labels.size();
  auto px = [&](size_t k) {
    return n < 2 ? (left + right) / 2 : left + (right - left) * k / (n - 1);
  };
  auto py = [&](double v) { return bottom - (bottom - top) * (v - lo) / (hi - lo); };
  std::string s = Open(o);
  for (int t = 0; t <= 4; ++t) {
    const double v = lo + (hi - lo) * t / 4;
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#eee\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>",
        left, py(v), right, py(v), left - 4, py(v) + 4, Fmt(v));
  }
  if (lo < 0 && hi > 0) {
    s += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#888\"/>",
                     left, py(0), right, py(0));
  }
  for (size_t k = 0; k < n; ++k) {
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", px(k),
                     bottom + 16, EscapeXml(x_labels[k]));
  }
  for (size_t j = 0; j < series.size(); ++j) {
    std::string run;
    auto flush = [&] {
      if (!run.empty()) {
        s += fmt::format(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" "
            "stroke-width=\"2\"/>",
            run, Colour(j));
      }
      run.clear();
    };
    for (size_t k = 0; k < n && k < series[j].values.size(); ++k) {
      const auto& v = series[j].values[k];
      if (!v) {
        flush();
        continue;
      }
      run += fmt::format("{:.1f},{:.1f} ", px(k), py(*v));
      s += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"><title>{} {}: {}"
          "</title></circle>",
          px(k), py(*v), Colour(j), EscapeXml(series[j].name), EscapeXml(x_labels[k]), Fmt(*v));
    }
    flush();
  }
  s += Legend(series, right + 12, top);
  return s + "</svg>";
}

std::string BarChart(const std::vector<Bar>& bars, const ChartOptions& o) {
  std::vector<std::optional<double>> all;
  for (const auto& b : bars) all.insert(all.end(), {b.value, b.low, b.high});
  const std::pair<double, double> range = Range(all, o);  // captured below: no binding
  double lo = range.first;
  const double hi = range.second;
  if (!o.y_min) lo = std::min(lo, 0.0);
  const double left = 50, right = o.width - 10, top = 30, bottom = o.height - 50;
  auto py = [&](double v) { return bottom - (bottom - top) * (v - lo) / (hi - lo); };
  const double slot = (right - left) / std::max<size_t>(bars.size(), 1);
  std::string s = Open(o);
  for (int t = 0; t <= 4; ++t) {
    const double v = lo + (hi - lo) * t / 4;
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#eee\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>",
        left, py(v), right, py(v), left - 4, py(v) + 4, Fmt(v));
  }
  const double base = py(std::clamp(0.0, lo, hi));
  for (size_t k = 0; k < bars.size(); ++k) {
    const Bar& b = bars[k];
    const double x = left + slot * k + slot * 0.15, w = slot * 0.7;
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x + w / 2,
                     bottom + 14, EscapeXml(b.label));
    if (!b.value) {
      s += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#888\">n/a"
          "</text>",
          x + w / 2, base - 4);
      continue;
    }
    const double y = py(*b.value);
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "fill=\"{}\"><title>{}: {}</title></rect>",
        x, std::min(y, base), w, std::abs(base - y), Colour(0), EscapeXml(b.label), Fmt(*b.value));
    if (b.low && b.high) {
      s += fmt::format(
          "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
          "stroke=\"#333\"/>",
          x + w / 2, py(*b.low), py(*b.high));
    }
  }
  return s + "</svg>";
}

}  // namespace duckweed::report
