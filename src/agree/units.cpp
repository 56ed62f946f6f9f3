// Units of analysis for agreement (SPEC §11): the sentences of the informants' speech.
#include "ipcode/agree/agree.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>

namespace ipcode::agree {
namespace {

using transcript::LineKind;
using transcript::Transcript;

// A line's speech copied into a turn's joined text: where it sits there and in the transcript.
struct Piece {
  std::size_t joined = 0;
  std::uint32_t source = 0;
  std::uint32_t size = 0;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n'; }

bool has_word(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto cp = text::decode_at(s, i);
    if (text::is_word_char(cp.value)) return true;
    i += cp.size;
  }
  return false;
}

// The physical line (1-based) holding byte `at` of the transcript's text.
int line_at(const Transcript& t, std::uint32_t at) {
  const auto it = std::upper_bound(t.lines.begin(), t.lines.end(), at,
                                   [](std::uint32_t v, const auto& l) { return v < l.begin; });
  return std::max(1, static_cast<int>(it - t.lines.begin()));
}

// Splits one turn's joined speech into sentences and maps them back to the transcript.
void split_turn(const Transcript& t, const std::string& joined, const std::vector<Piece>& pieces,
                const std::string& speaker, std::vector<Segment>& out) {
  const auto to_source = [&](std::size_t j) {
    const auto it = std::upper_bound(pieces.begin(), pieces.end(), j,
                                     [](std::size_t v, const Piece& p) { return v < p.joined; });
    const Piece& p = *(it - 1);  // j is never before the first piece
    return static_cast<std::uint32_t>(p.source + (j - p.joined));
  };
  for (const auto& span : text::sentences(joined)) {
    std::size_t b = span.begin, e = span.end;
    while (b < e && is_blank(joined[b])) ++b;
    while (e > b && is_blank(joined[e - 1])) --e;
    if (b == e || !has_word(std::string_view(joined).substr(b, e - b))) continue;
    Segment s;
    s.begin = to_source(b);
    s.end = to_source(e - 1) + 1;  // the last byte is speech, never a joining space
    s.line_start = line_at(t, s.begin);
    s.line_end = line_at(t, s.end - 1);
    s.page_start = t.page_of(s.line_start);
    s.page_end = t.page_of(s.line_end);
    s.speaker = speaker;
    out.push_back(std::move(s));
  }
}

}  // namespace

std::vector<Segment> sentences(const Transcript& t) {
  std::vector<Segment> out;
  const bool unlabelled = t.turns.empty();
  std::string joined;
  std::vector<Piece> pieces;
  int turn = -2;
  const auto flush = [&] {
    if (!pieces.empty()) {
      const std::string speaker =
          turn >= 0 ? t.turns[static_cast<std::size_t>(turn)].speaker : t.informant;
      split_turn(t, joined, pieces, speaker, out);
    }
    joined.clear();
    pieces.clear();
  };
  for (const auto& l : t.lines) {
    // A page marker inside a turn does not end it: the sentence goes on across the page.
    if (l.kind != LineKind::text) continue;
    if (l.turn != turn) {
      flush();
      turn = l.turn;
    }
    const bool speech =
        unlabelled || (l.turn >= 0 && !t.turns[static_cast<std::size_t>(l.turn)].interviewer);
    if (!speech) continue;
    const std::uint32_t b = std::max(l.speech_begin, l.begin);
    if (b >= l.end) continue;
    // Lines of one turn are joined with a space: a line break is not a sentence boundary
    // (ICU would take it for a paragraph end), the transcriber's full stop is.
    if (!joined.empty()) joined += ' ';
    pieces.push_back({joined.size(), b, l.end - b});
    joined.append(t.text, b, l.end - b);
  }
  flush();
  return out;
}

}  // namespace ipcode::agree
