/// ipcode_benchgen: writes a synthetic, deterministic ipcode study for the SPEC §13 benchmark.
/// Plain C++20, standard library only (no ipcode headers), so the generator can never share a
/// bug with the code it measures. Every random choice comes from Rng (splitmix64), seeded per
/// transcript from the global seed, so the first N transcripts of a bigger run are identical to
/// a smaller run with the same seed and the same output is produced on every platform.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace benchgen {

/// splitmix64: tiny, fast, and its output is fixed by its definition (unlike std distributions).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n); n > 0. The tiny modulo bias does not matter here.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  /// Uniform in [lo, hi].
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  /// True with probability percent/100.
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  /// True with probability permille/1000 (the shares given on the command line).
  bool chance_permille(int permille) { return below(1000) < static_cast<std::size_t>(permille); }
  /// Skewed towards small indices (min of two uniforms): a cheap, integer-only Zipf stand-in.
  std::size_t skewed(std::size_t n) { return std::min(below(n), below(n)); }

 private:
  std::uint64_t state_;
};

/// Mixes the global seed with a stream number, so every transcript has its own sequence.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t stream);

/// A closed range of counts given on the command line as MIN-MAX (or one number).
struct Span {
  int min;
  int max;
};

struct Options {
  std::string outdir;
  int transcripts = 1000;
  int nodes = 200;
  int units_per_transcript = 100;
  int words_per_transcript = 10000;
  std::uint64_t seed = 1;
  // The shape of the study. The defaults give the same bytes as before these options existed.
  int line_units = 0;        // per mille of units given by `lines:` only (no quote)
  int quote_only = 0;        // per mille of quote units given without `lines:`
  int gap_share = 0;         // per mille of quote units with a `(…)` gap
  int keywords = 0;          // keyword patterns in the codebook; 0: 3 a subgroup, 1 a group
  Span turn_words{20, 200};  // words in an informant turn
  Span quote_words{5, 15};   // words in a quote (each side of a gap: see units.cpp)
  Span unit_lines{1, 6};     // lines of a `lines:`-only unit
  // How transcripts are stored (per mille of transcripts), as files from Word on Windows
  // (CRLF, a byte-order mark) or from a Mac (NFD: å as a + combining ring) come.
  int crlf = 0;
  int bom = 0;
  int nfd = 0;
  // Double coding (for `ipcode agree`; condense merges the coders): per mille of transcripts a
  // second coder also coded, and per mille of the first coder's units the second marks with
  // the same span.
  int second_coder = 0;
  int agreement = 700;
  // Per mille of informant turns the interviewer splits with a back-channel ("I: Mm.").
  int backchannel = 0;
};

/// The transcript's text as stored: CRLF line ends, a UTF-8 byte-order mark and/or NFD
/// (decomposed å/Å; æ and ø have no decomposition).
std::string encode_transcript(std::string text, bool crlf, bool bom, bool nfd);

// ---- vocabulary.cpp ----------------------------------------------------------------------

/// Real Norwegian words (with æ, ø, å) and generated syllable words, sampled with a skew so
/// function words are frequent and most generated words are rare, as in speech.
class Vocabulary {
 public:
  Vocabulary();
  std::string_view word(Rng& rng) const;
  /// A content word (a real noun, verb or adjective): used for keywords and labels.
  std::string_view content_word(Rng& rng) const;
  /// A keyword of a codebook with a given number of patterns: mostly content words, some
  /// rarer generated words (a study's own jargon), some two-word phrases.
  std::string keyword(Rng& rng) const;
  /// Appends one spoken sentence (4–16 words, capitalised, punctuated, sometimes with a
  /// filler such as "(pause)" or "hm,") to `tokens`.
  void sentence(Rng& rng, std::vector<std::string>& tokens) const;
  /// An interviewer question as tokens.
  void question(Rng& rng, std::vector<std::string>& tokens) const;

 private:
  std::vector<std::string> function_;
  std::vector<std::string> content_;
  std::vector<std::string> generated_;
};

/// Upper-cases the first letter (ASCII or æ/ø/å).
std::string capitalise(std::string_view w);
/// Lower-cases ASCII letters and Æ/Ø/Å (what the generator can produce), for uniqueness checks.
std::string lower(std::string_view s);
/// YAML double-quoted scalar (the generated text has no control characters).
std::string yaml_quote(std::string_view s);

// ---- transcript.cpp ----------------------------------------------------------------------

enum class LineKind { front_matter, header, page_marker, interviewer, informant };

struct Line {
  LineKind kind;
  int turn;                         // index of the speaker turn, -1 outside turns
  std::vector<std::string> tokens;  // spoken words, label excluded
  bool aside = false;               // a back-channel turn, which ipcode reads past (SPEC §5)
};

struct Transcript {
  int number = 0;           // n of B<n>
  std::vector<Line> lines;  // physical lines, 1-based line n is lines[n-1]
  std::size_t words = 0;
};

/// `shape_rng` draws only the choices of the shape options (back-channels), as in make_units.
Transcript make_transcript(const Vocabulary& vocab, int number, const Options& o, Rng& rng,
                           Rng& shape_rng);
std::string render_transcript(const Transcript& t);

// ---- codebook.cpp ------------------------------------------------------------------------

struct Node {
  std::string id;
  std::string label;
  int level;   // 0 theme, 1 group, 2 subgroup
  int parent;  // index of the parent node, -1 for themes
};

struct Codebook {
  std::vector<Node> nodes;
  std::vector<int> groups;     // node indices
  std::vector<int> subgroups;  // node indices
};

Codebook make_codebook(const Vocabulary& vocab, int target_nodes, Rng& rng);
/// `keywords` patterns in all (0: the default of 3 a subgroup and 1 a group).
std::string render_codebook(const Codebook& cb, const Vocabulary& vocab, int keywords, Rng& rng);

// ---- units.cpp ---------------------------------------------------------------------------

enum class UnitKind { quote_and_lines, quote_only, lines_only };

struct Unit {
  std::string id;
  int line_start;
  int line_end;
  std::string quote;       // for a lines-only unit: the spoken text of its lines (not written)
  std::vector<int> codes;  // node indices
  UnitKind kind = UnitKind::quote_and_lines;
};

/// `rng` is the transcript's stream; `shape_rng` a second stream for the choices the shape
/// options add, so the default study keeps its bytes.
std::vector<Unit> make_units(const Transcript& t, const Codebook& cb, const Options& o, Rng& rng,
                             Rng& shape_rng);
std::string render_coding(const Transcript& t, const Codebook& cb, const std::vector<Unit>& units,
                          std::string_view coder = "bench");
/// A second coder's units for the same transcript: `agreement` per mille of the first coder's
/// units with the same span (codes mostly the same), of the others half left out and half
/// marked by their lines only; ids `B<n>-k2-<k>`.
std::vector<Unit> second_coder_units(const Transcript& t, const Codebook& cb,
                                     const std::vector<Unit>& first, int agreement, Rng& rng);

// ---- study.cpp ---------------------------------------------------------------------------

/// Condensation material gathered while units are generated: up to a few units per subgroup.
struct Condensation {
  struct Entry {
    std::vector<std::string> unit_ids;
    std::vector<std::string> quotes;
  };
  std::vector<Entry> by_node;  // indexed like Codebook::nodes
  void add(const Unit& u);
};

std::string render_manifest(const Options& o);
std::string render_condensation(const Codebook& cb, const Condensation& c, Rng& rng);

}  // namespace benchgen
