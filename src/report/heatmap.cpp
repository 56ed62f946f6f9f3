// The informant × theme matrix as an inline SVG heat map (step 2's overview: who said how
// much about what). Cells are shaded by count on one sequential blue scale, so the reading
// does not depend on telling hues apart; every cell also prints its number. Coordinates are
// integers so the output is byte-identical everywhere.

#include "ipcode/text/text.hpp"
#include "report_common.hpp"

#include <algorithm>

namespace ipcode::report::detail {
namespace {

constexpr int kCellW = 64;
constexpr int kCellH = 30;
constexpr int kCharW = 7;      // average glyph width at 12px sans-serif, generous
constexpr int kMaxLabel = 36;  // column labels are cut here (the full label is a <title>)
constexpr int kPad = 8;

struct Rgb {
  int r, g, b;
};

// From near white (few units) to dark blue (most units).
Rgb shade(int count, int max) {
  if (count <= 0 || max <= 0) return {255, 255, 255};
  const Rgb lo{222, 235, 247};
  const Rgb hi{8, 48, 107};
  const auto mix = [&](int a, int b) { return a + (b - a) * count / max; };
  return {mix(lo.r, hi.r), mix(lo.g, hi.g), mix(lo.b, hi.b)};
}

std::string hex(Rgb c) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "#";
  for (const int v : {c.r, c.g, c.b}) {
    out += kDigits[(v >> 4) & 15];
    out += kDigits[v & 15];
  }
  return out;
}

bool dark(Rgb c) { return c.r * 299 + c.g * 587 + c.b * 114 < 128000; }

std::string cut(const std::string& label) {
  if (text::length(label) <= static_cast<std::size_t>(kMaxLabel)) return label;
  // Cut at a code point boundary.
  std::size_t bytes = 0;
  for (int n = 0; n < kMaxLabel - 1 && bytes < label.size(); ++n) {
    bytes += text::decode_at(label, bytes).size;
  }
  return label.substr(0, bytes) + "\u2026";
}

int width_of(const std::string& s) { return static_cast<int>(text::length(s)) * kCharW; }

std::string num(int v) { return std::to_string(v); }

std::string text_el(int x, int y, const std::string& anchor, const std::string& body,
                    const std::string& extra = {}) {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\"" + extra +
         ">" + body + "</text>\n";
}

// The legend's steps: every count up to 5, else five steps of the scale.
std::vector<int> legend_steps(int max) {
  std::vector<int> steps;
  if (max <= 5) {
    for (int v = 0; v <= max; ++v) steps.push_back(v);
  } else {
    for (int i = 0; i <= 4; ++i) steps.push_back((max * i + 2) / 4);
  }
  return steps;
}

constexpr int kStepW = 30;    // a legend box
constexpr int kStepGap = 4;   // between legend boxes
constexpr int kLegendH = 34;  // boxes and the numbers under them
constexpr int kAscent = 10;   // of 12px text above its baseline, generous

// Where the legend's boxes start, right of its words.
int legend_boxes_x(const Heatmap& h, int x0) { return x0 + width_of(h.legend) + 2 * kPad; }

int legend_width(const Heatmap& h, int max) {
  const int steps = static_cast<int>(legend_steps(max).size());
  return legend_boxes_x(h, 0) + steps * (kStepW + kStepGap) - kStepGap;
}

// The legend: a few steps of the scale with their counts.
std::string legend(const Heatmap& h, int max, int x0, int y0) {
  const std::vector<int> steps = legend_steps(max);
  std::string out = text_el(x0, y0 + 12, "start", html_escape(h.legend));
  const int bx = legend_boxes_x(h, x0);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const int x = bx + static_cast<int>(i) * (kStepW + kStepGap);
    out += "<rect x=\"" + num(x) + "\" y=\"" + num(y0) + "\" width=\"" + num(kStepW) +
           "\" height=\"16\" fill=\"" + hex(shade(steps[i], max)) + "\" stroke=\"#999\"/>\n";
    out += text_el(x + kStepW / 2, y0 + 30, "middle", num(steps[i]));
  }
  return out;
}

}  // namespace

std::string heatmap_svg(const Heatmap& h) {
  int max = 0;
  for (const auto& row : h.counts) {
    for (const int n : row) max = std::max(max, n);
  }
  // The corner is bold: a tenth wider.
  int label_w = width_of(h.corner) * 11 / 10;
  for (const std::string& r : h.rows) label_w = std::max(label_w, width_of(r));
  int column_label_w = 0;
  for (const std::string& c : h.columns)
    column_label_w = std::max(column_label_w, width_of(cut(c)));
  const int cols = static_cast<int>(h.columns.size());
  const int rows = static_cast<int>(h.rows.size());
  // Column labels are rotated 45° up and to the right from the middle of their column: a
  // label of length w reaches 0.71·w up and to the right, plus its glyphs' height.
  const int rise = column_label_w * 71 / 100 + kAscent;
  const int x0 = label_w + 2 * kPad;
  const int y0 = rise + 2 * kPad;
  // The SVG is as large as what it draws (SPEC §10: nothing cut off): the widest of the
  // grid, the last column's label and the legend, and tall enough for the legend.
  int right = x0 + cols * kCellW;
  if (cols > 0) right = std::max(right, x0 + (cols - 1) * kCellW + kCellW / 2 + rise);
  right = std::max(right, kPad + legend_width(h, max));
  const int width = right + kPad;
  const int legend_y = y0 + rows * kCellH + 16;
  const int height = legend_y + kLegendH + kPad;

  std::string out = "<svg width=\"" + num(width) + "\" height=\"" + num(height) +
                    "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                    "\" role=\"img\" aria-label=\"" + html_escape(h.caption) +
                    "\" font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"#1d1d1d\">\n";
  out += "<title>" + html_escape(h.caption) + "</title>\n";
  out += text_el(kPad, y0 - kPad, "start", html_escape(h.corner), " font-weight=\"bold\"");
  for (int c = 0; c < cols; ++c) {
    const int x = x0 + c * kCellW + kCellW / 2;
    const int y = y0 - kPad;
    const std::string& label = h.columns[static_cast<std::size_t>(c)];
    out += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" transform=\"rotate(-45 " + num(x) +
           " " + num(y) + ")\"><title>" + html_escape(label) + "</title>" +
           html_escape(cut(label)) + "</text>\n";
  }
  for (int r = 0; r < rows; ++r) {
    const int y = y0 + r * kCellH;
    out += text_el(kPad, y + kCellH / 2 + 4, "start",
                   html_escape(h.rows[static_cast<std::size_t>(r)]));
    for (int c = 0; c < cols; ++c) {
      const auto& row = h.counts[static_cast<std::size_t>(r)];
      const int n = static_cast<std::size_t>(c) < row.size() ? row[static_cast<std::size_t>(c)] : 0;
      const Rgb fill = shade(n, max);
      const int x = x0 + c * kCellW;
      out += "<rect class=\"cell\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" +
             num(kCellW) + "\" height=\"" + num(kCellH) + "\" fill=\"" + hex(fill) +
             "\" stroke=\"#999\"/>\n";
      out += text_el(x + kCellW / 2, y + kCellH / 2 + 4, "middle", num(n),
                     dark(fill) ? " fill=\"#ffffff\"" : "");
    }
  }
  out += legend(h, max, kPad, legend_y);
  return out + "</svg>\n";
}

}  // namespace ipcode::report::detail
