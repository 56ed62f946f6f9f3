// Subtitles (.vtt WebVTT, .srt SubRip) from automatic transcription as speaker turns.
#include "ipcode/base/strings.hpp"
#include "ipcode/importer/importer.hpp"
#include "ipcode/text/text.hpp"

namespace ipcode::importer {
namespace {

struct Cue {
  std::string time;                                        // hh:mm:ss
  std::vector<std::pair<std::string, std::string>> lines;  // speaker (may be empty), text
};

// "00:01:02,500 --> ..." or "01:02.500 --> ...": the start as hh:mm:ss, or "" when the line
// is not a timing line.
std::string timing(std::string_view line) {
  const auto arrow = line.find("-->");
  if (arrow == std::string_view::npos) return {};
  auto start = trim(line.substr(0, arrow));
  const auto frac = start.find_first_of(",.");
  if (frac != std::string_view::npos) start = start.substr(0, frac);
  std::vector<long> parts;
  for (const auto p : split(start, ':')) {
    const auto n = parse_int(trim(p));
    if (!n) return {};
    parts.push_back(*n);
  }
  if (parts.size() == 2) parts.insert(parts.begin(), 0);
  if (parts.size() != 3) return {};
  std::string out;
  for (std::size_t i = 0; i < 3; ++i) {
    if (i > 0) out += ':';
    const long v = std::min(parts[i], 99L);
    out += static_cast<char>('0' + v / 10);
    out += static_cast<char>('0' + v % 10);
  }
  return out;
}

// A speaker name as a SPEC §3 label: white space becomes '-', the first letter a capital
// (when it has one), at most 24 characters; "" when nothing of a label is left.
std::string as_label(std::string_view name) {
  std::string out;
  int count = 0;
  for (std::size_t i = 0; i < name.size() && count < 24;) {
    const auto c = text::decode_at(name, i);
    i += c.size;
    if (text::is_space(c.value)) {
      if (!out.empty() && out.back() != '-') out += '-', ++count;
    } else if (text::is_word_char(c.value) || c.value == '-') {
      text::append_utf8(out, c.value);
      ++count;
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.empty()) return out;
  const auto first = text::decode_at(out, 0);
  if (!text::is_capital(first.value)) {
    std::string head(out.substr(0, first.size));
    // Upper-case an ASCII letter; another first character that is not a capital: prefix.
    if (head.size() == 1 && head[0] >= 'a' && head[0] <= 'z') {
      out[0] = static_cast<char>(out[0] - 'a' + 'A');
    } else if (!text::is_capital(first.value)) {
      out = "T-" + out;
    }
  }
  return out;
}

// Tags out (<i>, </v>, <00:00:01.000>, <c.x>), entities decoded; a voice tag's name goes to
// `voice`.
std::string clean(std::string_view s, std::string& voice) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      const auto close = s.find('>', i);
      if (close == std::string_view::npos) break;
      const auto tag = s.substr(i + 1, close - i - 1);
      if (tag.size() > 1 && tag[0] == 'v' && (tag[1] == ' ' || tag[1] == '.')) {
        const auto space = tag.find(' ');
        if (space != std::string_view::npos) voice = trim(tag.substr(space + 1));
      }
      i = close + 1;
      continue;
    }
    if (s[i] == '&') {
      static const std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&amp;", "&"},       {"&lt;", "<"}, {"&gt;", ">"},
          {"&nbsp;", "\u00a0"}, {"&lrm;", ""}, {"&rlm;", ""}};
      bool done = false;
      for (const auto& [e, v] : kEntities) {
        if (s.substr(i).starts_with(e)) {
          out.append(v);
          i += e.size();
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += s[i++];
  }
  return std::string(trim(out));
}

std::vector<Cue> cues(std::string_view text) {
  std::vector<Cue> out;
  std::vector<std::string_view> lines = split(text, '\n');
  Cue* cue = nullptr;
  bool skipping = false;  // inside a WebVTT NOTE, STYLE or REGION block
  std::string voice;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = trim(lines[i]);
    if (line.empty()) {
      cue = nullptr;
      skipping = false;
      continue;
    }
    if (skipping) continue;
    if (cue == nullptr) {
      if (line.starts_with("WEBVTT") || line.starts_with("NOTE") || line.starts_with("STYLE") ||
          line.starts_with("REGION")) {
        skipping = true;
        continue;
      }
      const auto t = timing(line);
      if (t.empty()) continue;  // a cue number or identifier
      out.push_back({t, {}});
      cue = &out.back();
      voice.clear();
      continue;
    }
    std::string v = voice;
    std::string body = clean(line, v);
    voice = v;
    std::string who = v.empty() ? std::string() : as_label(v);
    // `Name: text` (a short name without a sentence in it).
    if (const auto colon = body.find(": "); colon != std::string::npos && colon <= 40) {
      const std::string name = as_label(body.substr(0, colon));
      bool word_like = !name.empty();
      for (const char c : body.substr(0, colon)) word_like = word_like && c != ',' && c != '.';
      if (word_like) {
        who = name;
        body = trim(std::string_view(body).substr(colon + 2));
      }
    }
    if (body.empty()) continue;
    cue->lines.emplace_back(std::move(who), std::move(body));
  }
  return out;
}

}  // namespace

std::string from_subtitles(std::string_view text, std::string_view /*file_name*/) {
  std::string out;
  bool started = false;
  std::string current;  // the speaker of the turn going on
  for (const auto& cue : cues(text)) {
    for (std::size_t i = 0; i < cue.lines.size(); ++i) {
      const auto& [who, body] = cue.lines[i];
      // A line without a speaker continues the turn going on (a cue split over two lines).
      if (!started || (!who.empty() && who != current)) {
        current = who;
        started = true;
        if (!who.empty()) out.append(who).append(": ");
        out.append("[").append(cue.time).append("] ");
      }
      out.append(body).append("\n");
    }
  }
  return out;
}

}  // namespace ipcode::importer
