// ipcode_benchgen OUTDIR [--transcripts N] [--nodes M] [--units-per-transcript K]
//                        [--words-per-transcript W] [--seed S] [--force] [shape options]
// Writes the synthetic study of the SPEC §13 benchmark. Same arguments, same bytes.
#include "benchgen.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;
using namespace benchgen;

namespace {

const char* const kUsage =
    "usage: ipcode_benchgen OUTDIR [--transcripts N] [--nodes M] [--units-per-transcript K]\n"
    "                       [--words-per-transcript W] [--seed S] [--force]\n"
    "                       [--line-units SHARE] [--quote-only SHARE] [--gap-share SHARE]\n"
    "                       [--keywords N] [--turn-words MIN-MAX] [--quote-words MIN-MAX]\n"
    "                       [--unit-lines MIN-MAX] [--crlf SHARE] [--bom SHARE] [--nfd SHARE]\n"
    "                       [--second-coder SHARE] [--agreement SHARE] [--backchannel SHARE]\n"
    "Writes a synthetic ipcode study (SPEC §13) into OUTDIR, deterministically.\n"
    "Defaults: 1000 transcripts, 200 codebook nodes, 100 units and 10000 words per\n"
    "transcript, seed 1. OUTDIR must be empty or missing unless --force is given.\n"
    "Shape (a SHARE is 0..1, in steps of 0.001):\n"
    "  --line-units SHARE    units given by `lines:` only, no quote (default 0)\n"
    "  --quote-only SHARE    of the other units, those given by `quote:` without `lines:` (0)\n"
    "  --gap-share SHARE     of the quote units, those with a `(…)` gap (0)\n"
    "  --keywords N          keyword patterns in the codebook (default: 3 a subgroup, 1 a group)\n"
    "  --turn-words MIN-MAX  words in an informant turn (default 20-200)\n"
    "  --quote-words MIN-MAX words in a quote, before a gap (default 5-15)\n"
    "  --unit-lines MIN-MAX  lines of a `lines:`-only unit (default 1-6)\n"
    "  --crlf SHARE          transcripts with CRLF line ends (0)\n"
    "  --bom SHARE           transcripts with a UTF-8 byte-order mark (0)\n"
    "  --nfd SHARE           transcripts in NFD: å as a + combining ring (0)\n"
    "  --second-coder SHARE  transcripts also coded by a second coder (B<n>-k2.yaml) (0)\n"
    "  --agreement SHARE     of the first coder's units, those the second marks alike (0.7)\n"
    "  --backchannel SHARE   informant turns split by the interviewer's \"Mm.\" (0)\n";

bool parse_number(const char* s, long long min, long long& out) {
  char* end = nullptr;
  out = std::strtoll(s, &end, 10);
  return end != s && *end == '\0' && out >= min;
}

// A share 0..1 as per mille ("0.25" -> 250), rounded; false if not a number in range.
bool parse_share(const char* s, int& out) {
  char* end = nullptr;
  const double v = std::strtod(s, &end);
  if (end == s || *end != '\0' || !(v >= 0.0 && v <= 1.0)) return false;
  out = static_cast<int>(v * 1000.0 + 0.5);
  return true;
}

// MIN-MAX (or a single number N, meaning N-N), with min <= MIN <= MAX.
bool parse_span(const char* s, int min, Span& out) {
  const std::string t(s);
  const auto dash = t.find('-');
  long long lo = 0, hi = 0;
  if (!parse_number(t.substr(0, dash).c_str(), min, lo)) return false;
  hi = lo;
  if (dash != std::string::npos && !parse_number(t.substr(dash + 1).c_str(), lo, hi)) return false;
  if (hi > 1000000) return false;
  out = {static_cast<int>(lo), static_cast<int>(hi)};
  return true;
}

bool parse_args(int argc, char** argv, Options& o, bool& force) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    long long v = 0;
    const auto value = [&](long long min) {
      return i + 1 < argc && parse_number(argv[++i], min, v);
    };
    if (a == "--force") {
      force = true;
    } else if (a == "--transcripts" && value(1)) {
      o.transcripts = static_cast<int>(v);
    } else if (a == "--nodes" && value(1)) {
      o.nodes = static_cast<int>(v);
    } else if (a == "--units-per-transcript" && value(0)) {
      o.units_per_transcript = static_cast<int>(v);
    } else if (a == "--words-per-transcript" && value(50)) {
      o.words_per_transcript = static_cast<int>(v);
    } else if (a == "--seed" && value(0)) {
      o.seed = static_cast<std::uint64_t>(v);
    } else if (a == "--keywords" && value(1)) {
      o.keywords = static_cast<int>(v);
    } else if (a == "--line-units" && i + 1 < argc) {
      if (!parse_share(argv[++i], o.line_units)) return false;
    } else if (a == "--quote-only" && i + 1 < argc) {
      if (!parse_share(argv[++i], o.quote_only)) return false;
    } else if (a == "--gap-share" && i + 1 < argc) {
      if (!parse_share(argv[++i], o.gap_share)) return false;
    } else if (a == "--backchannel" && i + 1 < argc) {
      if (!parse_share(argv[++i], o.backchannel)) return false;
    } else if (a == "--second-coder" && i + 1 < argc) {
      if (!parse_share(argv[++i], o.second_coder)) return false;
    } else if (a == "--agreement" && i + 1 < argc) {
      if (!parse_share(argv[++i], o.agreement)) return false;
    } else if (a == "--crlf" && i + 1 < argc) {
      if (!parse_share(argv[++i], o.crlf)) return false;
    } else if (a == "--bom" && i + 1 < argc) {
      if (!parse_share(argv[++i], o.bom)) return false;
    } else if (a == "--nfd" && i + 1 < argc) {
      if (!parse_share(argv[++i], o.nfd)) return false;
    } else if (a == "--turn-words" && i + 1 < argc) {
      if (!parse_span(argv[++i], 1, o.turn_words)) return false;
    } else if (a == "--quote-words" && i + 1 < argc) {
      if (!parse_span(argv[++i], 1, o.quote_words)) return false;
    } else if (a == "--unit-lines" && i + 1 < argc) {
      if (!parse_span(argv[++i], 1, o.unit_lines)) return false;
    } else if (!a.starts_with("-") && o.outdir.empty()) {
      o.outdir = a;
    } else {
      return false;
    }
  }
  return !o.outdir.empty();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!f) throw std::runtime_error("cannot write " + p.string());
}

int generate(const Options& o) {
  const fs::path root(o.outdir);
  const fs::path transcripts = root / "transcripts" / "r1";
  const fs::path coding = root / "coding" / "r1";
  fs::remove_all(transcripts);
  fs::remove_all(coding);
  fs::create_directories(transcripts);
  fs::create_directories(coding);
  fs::create_directories(root / "condensation");

  const Vocabulary vocab;
  Rng cb_rng(stream_seed(o.seed, 0));
  const Codebook cb = make_codebook(vocab, o.nodes, cb_rng);
  write_file(root / "codebook.yaml", render_codebook(cb, vocab, o.keywords, cb_rng));
  write_file(root / "ipcode.yaml", render_manifest(o));

  Condensation cond;
  cond.by_node.resize(cb.nodes.size());
  std::size_t words = 0, bytes = 0, units = 0, by_kind[3] = {0, 0, 0};
  std::size_t second_units = 0;
  for (int n = 1; n <= o.transcripts; ++n) {
    Rng rng(stream_seed(o.seed, static_cast<std::uint64_t>(n)));
    // The shape options' own choices come from a second stream (the first one's numbers
    // stay where they were, so the default study is unchanged).
    Rng shape_rng(stream_seed(o.seed, 0x2000000ULL + static_cast<std::uint64_t>(n)));
    Rng talk_rng(stream_seed(o.seed, 0x5000000ULL + static_cast<std::uint64_t>(n)));
    const Transcript t = make_transcript(vocab, n, o, rng, talk_rng);
    // A third stream for how the file is stored, so that changes neither of the others.
    Rng enc_rng(stream_seed(o.seed, 0x3000000ULL + static_cast<std::uint64_t>(n)));
    const bool crlf = o.crlf > 0 && enc_rng.chance_permille(o.crlf);
    const bool bom = o.bom > 0 && enc_rng.chance_permille(o.bom);
    const bool nfd = o.nfd > 0 && enc_rng.chance_permille(o.nfd);
    const std::string text = encode_transcript(render_transcript(t), crlf, bom, nfd);
    const std::string stem = "B" + std::to_string(n);
    write_file(transcripts / (stem + ".txt"), text);
    const auto us = make_units(t, cb, o, rng, shape_rng);
    for (const auto& u : us) {
      cond.add(u);
      ++by_kind[static_cast<int>(u.kind)];
    }
    write_file(coding / (stem + ".yaml"), render_coding(t, cb, us));
    Rng coder_rng(stream_seed(o.seed, 0x4000000ULL + static_cast<std::uint64_t>(n)));
    if (o.second_coder > 0 && coder_rng.chance_permille(o.second_coder)) {
      const auto second = second_coder_units(t, cb, us, o.agreement, coder_rng);
      write_file(coding / (stem + "-k2.yaml"), render_coding(t, cb, second, "bench2"));
      second_units += second.size();
    }
    words += t.words;
    bytes += text.size();
    units += us.size();
  }
  Rng cond_rng(stream_seed(o.seed, 0xC0DEULL));
  write_file(root / "condensation" / "r1.yaml", render_condensation(cb, cond, cond_rng));
  std::cerr << "ipcode_benchgen: " << o.transcripts << " transcripts, " << words
            << " spoken words, " << bytes << " bytes of transcript, " << cb.nodes.size()
            << " codebook nodes, " << units << " units (" << by_kind[0] << " quote and lines, "
            << by_kind[1] << " quote only, " << by_kind[2] << " lines only), " << second_units
            << " units of a second coder -> " << root.string() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  bool force = false;
  if (!parse_args(argc, argv, o, force)) {
    std::cerr << kUsage;
    return 2;
  }
  try {
    const fs::path root(o.outdir);
    if (fs::exists(root) && !fs::is_empty(root) && !force) {
      std::cerr << "ipcode_benchgen: " << o.outdir << " is not empty (use --force to overwrite)\n";
      return 73;
    }
    return generate(o);
  } catch (const std::exception& e) {
    std::cerr << "ipcode_benchgen: " << e.what() << "\n";
    return 73;
  }
}
