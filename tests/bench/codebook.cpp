// The synthetic codebook (SPEC §4): themes → groups → subgroups with ASCII ids and Norwegian
// labels, about 500 keyword patterns in all (the §13 suggest benchmark uses them).
#include "benchgen.hpp"

namespace benchgen {
namespace {

const char* const kThemes[] = {
    "Inngåelse av individuell plan",
    "Brukermedvirkning i møtene",
    "Samarbeid mellom tjenestene",
    "Koordinatorens rolle",
    "Økonomi og bolig",
    "Pårørendes stemme",
    "Tillit og trygghet",
    "Overgang fra institusjon til hjem",
    "Hverdagsliv og mestring",
    "Behandling og oppfølging",
    "Arbeid, skole og aktivitet",
    "Rus og psykisk helse",
    "Når planen ikke blir brukt",
    "Språk og forståelse",
    "Ønsker for framtida",
};
const char* const kGroupHeads[] = {
    "Erfaringer med", "Ønsker om",  "Møter med", "Forståelse av",
    "Følelser rundt", "Ansvar for", "Brudd i",   "Tilgang til",
};
const char* const kSubgroupHeads[] = {
    "Å bli hørt om",   "Å vente på",      "Å måtte forklare",  "Å føle seg trygg med",
    "Å gi opp",        "Å få støtte til", "Å skrive under på", "Å være uenig om",
    "Å ta ansvar for", "Å ikke forstå",
};
const char* const kColors[] = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a",
                               "#66a61e", "#e6ab02", "#a6761d", "#666666"};

template <std::size_t N>
std::size_t count_of(const char* const (&)[N]) {
  return N;
}

// ASCII id from a Norwegian label: æ→ae, ø→o, å→aa, other letters lower-cased, the rest '-'.
std::string slug(std::string_view label, std::size_t max_words) {
  std::string out;
  std::size_t words = 1;
  for (std::size_t i = 0; i < label.size(); ++i) {
    const auto c = static_cast<unsigned char>(label[i]);
    if (c == 0xC3 && i + 1 < label.size()) {
      const auto d = static_cast<unsigned char>(label[++i]) | 0x20;  // both cases
      out += d == 0xA6 ? "ae" : d == 0xB8 ? "o" : d == 0xA5 ? "aa" : "e";
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      if (++words > max_words) break;
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace

Codebook make_codebook(const Vocabulary& vocab, int target_nodes, Rng& rng) {
  // A theme with 4 groups of 4 subgroups is 21 nodes: 200 nodes ≈ 10 themes (210 nodes).
  constexpr int kGroups = 4, kSubgroups = 4;
  const int themes = std::max(1, (target_nodes + 10) / (1 + kGroups + kGroups * kSubgroups));
  Codebook cb;
  for (int t = 0; t < themes; ++t) {
    std::string label = kThemes[static_cast<std::size_t>(t) % count_of(kThemes)];
    if (t >= static_cast<int>(count_of(kThemes))) label += " " + std::to_string(t + 1);
    const int theme = static_cast<int>(cb.nodes.size());
    const std::string tid = "t" + std::to_string(t + 1) + "-" + slug(label, 2);
    cb.nodes.push_back({tid, label, 0, -1});
    for (int g = 0; g < kGroups; ++g) {
      std::string glabel = std::string(kGroupHeads[rng.below(count_of(kGroupHeads))]) + " " +
                           std::string(vocab.content_word(rng));
      const int group = static_cast<int>(cb.nodes.size());
      const std::string gid =
          "g" + std::to_string(t + 1) + "-" + std::to_string(g + 1) + "-" + slug(glabel, 3);
      cb.nodes.push_back({gid, glabel, 1, theme});
      cb.groups.push_back(group);
      for (int s = 0; s < kSubgroups; ++s) {
        std::string slabel = std::string(kSubgroupHeads[rng.below(count_of(kSubgroupHeads))]) +
                             " " + std::string(vocab.content_word(rng));
        const std::string sid = "s" + std::to_string(t + 1) + "-" + std::to_string(g + 1) + "-" +
                                std::to_string(s + 1) + "-" + slug(slabel, 4);
        cb.subgroups.push_back(static_cast<int>(cb.nodes.size()));
        cb.nodes.push_back({sid, slabel, 2, group});
      }
    }
  }
  return cb;
}

std::string render_codebook(const Codebook& cb, const Vocabulary& vocab, int keywords, Rng& rng) {
  std::string out =
      "# Syntetisk kodebok for ytelsestesten (SPEC §13), laget av ipcode_benchgen.\n"
      "codebook: ytelsestest\nversion: 1\nlanguage: nb\nthemes:\n";
  // --keywords N: N patterns spread evenly over the groups and subgroups (in codebook order),
  // drawn from a wider pool (Vocabulary::keyword); without it, 3 a subgroup and 1 a group.
  const std::size_t coded = cb.groups.size() + cb.subgroups.size();
  std::size_t given = 0;  // groups and subgroups given their patterns so far
  const auto count_for = [&](int level) {
    if (keywords <= 0) return level == 1 ? 1 : 3;
    const auto total = static_cast<std::size_t>(keywords);
    const std::size_t before = given * total / coded;
    ++given;
    return static_cast<int>(given * total / coded - before);
  };
  const auto render_keywords = [&](int n) {
    std::string k = "[";
    for (int i = 0; i < n; ++i) {
      if (i > 0) k += ", ";
      std::string w = keywords > 0 ? vocab.keyword(rng) : std::string(vocab.content_word(rng));
      // Every third pattern uses a trailing '*' on a shortened word, as researchers write them.
      if (rng.chance(33) && w.size() > 5 && w.find(' ') == std::string::npos) {
        for (int cut = 0; cut < 2; ++cut) {  // two code points, never half of an æ/ø/å
          while ((static_cast<unsigned char>(w.back()) & 0xC0) == 0x80) w.pop_back();
          w.pop_back();
        }
        w += '*';
      }
      k += yaml_quote(w);
    }
    return k + "]";
  };
  for (std::size_t i = 0; i < cb.nodes.size(); ++i) {
    const auto& n = cb.nodes[i];
    // Items at 6 spaces per level; a node's first child opens its parent's list key.
    const std::string pad(static_cast<std::size_t>(n.level) * 6, ' ');
    if (n.level > 0 && cb.nodes[i - 1].level == n.level - 1) {
      out += pad.substr(2) + (n.level == 1 ? "groups:\n" : "subgroups:\n");
    }
    out += pad + "  - id: " + n.id + "\n";
    out += pad + "    label: " + yaml_quote(n.label) + "\n";
    if (n.level == 0) {
      out += pad +
             "    description: " + yaml_quote("Alt informantene sier om " + lower(n.label) + ".") +
             "\n";
    } else if (n.level == 1) {
      out += pad + "    include: " + yaml_quote("Utsagn om " + lower(n.label) + ".") + "\n";
      if (const int kw = count_for(1); kw > 0)
        out += pad + "    keywords: " + render_keywords(kw) + "\n";
      out += pad + "    color: " + yaml_quote(kColors[i % count_of(kColors)]) + "\n";
    } else {
      if (const int kw = count_for(2); kw > 0)
        out += pad + "    keywords: " + render_keywords(kw) + "\n";
    }
  }
  return out;
}

}  // namespace benchgen
