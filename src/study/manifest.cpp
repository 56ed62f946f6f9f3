#include "ipcode/study/manifest.hpp"

#include "ipcode/base/i18n.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/base/yaml.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace ipcode::study {
namespace {

using yaml::Key;

const std::vector<Key> kTopKeys = {
    {"ipcode"},
    {"title", {"tittel"}},
    {"language", {"språk"}},
    {"codebook", {"kodebok"}},
    {"output", {"utdata"}},
    {"informants", {"informanter", "deltakere", "informant", "deltaker"}},
    {"rounds", {"runder"}},
    {"report", {"rapport"}},
    {"description", {"beskrivelse"}},
    {"anon"},
    {"member_check", {"member-check", "deltakersjekk", "medlemssjekk"}},
};
const std::vector<Key> kInformantKeys = {
    {"id"},
    {"role", {"rolle"}},
    {"pseudonym"},
    {"attributes", {"attributter", "egenskaper"}},
};
const std::vector<Key> kRoundKeys = {
    {"id"},
    {"title", {"tittel"}},
    {"period", {"periode"}},
    {"transcripts", {"transkripsjoner"}},
    {"coding", {"koding"}},
    {"condensation", {"kondensering"}},
    {"codebook", {"kodebok"}},
    {"description", {"beskrivelse"}},
};
const std::vector<Key> kAnonKeys = {{"allow", {"tillat", "tillatt"}}};
const std::vector<Key> kReportKeys = {{"attribution", {"attribusjon"}},
                                      {"quotes", {"sitater", "sitatform"}}};

// The key node whose value is `value` in `map` (for pointing at the key, not the value).
const yaml::Node* key_of(const yaml::Node& map, const yaml::Node* value) {
  for (const auto& [k, v] : map.entries) {
    if (&v == value) return &k;
  }
  return nullptr;
}

// Informant and round ids: letters (Norwegian ones too), digits, '-' and '_'. They become folder
// and file names: no bidi controls, zero-width characters, separators, dots or spaces.
bool valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.front() == '_') return false;
  for (std::size_t i = 0; i < id.size();) {
    const auto c = text::decode_at(id, i);
    if (c.size == 0) return false;
    if (c.value != '-' && c.value != '_' && !text::is_word_char(c.value)) return false;
    i += c.size;
  }
  return true;
}

void read_informants(const yaml::Node& node, const std::string& file, Manifest& m,
                     Diagnostics& diags) {
  if (!node.is_sequence()) {
    diags.error(file, node.mark.line, node.mark.col, tr("'informants' must be a list"));
    return;
  }
  std::set<std::string> seen;
  for (const auto& item : node.items) {
    const auto k = yaml::read_keys(item, kInformantKeys, tr("an informant"), file, diags);
    Informant inf;
    inf.line = item.mark.line;
    inf.id = yaml::as_string(k.count("id") ? k.at("id") : nullptr, file, diags);
    if (inf.id.empty()) {
      if (item.is_map())
        diags.error(file, item.mark.line, item.mark.col,
                    tr("an informant needs an 'id' (for example B1)"));
      continue;
    }
    if (!valid_id(inf.id)) {
      diags.error(
          file, k.at("id")->mark.line, k.at("id")->mark.col,
          format(tr("informant id '{1}' may only use letters, digits, '-' and '_'"), {inf.id}));
    }
    if (!seen.insert(inf.id).second) {
      diags.error(file, item.mark.line, item.mark.col,
                  format(tr("duplicate informant id '{1}'"), {inf.id}));
      continue;
    }
    if (k.count("role")) inf.role = yaml::as_string(k.at("role"), file, diags);
    if (k.count("pseudonym")) inf.pseudonym = yaml::as_string(k.at("pseudonym"), file, diags);
    if (k.count("attributes")) {
      const auto* attrs = k.at("attributes");
      if (!attrs->is_map()) {
        diags.error(file, attrs->mark.line, attrs->mark.col,
                    tr("'attributes' must be a mapping such as {kjønn: K, alder: 40-49}"));
      } else {
        for (const auto& [ak, av] : attrs->entries) {
          inf.attributes.emplace_back(ak.scalar, yaml::as_string(&av, file, diags));
        }
      }
    }
    m.informants.push_back(std::move(inf));
  }
}

void read_rounds(const yaml::Node& node, const std::string& file, Manifest& m, Diagnostics& diags) {
  if (!node.is_sequence()) {
    diags.error(file, node.mark.line, node.mark.col, tr("'rounds' must be a list"));
    return;
  }
  std::set<std::string> seen;
  for (const auto& item : node.items) {
    const auto k = yaml::read_keys(item, kRoundKeys, tr("a round"), file, diags);
    Round r;
    r.line = item.mark.line;
    const auto get = [&](const char* key) { return k.count(key) ? k.at(key) : nullptr; };
    r.id = yaml::as_string(get("id"), file, diags);
    if (r.id.empty()) {
      if (item.is_map())
        diags.error(file, item.mark.line, item.mark.col,
                    tr("a round needs an 'id' (for example r1)"));
      continue;
    }
    if (!valid_id(r.id)) {
      diags.error(file, get("id")->mark.line, get("id")->mark.col,
                  format(tr("round id '{1}' may only use letters, digits, '-' and '_'"), {r.id}));
    }
    if (!seen.insert(r.id).second) {
      diags.error(file, item.mark.line, item.mark.col,
                  format(tr("duplicate round id '{1}'"), {r.id}));
      continue;
    }
    r.title = yaml::as_string(get("title"), file, diags);
    r.period = yaml::as_string(get("period"), file, diags);
    r.transcripts = yaml::as_string_list(get("transcripts"), file, diags);
    r.coding = yaml::as_string_list(get("coding"), file, diags);
    r.condensation = yaml::as_string(get("condensation"), file, diags);
    r.codebooks = yaml::as_string_list(get("codebook"), file, diags);
    if (const auto* key = key_of(item, get("codebook"))) {
      r.codebook_line = key->mark.line;
      r.codebook_col = key->mark.col;
    }
    if (r.transcripts.empty()) {
      diags.error(file, item.mark.line, item.mark.col,
                  format(tr("round '{1}' names no transcripts (add for example "
                            "'transcripts: transcripts/{1}/*.txt')"),
                         {r.id}));
    }
    m.rounds.push_back(std::move(r));
  }
}

}  // namespace

const Informant* Manifest::informant(std::string_view id) const {
  if (const auto it = informant_index.find(id); it != informant_index.end() &&
                                                it->second < informants.size() &&
                                                informants[it->second].id == id) {
    return &informants[it->second];
  }
  for (const auto& i : informants) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

const std::vector<std::string>& Manifest::codebooks_of(const Round& round) const {
  return round.codebooks.empty() ? codebooks : round.codebooks;
}

std::string_view attribution_name(Attribution a) {
  switch (a) {
    case Attribution::id:
      return "id";
    case Attribution::role:
      return "role";
    case Attribution::pseudonym:
      return "pseudonym";
    case Attribution::none:
      return "none";
  }
  return "role";
}

Manifest parse_manifest(std::string_view raw, std::string_view origin, Diagnostics& diags) {
  // Ids are compared after NFC: "B3-å" typed precomposed or decomposed is one id.
  const std::string normalized = text::nfc(raw);
  const std::string_view text = normalized;
  Manifest m;
  const std::string file(origin);
  m.file = file;
  yaml::Node root;
  if (!yaml::parse(text, origin, root, diags)) return m;
  if (root.is_null()) {
    diags.error(file, 1, 1, tr("the manifest is empty; it needs at least 'ipcode: 1'"));
    return m;
  }
  const auto k = yaml::read_keys(root, kTopKeys, tr("the manifest"), file, diags);
  // A list or a lone value is no manifest at all: that one error, no rounds to follow it.
  if (!root.is_map()) return m;
  const auto get = [&](const char* key) { return k.count(key) ? k.at(key) : nullptr; };
  if (get("ipcode") == nullptr) {
    if (root.is_map())
      diags.error(file, 1, 1, tr("the manifest needs 'ipcode: 1' (the format version)"));
  } else {
    // A long never wraps into an int: 4294967297 is not version 1.
    const long version = yaml::as_int(get("ipcode"), file, diags, 1);
    m.format = version > 1'000'000 ? 1'000'000 : static_cast<int>(version);
    if (m.format != 1) {
      diags.error(file, get("ipcode")->mark.line, get("ipcode")->mark.col,
                  format(tr("format version {1} is not supported; this ipcode reads version 1"),
                         {std::to_string(m.format)}));
    }
  }
  m.title = yaml::as_string(get("title"), file, diags);
  if (const auto* lang = get("language")) {
    m.language = yaml::as_string(lang, file, diags, "nb");
    if (m.language != "nb" && m.language != "nn" && m.language != "en") {
      diags.error(file, lang->mark.line, lang->mark.col,
                  format(tr("language '{1}' is not supported; use nb, nn or en"), {m.language}));
      m.language = "nb";
    }
  }
  if (get("codebook") != nullptr) {
    m.codebooks = yaml::as_string_list(get("codebook"), file, diags);
    if (const auto* key = key_of(root, get("codebook"))) {
      m.codebook_line = key->mark.line;
      m.codebook_col = key->mark.col;
    }
  }
  m.output = yaml::as_string(get("output"), file, diags, "out");
  if (const auto* out = get("output")) {
    m.output_line = out->mark.line;
    m.output_col = out->mark.col;
  }
  if (const auto* inf = get("informants")) read_informants(*inf, file, m, diags);
  if (const auto* rounds = get("rounds")) {
    read_rounds(*rounds, file, m, diags);
  } else {
    m.implicit_round = true;
    m.rounds.push_back({"r1", "", "", {"transcripts/**"}, {"coding/**"}, "", {}, 0, 0, 0});
  }
  if (const auto* rep = get("report")) {
    const auto rk = yaml::read_keys(*rep, kReportKeys, tr("'report'"), file, diags);
    if (rk.count("attribution")) {
      const auto* node = rk.at("attribution");
      const std::string a = yaml::as_string(node, file, diags, "role");
      if (a == "id")
        m.attribution = Attribution::id;
      else if (a == "role" || a == "rolle")
        m.attribution = Attribution::role;
      else if (a == "pseudonym")
        m.attribution = Attribution::pseudonym;
      else if (a == "none" || a == "ingen")
        m.attribution = Attribution::none;
      else
        diags.error(
            file, node->mark.line, node->mark.col,
            format(tr("attribution '{1}' is not known; use id, role, pseudonym or none"), {a}));
    }
    if (rk.count("quotes")) {
      const auto* node = rk.at("quotes");
      const std::string q = yaml::as_string(node, file, diags, "block");
      if (q == "guillemets")
        m.quotes = QuoteStyle::guillemets;
      else if (q == "curly")
        m.quotes = QuoteStyle::curly;
      else if (q == "block")
        m.quotes = QuoteStyle::block;
      else
        diags.error(file, node->mark.line, node->mark.col,
                    format(tr("quotes '{1}' is not known; use guillemets («…»), curly (”…”) or "
                              "block (indented, no marks)"),
                           {q}));
    }
  }
  for (std::size_t i = 0; i < m.informants.size(); ++i)
    m.informant_index.emplace(m.informants[i].id, i);  // the first of an id written twice
  if (const auto* mc = get("member_check")) m.member_check = yaml::as_string(mc, file, diags);
  if (const auto* anon = get("anon")) {
    const auto ak = yaml::read_keys(*anon, kAnonKeys, tr("'anon'"), file, diags);
    if (ak.count("allow")) m.anon_allow = yaml::as_string_list(ak.at("allow"), file, diags);
  }
  return m;
}

const std::vector<yaml::Key>& manifest_keys(ManifestMap map) {
  switch (map) {
    case ManifestMap::informant:
      return kInformantKeys;
    case ManifestMap::round:
      return kRoundKeys;
    case ManifestMap::report:
      return kReportKeys;
    case ManifestMap::anon:
      return kAnonKeys;
    case ManifestMap::top:
      break;
  }
  return kTopKeys;
}

}  // namespace ipcode::study
