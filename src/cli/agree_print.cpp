#include "cli/agree_print.hpp"

#include "cli/table.hpp"
#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/report/report.hpp"
#include "ipcode/text/text.hpp"

#include <cstdio>
#include <optional>
#include <sstream>

namespace ipcode::cli {
namespace {

constexpr std::size_t kExcerptWidth = 60;  // columns of a sentence in the disagreement table
const char* const kUndefined = "\u2013";   // an en dash where a statistic is undefined

std::string fixed(double value, int places) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", places, value);
  std::string s = buf;
  if (s.starts_with("-") && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

bool comma_language() { return i18n::language() == "nb" || i18n::language() == "nn"; }

std::string stat(const std::optional<double>& v) { return v ? decimal(*v, 2) : kUndefined; }

// In a sentence an undefined value is said in words, not as a dash.
std::string in_words(const std::optional<double>& v) {
  return v ? decimal(*v, 2) : tr("undefined");
}

std::string percent(const std::optional<double>& v) {
  if (!v) return kUndefined;
  // Norwegian writes a space before the per cent sign (a no-break space keeps them together).
  return decimal(*v * 100.0, 1) + (comma_language() ? "\u00a0%" : "%");
}

std::string csv_number(const std::optional<double>& v) { return v ? fixed(*v, 4) : ""; }

std::string level_phrase(codebook::Level level) {
  switch (level) {
    case codebook::Level::theme:
      return tr("compared at the theme level");
    case codebook::Level::group:
      return tr("compared at the group level");
    case codebook::Level::subgroup:
      break;
  }
  return tr("compared at the subgroup level");
}

std::string units_phrase(const AgreeReport& r) {
  const long n = static_cast<long>(r.result.units);
  return r.unit == agree::UnitKind::character ? format(trn("{1} character of informant speech",
                                                           "{1} characters of informant speech", n),
                                                       {std::to_string(n)})
                                              : format(trn("{1} sentence of informant speech",
                                                           "{1} sentences of informant speech", n),
                                                       {std::to_string(n)});
}

// The sentence as one line (white space collapsed).
std::string one_line(const agree::Disagreement& d) {
  const std::string_view s = std::string_view(d.transcript->text)
                                 .substr(d.sentence.begin, d.sentence.end - d.sentence.begin);
  std::string one;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto cp = text::decode_at(s, i);
    i += cp.size;
    if (text::is_space(cp.value)) {
      space = true;
      continue;
    }
    if (space && !one.empty()) one += ' ';
    space = false;
    text::append_utf8(one, cp.value);
  }
  return one;
}

// The sentence as one line, cut to the excerpt width.
std::string excerpt(const agree::Disagreement& d) {
  const std::string one = one_line(d);
  if (text::display_width(one) <= kExcerptWidth) return one;
  std::string cut;
  std::size_t width = 0;
  for (std::size_t i = 0; i < one.size();) {
    const auto cp = text::decode_at(one, i);
    width += static_cast<std::size_t>(text::column_width(cp.value));
    if (width >= kExcerptWidth) break;
    cut.append(one, i, cp.size);
    i += cp.size;
  }
  return cut + "\u2026";
}

// Columns left-aligned by display width, two spaces apart.
void print_left(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], text::display_width(row[c]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - text::display_width(row[c]) + 2, ' ');
    }
    out << line << '\n';
  }
}

std::string codes_cell(const std::vector<std::string>& ids) {
  return ids.empty() ? kUndefined : join(ids, ", ");
}

std::string agreement_summary(const AgreeReport& r) {
  const auto& res = r.result;
  const long transcripts = static_cast<long>(r.transcripts.size());
  const long codes = static_cast<long>(res.codes.size());
  std::string s =
      format(trn("Two coders ({1} and {2}) coded the same transcript.",
                 "Two coders ({1} and {2}) coded the same {3} transcripts.", transcripts),
             {r.names[0], r.names[1], std::to_string(transcripts)});
  if (res.codes.empty()) {
    return s + " " +
           tr("Neither of them coded any informant speech there, so there is no "
              "agreement to report.");
  }
  s += " " + format(trn("Over {1} and {2} code, {3}, percent agreement was {4}, Cohen's kappa "
                        "{5} and Krippendorff's alpha (nominal) {6}, pooled over the codes.",
                        "Over {1} and {2} codes, {3}, percent agreement was {4}, Cohen's kappa "
                        "{5} and Krippendorff's alpha (nominal) {6}, pooled over the codes.",
                        codes),
                    {units_phrase(r), std::to_string(codes), level_phrase(r.level),
                     percent(agree::percent_agreement(res.pooled)),
                     in_words(agree::cohen_kappa(res.pooled)),
                     in_words(agree::krippendorff_alpha(res.pooled))});
  const double share =
      res.sentences == 0 ? 0.0
                         : static_cast<double>(res.identical) / static_cast<double>(res.sentences);
  s += " " + format(trn("{1} of {2} sentence ({3}) got exactly the same codes from both.",
                        "{1} of {2} sentences ({3}) got exactly the same codes from both.",
                        static_cast<long>(res.sentences)),
                    {std::to_string(res.identical), std::to_string(res.sentences), percent(share)});
  return s;
}

}  // namespace

std::string decimal(double value, int places) {
  std::string s = fixed(value, places);
  if (comma_language()) {
    for (char& c : s) {
      if (c == '.') c = ',';
    }
  }
  return s;
}

std::string agree_text(const AgreeReport& r) {
  const auto& res = r.result;
  std::ostringstream out;
  out << format(tr("Agreement between {1} and {2} over {3} ({4}): {5}, codes {6}."),
                {r.names[0], r.names[1],
                 format(trn("{1} transcript", "{1} transcripts",
                            static_cast<long>(r.transcripts.size())),
                        {std::to_string(r.transcripts.size())}),
                 join(r.transcripts, ", "), units_phrase(r), level_phrase(r.level)})
      << '\n';
  if (!r.one_sided.empty()) {
    out << format(tr("Not compared, coded by one side only: {1}."), {join(r.one_sided, ", ")})
        << '\n';
  }
  out << '\n';
  if (!res.codes.empty()) {
    Table table;
    table.add(
        {tr("code"), r.unit == agree::UnitKind::character ? tr("characters") : tr("sentences"),
         tr("both"), format(tr("only {1}"), {r.names[0]}), format(tr("only {1}"), {r.names[1]}),
         tr("neither"), tr("agreement"), tr("kappa"), tr("alpha")});
    bool undefined = false;
    const auto row = [&](const std::string& name, const agree::Counts& c) {
      const auto kappa = agree::cohen_kappa(c);
      const auto alpha = agree::krippendorff_alpha(c);
      undefined = undefined || !kappa || !alpha;
      table.add({name, std::to_string(c.n()), std::to_string(c.both), std::to_string(c.only_a),
                 std::to_string(c.only_b), std::to_string(c.neither),
                 percent(agree::percent_agreement(c)), stat(kappa), stat(alpha)});
    };
    for (const auto& c : res.codes) row(c.id, c.counts);
    row(tr("overall (pooled)"), res.pooled);
    table.print(out, 0);
    out << '\n';
    if (undefined) {
      out << format(tr("{1}: undefined, because both coders gave the code to every unit: there "
                       "is no variation left to correct for chance."),
                    {kUndefined})
          << "\n\n";
    }
  }
  out << tr("Summary:") << ' ' << agreement_summary(r) << "\n\n";
  if (res.disagreements.empty()) {
    out << tr("No disagreements: both coders gave every sentence the same codes.") << '\n';
    return out.str();
  }
  out << format(trn("Disagreements ({1} of {2} sentence):", "Disagreements ({1} of {2} sentences):",
                    static_cast<long>(res.sentences)),
                {std::to_string(res.disagreements.size()), std::to_string(res.sentences)})
      << '\n';
  std::vector<std::vector<std::string>> rows;
  rows.push_back({tr("transcript"), tr("reference"), r.names[0], r.names[1], tr("sentence")});
  for (const auto& d : res.disagreements) {
    const auto& s = d.sentence;
    const std::string ref =
        s.speaker + " " +
        format(i18n::tr_in(r.report_language, "p.{1} l.{2}"),
               {range_text(s.page_start, s.page_end), range_text(s.line_start, s.line_end)});
    rows.push_back(
        {d.transcript->id, ref, codes_cell(d.codes_a), codes_cell(d.codes_b), excerpt(d)});
  }
  print_left(rows, out);
  return out.str();
}

std::string agree_csv(const AgreeReport& r) {
  std::string out = report::csv_row({"code", "label", "units", "both", "only_a", "only_b",
                                     "neither", "agreement", "kappa", "alpha"});
  const auto row = [&](const std::string& id, const std::string& label, const agree::Counts& c) {
    out += report::csv_row({id, label, std::to_string(c.n()), std::to_string(c.both),
                            std::to_string(c.only_a), std::to_string(c.only_b),
                            std::to_string(c.neither), csv_number(agree::percent_agreement(c)),
                            csv_number(agree::cohen_kappa(c)),
                            csv_number(agree::krippendorff_alpha(c))});
  };
  for (const auto& c : r.result.codes) row(c.id, c.label, c.counts);
  row("(pooled)", "", r.result.pooled);
  return out;
}

std::string agree_disagreements_csv(const AgreeReport& r) {
  std::string out = report::csv_row({"transcript", "speaker", "page", "line_start", "line_end",
                                     "codes_a", "codes_b", "sentence"});
  for (const auto& d : r.result.disagreements) {
    const auto& s = d.sentence;
    out += report::csv_row({d.transcript->id, s.speaker, std::to_string(s.page_start),
                            std::to_string(s.line_start), std::to_string(s.line_end),
                            join(d.codes_a, ";"), join(d.codes_b, ";"), one_line(d)});
  }
  return out;
}

}  // namespace ipcode::cli
