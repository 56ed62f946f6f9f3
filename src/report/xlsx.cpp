// matrices.xlsx (SPEC §10, `--format xlsx`): the three informant × node matrices for people
// who work in Excel. libxlsxwriter only writes files, so the workbook goes to a private
// temporary file that is read back and removed. Its bytes are deterministic: the document
// properties carry a fixed creation time and libxlsxwriter dates every zip entry 1980-01-01.

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/report/report.hpp"
#include "ipcode/text/text.hpp"

#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace ipcode::report {
namespace {

namespace stdfs = std::filesystem;
using codebook::Level;

std::size_t at(int i) { return static_cast<std::size_t>(i); }

// 1980-01-01T00:00:00Z, the earliest date a zip entry can carry: no clock time in outputs.
constexpr std::time_t kFixedCreated = 315532800;
constexpr std::size_t kMaxSheetName = 31;
constexpr double kMaxColumnWidth = 40;

/// Excel's sheet-name rules: at most 31 characters, none of []:*?/\, no apostrophe at
/// either end, unique ignoring (ASCII) case. Falls back to the level key.
std::string sheet_name(const std::string& wanted, Level level,
                       const std::vector<std::string>& taken) {
  std::string name;
  for (char c : wanted) {
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) name += c;
  }
  // At most kMaxSheetName characters, cut at a code point boundary.
  std::size_t bytes = 0;
  for (std::size_t n = 0; n < kMaxSheetName && bytes < name.size(); ++n) {
    bytes += text::decode_at(name, bytes).size;
  }
  const std::string cut = name.substr(0, bytes);
  name = std::string(trim(std::string_view(cut)));
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty()) name = std::string(codebook::level_key(level));
  const auto used = [&](const std::string& n) {
    return std::any_of(taken.begin(), taken.end(),
                       [&](const std::string& t) { return ascii_lower(t) == ascii_lower(n); });
  };
  std::string unique = name;
  for (int k = 2; used(unique); ++k) unique = name + " " + std::to_string(k);
  return unique;
}

double width_for(const std::string& s) {
  return std::min(kMaxColumnWidth, static_cast<double>(text::length(s)) + 2);
}

bool write_sheet(lxw_workbook* wb, lxw_format* bold, const std::string& name,
                 const loader::RoundData& round, const condense::RoundAnalysis& a, Level level) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (ws == nullptr) return false;
  const std::vector<int> columns = round.codebook.of_level(level);
  const std::string first = i18n::tr_in(round.codebook.language, "Participant");
  worksheet_write_string(ws, 0, 0, first.c_str(), bold);
  double first_width = width_for(first);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string& label = round.codebook.nodes[at(columns[c])].label;
    const auto col = static_cast<lxw_col_t>(c + 1);
    worksheet_write_string(ws, 0, col, label.c_str(), bold);
    worksheet_set_column(ws, col, col, std::max(6.0, width_for(label)), nullptr);
  }
  for (std::size_t i = 0; i < a.informants.size(); ++i) {
    const auto row = static_cast<lxw_row_t>(i + 1);
    worksheet_write_string(ws, row, 0, a.informants[i].c_str(), nullptr);
    first_width = std::max(first_width, width_for(a.informants[i]));
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const int n = columns[c];
      double count = 0;
      if (i < a.cells.size() && at(n) < a.cells[i].size()) {
        count = static_cast<double>(a.cells[i][at(n)].size());
      }
      worksheet_write_number(ws, row, static_cast<lxw_col_t>(c + 1), count, nullptr);
    }
  }
  worksheet_set_column(ws, 0, 0, first_width, nullptr);
  worksheet_freeze_panes(ws, 1, 1);
  return true;
}

/// A new empty file in the temporary folder, with a name no other process holds.
stdfs::path temporary_file() {
  std::error_code ec;
  // temp_directory_path() fails when TMPDIR names a folder that does not exist.
  stdfs::path folder = stdfs::temp_directory_path(ec);
  if (ec) folder = std::getenv("TMPDIR") != nullptr ? std::getenv("TMPDIR") : "/tmp";
  std::string pattern = (folder / "ipcode-matrices-XXXXXX.xlsx").string();
  const int fd = ec ? -1 : ::mkstemps(pattern.data(), 5);
  if (fd < 0) {
    throw std::runtime_error(
        format(tr("cannot create a temporary file for matrices.xlsx in {1}"), {folder.string()}));
  }
  ::close(fd);
  return pattern;
}

std::string build_workbook(const stdfs::path& path, const loader::RoundData& round,
                           const condense::RoundAnalysis& a) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) {
    throw std::runtime_error(format(tr("cannot write {1}"), {path.string()}));
  }
  lxw_doc_properties properties{};
  properties.created = kFixedCreated;
  workbook_set_properties(wb, &properties);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_text_wrap(bold);
  format_set_align(bold, LXW_ALIGN_VERTICAL_TOP);
  bool written = true;
  std::vector<std::string> taken;
  for (Level level : {Level::theme, Level::group, Level::subgroup}) {
    std::string name =
        sheet_name(round.codebook.level_name(level, round.codebook.language), level, taken);
    if (workbook_validate_sheet_name(wb, name.c_str()) != LXW_NO_ERROR) {
      name = sheet_name(std::string(codebook::level_key(level)), level, taken);
    }
    taken.push_back(name);
    written = written && write_sheet(wb, bold, name, round, a, level);
  }
  // Close even after a failure: it frees the workbook.
  if (workbook_close(wb) != LXW_NO_ERROR || !written) {
    throw std::runtime_error(format(tr("cannot write {1}"), {path.string()}));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) throw std::runtime_error(format(tr("cannot read {1}"), {path.string()}));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

std::string matrices_xlsx(const loader::RoundData& round, const condense::RoundAnalysis& a) {
  const stdfs::path path = temporary_file();
  try {
    std::string bytes = build_workbook(path, round, a);
    std::error_code ec;
    stdfs::remove(path, ec);
    return bytes;
  } catch (...) {
    std::error_code ec;
    stdfs::remove(path, ec);
    throw;
  }
}

}  // namespace ipcode::report
