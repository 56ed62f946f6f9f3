// The heat map in report.html (SPEC §10) is sized from what it draws: every rect, text and
// line lies inside the SVG's view box, whatever the number of themes and however long the
// labels. Text boxes are estimated the way a browser would lay them out at 12px sans-serif:
// 7px per character (bold a tenth more), 10px above the baseline and 4px below; rotated
// labels are turned about their anchor.

#include "../support/codebook_builder.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/report/report.hpp"
#include "ipcode/text/text.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <cmath>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace report = ipcode::report;
namespace loader = ipcode::loader;
namespace condense = ipcode::condense;
namespace cb = ipcode::codebook;

namespace {

struct Box {
  double left, top, right, bottom;
};

// The value of the first ` name="..."` in an element (after white space, up to the closing
// quote) for which `fits` holds. Scanned by hand: a std::regex built per attribute made this
// test take minutes under the sanitizers.
template <class Fits>
std::optional<std::string> attr_value(const std::string& element, const std::string& name,
                                      Fits fits) {
  const std::string key = name + "=\"";
  for (auto p = element.find(key); p != std::string::npos; p = element.find(key, p + 1)) {
    if (p == 0 || std::isspace(static_cast<unsigned char>(element[p - 1])) == 0) continue;
    const auto begin = p + key.size();
    const auto end = element.find('"', begin);
    if (end == std::string::npos) break;
    const std::string value = element.substr(begin, end - begin);
    if (fits(value)) return value;
  }
  return std::nullopt;
}

double attr(const std::string& element, const std::string& name, double fallback = 0) {
  const auto number = [](const std::string& v) {
    return !v.empty() && v.find_first_not_of("-0123456789.") == std::string::npos;
  };
  const auto value = attr_value(element, name, number);
  return value ? std::stod(*value) : fallback;
}

std::string attr_text(const std::string& element, const std::string& name) {
  return attr_value(element, name, [](const std::string&) { return true; }).value_or("");
}

// The text a <text> element shows: its body without a <title> child, entities counted as one
// character.
std::string shown_text(std::string body) {
  static const std::regex title("<title>[^<]*</title>");
  static const std::regex entity("&[a-z#0-9]+;");
  body = std::regex_replace(body, title, "");
  return std::regex_replace(body, entity, "x");
}

Box text_box(const std::string& element, const std::string& body) {
  const double x = attr(element, "x");
  const double y = attr(element, "y");
  double w = static_cast<double>(ipcode::text::length(shown_text(body))) * 7;
  if (element.find("font-weight=\"bold\"") != std::string::npos) w *= 1.1;
  const std::string anchor = attr_text(element, "text-anchor");
  double left = x;
  if (anchor == "middle") left = x - w / 2;
  if (anchor == "end") left = x - w;
  Box b{left, y - 10, left + w, y + 4};
  const std::string transform = attr_text(element, "transform");
  std::smatch m;
  static const std::regex rotate("rotate\\(([-0-9.]+) ([-0-9.]+) ([-0-9.]+)\\)");
  if (std::regex_search(transform, m, rotate)) {
    const double angle = std::stod(m[1].str()) * M_PI / 180;
    const double cx = std::stod(m[2].str());
    const double cy = std::stod(m[3].str());
    Box r{1e9, 1e9, -1e9, -1e9};
    for (const double px : {b.left, b.right}) {
      for (const double py : {b.top, b.bottom}) {
        const double rx = cx + (px - cx) * std::cos(angle) - (py - cy) * std::sin(angle);
        const double ry = cy + (px - cx) * std::sin(angle) + (py - cy) * std::cos(angle);
        r = {std::min(r.left, rx), std::min(r.top, ry), std::max(r.right, rx),
             std::max(r.bottom, ry)};
      }
    }
    b = r;
  }
  return b;
}

struct Svg {
  double width = 0, height = 0;
  std::vector<std::pair<std::string, Box>> drawn;  // element name and box
};

Svg parse_svg(const std::string& html) {
  const auto from = html.find("<svg");
  const auto to = html.find("</svg>");
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  const std::string svg = html.substr(from, to - from);
  Svg out;
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"")));
  out.width = std::stod(m[1].str());
  out.height = std::stod(m[2].str());
  const std::regex rect("<rect[^>]*>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator();
       ++it) {
    const std::string e = it->str();
    const double x = attr(e, "x");
    const double y = attr(e, "y");
    out.drawn.push_back({"rect", {x, y, x + attr(e, "width"), y + attr(e, "height")}});
  }
  const std::regex line("<line[^>]*>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), line); it != std::sregex_iterator();
       ++it) {
    const std::string e = it->str();
    const double x1 = attr(e, "x1"), x2 = attr(e, "x2"), y1 = attr(e, "y1"), y2 = attr(e, "y2");
    out.drawn.push_back(
        {"line", {std::min(x1, x2), std::min(y1, y2), std::max(x1, x2), std::max(y1, y2)}});
  }
  const std::regex text("(<text[^>]*>)(.*?)</text>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text); it != std::sregex_iterator();
       ++it) {
    const std::string element = (*it)[1].str();
    const std::string body = (*it)[2].str();
    out.drawn.push_back({"text " + shown_text(body), text_box(element, body)});
  }
  return out;
}

// A study of one round with `themes` themes (long Norwegian labels) and `informants` rows.
struct HeatStudy {
  loader::Study study;
  condense::RoundAnalysis a;

  HeatStudy(int themes, const std::string& lang, const std::string& label, int max_count) {
    ipcode::i18n::set_catalog_dir(IPCODE_CATALOG_DIR);
    study.manifest.language = lang;
    study.manifest.title = "Varme";
    loader::RoundData r;
    r.spec.id = "r1";
    for (int t = 0; t < themes; ++t) {
      ipcode::test::add_node(r.codebook, "t" + std::to_string(t),
                             label + " " + std::to_string(t + 1), cb::Level::theme, -1, {});
    }
    r.informants = {"B1", "Bjørnar-informant-med-langt-navn", "Æsa"};
    study.rounds.push_back(std::move(r));
    a.round = &study.rounds[0];
    a.informants = study.rounds[0].informants;
    a.nodes.resize(static_cast<std::size_t>(themes));
    // One cell holds max_count units, so the legend has that many steps (up to six).
    a.cells.assign(a.informants.size(),
                   std::vector<std::vector<int>>(static_cast<std::size_t>(themes)));
    a.cells[0][0] = std::vector<int>(static_cast<std::size_t>(max_count), 0);
  }

  std::string html(report::Stage stage) const {
    report::Options o;
    o.stage = stage;
    return report::report_html(study, study.rounds[0], a, o);
  }
};

}  // namespace

TEST_CASE("every element of the heat map lies inside its view box", "[report][heatmap]") {
  const std::vector<std::string> labels = {
      "Æ", "Inngåelse av individuell plan",
      "Økonomisk trygghet og forståelse av rettigheter på tvers av sårbare overganger"};
  for (const int themes : {1, 2, 6, 20}) {
    for (const std::string lang : {"nb", "nn", "en"}) {
      for (const std::string& label : labels) {
        for (const int max_count : {1, 5, 12}) {
          const HeatStudy s(themes, lang, label, max_count);
          for (const auto stage : {report::Stage::working, report::Stage::final}) {
            const Svg svg = parse_svg(s.html(stage));
            INFO(themes << " themes, " << lang << ", label \"" << label << "\", max " << max_count);
            CHECK(svg.drawn.size() > static_cast<std::size_t>(3 * themes));
            for (const auto& [what, box] : svg.drawn) {
              INFO(what << ": " << box.left << "," << box.top << " – " << box.right << ","
                        << box.bottom << " in 0,0 – " << svg.width << "," << svg.height);
              CHECK(box.left >= 0);
              CHECK(box.top >= 0);
              CHECK(box.right <= svg.width);
              CHECK(box.bottom <= svg.height);
            }
          }
        }
      }
    }
  }
}

TEST_CASE("the heat map is no wider than it needs to be", "[report][heatmap]") {
  // One short theme: the SVG follows the legend, not a fixed minimum.
  const Svg one = parse_svg(HeatStudy(1, "nb", "Æ", 1).html(report::Stage::final));
  double right = 0;
  for (const auto& [what, box] : one.drawn) right = std::max(right, box.right);
  CHECK(one.width <= right + 20);
}
