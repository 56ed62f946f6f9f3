#include "ipcode/transcript/transcript.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace ipcode::transcript {
namespace {

const std::vector<yaml::Key> kFrontKeys = {
    {"id"},
    {"informant", {"deltaker"}},
    {"date", {"dato"}},
    {"anonymised", {"anonymized", "anonymisert"}},
    {"source", {"kilde"}},
    {"background", {"bakgrunn"}},
    {"speakers", {"talere"}},
    {"title", {"tittel"}},
    {"note", {"notat", "merknad"}},
};

// A speaker label: a capital letter, then up to 23 letters, digits or '-', then ':' and a space
// (or the end of the line). Returns the label's length in bytes, or 0.
std::size_t label_length(std::string_view line) {
  const auto first = text::decode_at(line, 0);
  if (first.size == 0 || !text::is_capital(first.value)) return 0;
  std::size_t i = first.size;
  for (int count = 0; i < line.size() && count < 23; ++count) {
    const auto c = text::decode_at(line, i);
    if (!text::is_word_char(c.value) && c.value != '-') break;
    i += c.size;
  }
  if (i >= line.size() || line[i] != ':') return 0;
  if (i + 1 < line.size() && line[i + 1] != ' ' && line[i + 1] != '\t') return 0;
  return i;
}

// The most lines a transcript may have (ten times a very long interview).
constexpr std::size_t kMaxLines = 1'000'000;

// The largest page number a marker may name: far beyond any transcript, and small enough that
// counting pages on from it never overflows.
constexpr long kMaxPage = 100'000;

// `[side 3]`, `[s. 3]`, `[page 3]` on a line of its own: the page number, or -1. A number too
// large to be a page (or to fit in a long) is returned as kMaxPage + 1.
long page_marker(std::string_view line) {
  // A form feed before the marker (`\f[side 5]`) belongs to the same page break.
  while (!line.empty() && (line.front() == '\f' || line.front() == ' ' || line.front() == '\t')) {
    line.remove_prefix(1);
  }
  while (!line.empty() && line.back() == '\f') line.remove_suffix(1);
  const auto t = trim(line);
  if (t.size() < 4 || t.front() != '[' || t.back() != ']') return -1;
  const std::string inner = ascii_lower(trim(t.substr(1, t.size() - 2)));
  for (const std::string prefix : {"side", "s.", "page", "p."}) {
    if (inner.starts_with(prefix)) {
      const auto digits = trim(std::string_view(inner).substr(prefix.size()));
      if (const auto n = parse_int(digits)) return std::min(*n, kMaxPage + 1);
      if (!digits.empty() && digits.size() < 64 &&
          std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return kMaxPage + 1;  // more digits than a long holds
    }
  }
  return -1;
}

// Line and column (in characters, from 1) of a byte offset in text whose line ends are still
// as in the file: "\r\n", "\n" or "\r" alone.
std::pair<int, int> line_col(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
  }
  // Characters as an editor shows them: a combining mark (NFD "å") adds no column.
  int col = 1;
  for (std::size_t i = line_start; i < offset;) {
    const auto c = text::decode_at(text, i);
    if (c.size == 0) break;
    if (text::column_width(c.value) > 0) ++col;
    i += c.size;
  }
  return {line, col};
}

void read_front_matter(Transcript& t, std::string_view yaml_text, Diagnostics& diags) {
  yaml::Node root;
  if (!yaml::parse(yaml_text, t.path, root, diags, 1) || root.is_null()) return;
  const auto k = yaml::read_keys(root, kFrontKeys, tr("the front matter"), t.path, diags);
  const auto get = [&](const char* key) { return k.count(key) ? k.at(key) : nullptr; };
  if (get("id")) t.id = yaml::as_string(get("id"), t.path, diags, t.id);
  if (get("informant")) {
    t.informant = yaml::as_string(get("informant"), t.path, diags, t.informant);
    t.informant_explicit = true;
  }
  t.date = yaml::as_string(get("date"), t.path, diags);
  t.source = yaml::as_string(get("source"), t.path, diags);
  t.anonymised = yaml::as_bool(get("anonymised"), t.path, diags, true);
  t.background = yaml::as_bool(get("background"), t.path, diags, false);
  t.speakers = yaml::as_string_list(get("speakers"), t.path, diags);
}

}  // namespace

bool is_interviewer_label(std::string_view label) {
  return label == "I" || label == "F" || label == "Intervjuer" || label == "Forsker";
}

const Line* Transcript::line(int n) const {
  if (n < 1 || n > line_count()) return nullptr;
  return &lines[static_cast<std::size_t>(n - 1)];
}

std::string_view Transcript::line_text(int n) const {
  const Line* l = line(n);
  if (l == nullptr) return {};
  return std::string_view(text).substr(l->begin, l->end - l->begin);
}

std::string_view Transcript::spoken(int n) const {
  const Line* l = line(n);
  if (l == nullptr || l->kind != LineKind::text) return {};
  return std::string_view(text).substr(l->speech_begin, l->end - l->speech_begin);
}

std::string_view Transcript::speaker_of(int n) const {
  const Line* l = line(n);
  if (l == nullptr || l->turn < 0) return {};
  return turns[static_cast<std::size_t>(l->turn)].speaker;
}

bool Transcript::interviewer_at(int n) const {
  const Line* l = line(n);
  return l != nullptr && l->turn >= 0 && turns[static_cast<std::size_t>(l->turn)].interviewer;
}

int Transcript::page_of(int n) const {
  const Line* l = line(n);
  return l == nullptr ? 1 : l->page;
}

std::vector<std::string> Transcript::informant_labels() const {
  std::vector<std::string> out;
  for (const auto& turn : turns) {
    if (!turn.interviewer && std::find(out.begin(), out.end(), turn.speaker) == out.end()) {
      out.push_back(turn.speaker);
    }
  }
  return out;
}

Transcript parse_transcript(std::string bytes, std::string path, std::string round,
                            Diagnostics& diags) {
  Transcript t;
  t.path = std::move(path);
  t.round = std::move(round);
  // A file name typed on a Mac is NFD: the ids made from it are compared after NFC.
  const std::string stem = text::nfc(std::filesystem::path(t.path).stem().string());
  t.id = t.round + "-" + stem;
  t.informant = stem;

  auto decoded = text::decode_owned(std::move(bytes));
  t.had_bom = decoded.had_bom;
  t.from_cp1252 = decoded.from_cp1252;
  std::string& raw = decoded.utf8;
  if (t.from_cp1252) {
    const auto [line, col] = line_col(raw, decoded.first_odd);
    diags.warning(t.path, line, col,
                  tr("the file is not valid UTF-8 and was read as Windows-1252; save it as "
                     "UTF-8 to be sure every letter is right"));
  }
  if (decoded.damaged_utf8) {
    const auto [line, col] = line_col(raw, decoded.first_odd);
    diags.warning(t.path, line, col,
                  tr("the file is UTF-8 with broken bytes, the first one here; each is read as "
                     "'�': correct the letter and save the file as UTF-8 again"));
  }
  // A NUL byte is no text (a damaged file, or another encoding): never copied into a report.
  if (const auto nul = raw.find('\0'); nul != std::string::npos) {
    const auto [line, col] = line_col(raw, nul);
    const auto count = static_cast<std::size_t>(std::count(raw.begin(), raw.end(), '\0'));
    diags.warning(t.path, line, col,
                  format(tr("the file holds {1} NUL (zero) bytes, the first one here; each is "
                            "read as '�': the file may be damaged or saved in another "
                            "encoding"),
                         {std::to_string(count)}));
    std::string cleaned;
    cleaned.reserve(raw.size() + 2 * count);
    for (const char c : raw) {
      if (c == '\0')
        cleaned += "\uFFFD";
      else
        cleaned += c;
    }
    raw = std::move(cleaned);
  }
  // One line end everywhere ('\n'): CRLF and a CR alone (old Mac exports, sometimes mixed with
  // CRLF) both end a line. Then NFC, so offsets and hashes agree with what is matched.
  // Nothing moves before the first CR (most files have none: one search, no copy).
  std::size_t kept = std::min(raw.find('\r'), raw.size());
  for (std::size_t i = kept; i < raw.size(); ++i) {
    if (raw[i] == '\r') {
      if (i + 1 < raw.size() && raw[i + 1] == '\n') continue;
      raw[kept++] = '\n';
    } else {
      raw[kept++] = raw[i];
    }
  }
  raw.resize(kept);
  t.text = text::nfc_owned(std::move(raw));
  if (t.text.size() >= UINT32_MAX) {
    diags.error(t.path, 0, 0,
                tr("the transcript is larger than 4 GB; split it into several files"));
    t.text.clear();
  }

  // Exactly as many lines as there are (a vector grown by doubling holds up to twice that,
  // and a large study holds millions of lines).
  // A line costs more memory than its bytes: a file of nothing but line ends would need 24
  // times its size. No interview has millions of lines.
  auto line_ends = static_cast<std::size_t>(std::count(t.text.begin(), t.text.end(), '\n'));
  if (line_ends >= kMaxLines) {
    diags.error(t.path, 0, 0,
                format(tr("the transcript has more than {1} lines; split it into several files"),
                       {std::to_string(kMaxLines)}));
    t.text.clear();
    line_ends = 0;
  }
  t.lines.reserve(line_ends + 1);
  std::size_t pos = 0;
  while (pos <= t.text.size()) {
    auto nl = t.text.find('\n', pos);
    if (nl == std::string::npos) nl = t.text.size();
    if (!(nl == t.text.size() && pos == nl && !t.lines.empty())) {
      const auto b = static_cast<std::uint32_t>(pos);
      t.lines.push_back({b, static_cast<std::uint32_t>(nl), b, 1, -1, LineKind::text});
    }
    pos = nl + 1;
  }

  // Front matter between the first line `---` and the next `---`.
  std::size_t first_body = 0;
  if (!t.lines.empty() && trim(t.line_text(1)) == "---") {
    for (std::size_t i = 1; i < t.lines.size(); ++i) {
      if (trim(t.line_text(static_cast<int>(i + 1))) == "---") {
        t.front_matter_end = static_cast<int>(i + 1);
        break;
      }
    }
    if (t.front_matter_end == 0) {
      diags.error(t.path, 1, 1,
                  tr("the front matter starting with '---' is never closed by "
                     "another '---' line"));
    } else {
      const auto yaml_begin = t.lines[1].begin;
      const auto yaml_end = t.lines[static_cast<std::size_t>(t.front_matter_end - 1)].begin;
      read_front_matter(t, std::string_view(t.text).substr(yaml_begin, yaml_end - yaml_begin),
                        diags);
      for (int i = 0; i < t.front_matter_end; ++i)
        t.lines[static_cast<std::size_t>(i)].kind = LineKind::front_matter;
      first_body = static_cast<std::size_t>(t.front_matter_end);
    }
  }

  std::map<std::string, std::pair<int, int>> label_uses;  // label -> (count, first line)
  int page = 1;
  int turn = -1;
  for (std::size_t i = first_body; i < t.lines.size(); ++i) {
    auto& line = t.lines[i];
    std::string_view s = std::string_view(t.text).substr(line.begin, line.end - line.begin);
    // A form feed starts the next page: this line's page if it comes before the line's text,
    // the next line's if it ends the line (text, then a form feed).
    int next_page = page;
    if (const auto ff = s.find('\f'); ff != std::string_view::npos) {
      const auto text_at = s.find_first_not_of(" \t\f");
      if (text_at == std::string_view::npos || ff < text_at) ++page;
      next_page = text_at != std::string_view::npos && s.rfind('\f') > text_at ? page + 1 : page;
    }
    if (const long p = page_marker(s); p >= 0) {
      if (p > kMaxPage) {
        const auto open = s.find('[');
        diags.warning(t.path, static_cast<int>(i + 1),
                      static_cast<int>(open == std::string_view::npos ? 0 : open) + 1,
                      format(tr("the page number in '{1}' is too large (at most {2}); the page "
                                "count goes on from the previous page"),
                             {std::string(s.substr(open, s.rfind(']') + 1 - open)),
                              std::to_string(kMaxPage)}));
      } else {
        page = static_cast<int>(p);  // the marker names the page: a form feed beside it is
                                     // the same break
      }
      line.kind = LineKind::page_marker;
      line.page = page;
      line.turn = turn;
      continue;
    }
    const auto lead = s.find_first_not_of(" \t\f");
    const std::string_view body =
        lead == std::string_view::npos ? std::string_view() : s.substr(lead);
    if (const auto n = label_length(body); n > 0) {
      const std::string label(body.substr(0, n));
      const bool declared = t.speakers.empty() || std::find(t.speakers.begin(), t.speakers.end(),
                                                            label) != t.speakers.end();
      if (declared) {
        t.turns.push_back({label, is_interviewer_label(label), static_cast<int>(i + 1)});
        turn = static_cast<int>(t.turns.size()) - 1;
        auto& use = label_uses[label];
        if (use.first++ == 0) use.second = static_cast<int>(i + 1);
        std::size_t speech = line.begin + (lead == std::string_view::npos ? 0 : lead) + n + 1;
        while (speech < line.end && (t.text[speech] == ' ' || t.text[speech] == '\t')) ++speech;
        line.speech_begin = static_cast<std::uint32_t>(speech);
      }
    }
    line.page = page;
    line.turn = turn;
    page = next_page;
  }
  if (t.speakers.empty()) {
    for (const auto& [label, use] : label_uses) {
      // The interviewer's labels and the informant's own are known speakers: a short
      // interview may well have one question, or one answer.
      if (is_interviewer_label(label) || label == t.informant) continue;
      if (use.first == 1) {
        diags.warning(t.path, use.second, 1,
                      format(tr("the speaker label '{1}' is used only once; if it is not a "
                                "speaker, list the real ones in the front matter, for example "
                                "'speakers: [I, B1]'"),
                             {label}));
      }
    }
  }
  return t;
}

}  // namespace ipcode::transcript
