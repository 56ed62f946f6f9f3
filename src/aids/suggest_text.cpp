// A turn's speech as one string, and the quote cut from it (suggest_text.hpp).
#include "suggest_text.hpp"

#include "ipcode/text/text.hpp"

namespace ipcode::aids::detail {

TurnText turn_text(const transcript::Transcript& t, int turn) {
  TurnText out;
  std::size_t first = 0;
  if (turn >= 0)
    first = static_cast<std::size_t>(t.turns[static_cast<std::size_t>(turn)].first_line - 1);
  for (std::size_t i = first; i < t.lines.size(); ++i) {
    const auto& l = t.lines[i];
    if (l.kind != transcript::LineKind::text) continue;
    if (l.turn != turn) {
      if (turn >= 0) break;
      continue;
    }
    if (!out.segments.empty()) out.text += ' ';
    out.segments.push_back(
        {out.text.size(), l.speech_begin, l.end - l.speech_begin, static_cast<int>(i + 1)});
    out.text.append(t.text, l.speech_begin, l.end - l.speech_begin);
  }
  return out;
}

namespace {

bool space_at(std::string_view s, std::size_t at) {
  return text::is_space(text::decode_at(s, at).value);
}

}  // namespace

void trim(std::string_view s, std::size_t& b, std::size_t& e) {
  for (bool changed = true; changed && b < e;) {
    changed = false;
    while (b < e && space_at(s, b)) b += text::decode_at(s, b).size;
    while (b < e && space_at(s, text::previous_start(s, e))) e = text::previous_start(s, e);
    if (b < e && s[b] == '[') {
      const auto close = s.find(']', b);
      if (close != std::string_view::npos && close < e) b = close + 1, changed = true;
    }
    if (b < e && s[e - 1] == ']') {
      const auto open = s.rfind('[', e - 1);
      if (open != std::string_view::npos && open >= b) e = open, changed = true;
    }
  }
}

std::string quote_text(std::string_view s) {
  std::string out;
  for (std::size_t at = 0; at < s.size();) {
    const auto c = text::decode_at(s, at);
    if (c.value == U'[') {
      const auto close = s.find(']', at);
      if (close != std::string_view::npos) {
        out += "[\u2026]";
        at = close + 1;
        continue;
      }
    }
    if (text::is_space(c.value)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out.append(s.substr(at, c.size));
    }
    at += c.size;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace ipcode::aids::detail
