// One synthetic interview (SPEC §3): front matter, a header line outside any turn, then
// alternating interviewer questions and informant answers of realistic length, wrapped
// into lines of about 12 words, with a `[side N]` page marker about every 40 lines.
#include "benchgen.hpp"

#include <iterator>

namespace benchgen {
namespace {

constexpr int kLinesPerPage = 40;

void add_front_matter(Transcript& t) {
  const std::string b = "B" + std::to_string(t.number);
  for (std::string s :
       {std::string("---"), "id: r1-" + b, "informant: " + b, std::string("anonymised: true"),
        std::string("source: intervju"), "speakers: [I, " + b + "]", std::string("---")}) {
    t.lines.push_back({LineKind::front_matter, -1, {std::move(s)}});
  }
}

// Wraps a turn's tokens into lines of 10–14 words, inserting page markers as lines fill up.
void add_turn(Transcript& t, LineKind kind, int turn, std::vector<std::string>&& tokens,
              int& body_lines, int& page, Rng& rng) {
  std::size_t i = 0;
  while (i < tokens.size()) {
    const std::size_t n = static_cast<std::size_t>(rng.between(10, 14));
    Line line{kind, turn, {}};
    for (std::size_t k = 0; k < n && i < tokens.size(); ++k)
      line.tokens.push_back(std::move(tokens[i++]));
    t.words += line.tokens.size();
    t.lines.push_back(std::move(line));
    if (++body_lines % kLinesPerPage == 0) {
      t.lines.push_back({LineKind::page_marker, turn, {"[side " + std::to_string(++page) + "]"}});
    }
  }
}

}  // namespace

Transcript make_transcript(const Vocabulary& vocab, int number, const Options& o, Rng& rng,
                           Rng& shape_rng) {
  const auto target_words = static_cast<std::size_t>(o.words_per_transcript);
  Transcript t;
  t.number = number;
  add_front_matter(t);
  t.lines.push_back({LineKind::header,
                     -1,
                     {"Syntetisk", "intervju", "for", "ytelsestest.", "Transkribert", "ordrett,",
                      "navn", "og", "steder", "er", "fjernet."}});
  int body_lines = 0, page = 1, turn = 0;
  while (t.words < target_words) {
    std::vector<std::string> q;
    vocab.question(rng, q);
    add_turn(t, LineKind::interviewer, turn++, std::move(q), body_lines, page, rng);
    // Informant turns of 20–200 words (--turn-words), most of them in the middle of that range.
    const int want = (rng.between(o.turn_words.min, o.turn_words.max) +
                      rng.between(o.turn_words.min, o.turn_words.max)) /
                     2;
    std::vector<std::string> a;
    while (static_cast<int>(a.size()) < want) vocab.sentence(rng, a);
    if (o.backchannel > 0 && a.size() >= 8 && shape_rng.chance_permille(o.backchannel)) {
      // The interviewer's "mm" in the middle of the answer: a turn of its own (SPEC §5 lets a
      // quote run across it as if the informant's turn went on).
      static const char* const kBackChannels[] = {"Mm.", "Ja.", "Mhm.", "Ja vel.", "Hm."};
      const std::size_t cut = a.size() * static_cast<std::size_t>(shape_rng.between(3, 7)) / 10;
      std::vector<std::string> rest(std::make_move_iterator(a.begin() + static_cast<long>(cut)),
                                    std::make_move_iterator(a.end()));
      a.resize(cut);
      add_turn(t, LineKind::informant, turn++, std::move(a), body_lines, page, rng);
      std::vector<std::string> bc;
      const std::string_view said = kBackChannels[shape_rng.below(5)];
      const auto sp = said.find(' ');
      bc.emplace_back(said.substr(0, sp));
      if (sp != std::string_view::npos) bc.emplace_back(said.substr(sp + 1));
      const std::size_t at = t.lines.size();  // its one line (a page marker may follow)
      add_turn(t, LineKind::interviewer, turn++, std::move(bc), body_lines, page, rng);
      t.lines[at].aside = true;
      add_turn(t, LineKind::informant, turn++, std::move(rest), body_lines, page, rng);
    } else {
      add_turn(t, LineKind::informant, turn++, std::move(a), body_lines, page, rng);
    }
  }
  return t;
}

std::string render_transcript(const Transcript& t) {
  std::string out;
  out.reserve(t.words * 7);
  const std::string label = "B" + std::to_string(t.number) + ": ";
  int last_turn = -1;
  for (const auto& line : t.lines) {
    if (line.kind == LineKind::interviewer && line.turn != last_turn) out += "I: ";
    if (line.kind == LineKind::informant && line.turn != last_turn) out += label;
    if (line.kind == LineKind::interviewer || line.kind == LineKind::informant)
      last_turn = line.turn;
    for (std::size_t k = 0; k < line.tokens.size(); ++k) {
      if (k > 0) out += ' ';
      out += line.tokens[k];
    }
    out += '\n';
  }
  return out;
}

std::string encode_transcript(std::string text, bool crlf, bool bom, bool nfd) {
  if (!crlf && !bom && !nfd) return text;
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  if (bom) out += "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' && crlf) {
      out += "\r\n";
    } else if (nfd && static_cast<unsigned char>(c) == 0xC3 && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) == 0xA5 ||
                static_cast<unsigned char>(text[i + 1]) == 0x85)) {
      // å (U+00E5) = a + U+030A, Å (U+00C5) = A + U+030A
      out += static_cast<unsigned char>(text[++i]) == 0xA5 ? 'a' : 'A';
      out += "\xCC\x8A";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace benchgen
