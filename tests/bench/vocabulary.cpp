// Norwegian-like vocabulary for the synthetic interviews: real bokmål words (with æ, ø, å)
// and generated syllable words, so word lengths, letters and UTF-8 share resemble real
// transcripts while the corpus still has a long tail of rare words.
#include "benchgen.hpp"

#include <set>

namespace benchgen {
namespace {

// Frequent small words of spoken bokmål, roughly by frequency.
const char* const kFunction[] = {
    "jeg",    "det",    "er",      "og",       "som",     "på",     "i",    "å",      "ikke",
    "at",     "en",     "et",      "til",      "har",     "de",     "med",  "for",    "var",
    "så",     "men",    "vi",      "hun",      "han",     "meg",    "seg",  "av",     "om",
    "kan",    "skal",   "vil",     "må",       "hadde",   "blitt",  "blir", "bare",   "litt",
    "veldig", "altså",  "liksom",  "egentlig", "jo",      "vel",    "da",   "nå",     "når",
    "der",    "her",    "hva",     "hvem",     "hvordan", "noe",    "noen", "alle",   "ingen",
    "mye",    "mange",  "også",    "fordi",    "eller",   "etter",  "før",  "under",  "over",
    "mellom", "sånn",   "dem",     "den",      "dette",   "min",    "mitt", "mine",   "sin",
    "sitt",   "hos",    "fra",     "ut",       "inn",     "opp",    "ned",  "hjem",   "aldri",
    "alltid", "ofte",   "kanskje", "nok",      "enda",    "både",   "helt", "ganske", "sammen",
    "selv",   "mer",    "mest",    "hvis",     "mens",    "uten",   "ble",  "får",    "fikk",
    "gjør",   "gjorde", "sa",      "sier",     "tror",    "trodde", "vet",  "visste",
};

// Content words of interviews about health and welfare services, many with æ, ø, å.
const char* const kContent[] = {
    "planen",
    "individuell",
    "kommunen",
    "koordinator",
    "koordinatoren",
    "ansvarsgruppe",
    "ansvarsgruppa",
    "møte",
    "møtet",
    "møtene",
    "møtte",
    "søknad",
    "søknaden",
    "vedtak",
    "vedtaket",
    "tjenester",
    "tjenestene",
    "tjenesten",
    "fastlege",
    "fastlegen",
    "lege",
    "legen",
    "sykehus",
    "sykehuset",
    "behandling",
    "behandlingen",
    "utskrivning",
    "oppfølging",
    "oppfølgingen",
    "bruker",
    "brukeren",
    "brukerne",
    "pårørende",
    "familie",
    "familien",
    "søster",
    "bror",
    "mor",
    "far",
    "barna",
    "datter",
    "sønn",
    "venner",
    "kjæreste",
    "naboen",
    "bolig",
    "leilighet",
    "hybel",
    "økonomi",
    "økonomien",
    "gjeld",
    "penger",
    "trygd",
    "jobb",
    "jobben",
    "arbeid",
    "arbeidet",
    "skole",
    "skolen",
    "lærer",
    "kurs",
    "tiltak",
    "tiltaket",
    "mål",
    "målene",
    "ønsker",
    "ønsket",
    "ønske",
    "håp",
    "håpet",
    "tillit",
    "trygghet",
    "ro",
    "hverdag",
    "hverdagen",
    "rus",
    "rusen",
    "psykiatri",
    "psykiatrien",
    "angst",
    "søvn",
    "smerte",
    "medisin",
    "medisinene",
    "time",
    "timen",
    "timer",
    "dag",
    "dagen",
    "dager",
    "uke",
    "uka",
    "måned",
    "måneden",
    "år",
    "året",
    "kveld",
    "kvelden",
    "morgen",
    "natt",
    "natta",
    "helg",
    "sommer",
    "vinter",
    "høst",
    "høsten",
    "vår",
    "våren",
    "telefon",
    "brev",
    "brevet",
    "skjema",
    "skjemaet",
    "papir",
    "papirene",
    "underskrift",
    "samtykke",
    "informasjon",
    "brosjyre",
    "kontoret",
    "saksbehandler",
    "saksbehandleren",
    "veileder",
    "veilederen",
    "ansatte",
    "hjelper",
    "hjelperne",
    "hjelp",
    "hjelpen",
    "støtte",
    "støtten",
    "samarbeid",
    "samarbeidet",
    "ansvar",
    "ansvaret",
    "medvirkning",
    "innflytelse",
    "stemme",
    "beslutning",
    "avgjørelse",
    "forståelse",
    "følelse",
    "følelsen",
    "opplevelse",
    "erfaring",
    "erfaringer",
    "spørsmål",
    "svar",
    "svaret",
    "problem",
    "problemet",
    "løsning",
    "endring",
    "endringer",
    "forskjell",
    "grunn",
    "grunnen",
    "gang",
    "gangen",
    "ganger",
    "sted",
    "stedet",
    "rom",
    "rommet",
    "bil",
    "buss",
    "byen",
    "bygda",
    "hytta",
    "kjøkkenet",
    "stua",
    "døra",
    "vinduet",
    "været",
    "være",
    "gå",
    "gikk",
    "kom",
    "komme",
    "kommer",
    "snakke",
    "snakket",
    "prate",
    "pratet",
    "høre",
    "hørte",
    "hørt",
    "si",
    "sagt",
    "spørre",
    "spurte",
    "svare",
    "svarte",
    "skrive",
    "skrev",
    "skrevet",
    "lese",
    "leste",
    "lest",
    "forstå",
    "forsto",
    "forstått",
    "skjønne",
    "skjønte",
    "skjønner",
    "føle",
    "følte",
    "følt",
    "tenke",
    "tenkte",
    "tenkt",
    "huske",
    "husket",
    "glemme",
    "glemte",
    "vente",
    "ventet",
    "ringe",
    "ringte",
    "møtes",
    "bestemme",
    "bestemte",
    "velge",
    "valgte",
    "prøve",
    "prøvde",
    "klare",
    "klarte",
    "mestre",
    "mestring",
    "trenge",
    "trengte",
    "ønske",
    "ønsket",
    "bo",
    "bodde",
    "flytte",
    "flyttet",
    "jobbe",
    "jobbet",
    "sove",
    "sov",
    "spise",
    "spiste",
    "lære",
    "lærte",
    "bry",
    "brydde",
    "gråte",
    "gråt",
    "le",
    "lo",
    "savne",
    "savnet",
    "stole",
    "stolte",
    "våge",
    "våget",
    "tørre",
    "turte",
    "bestemt",
    "vanskelig",
    "lett",
    "tungt",
    "tung",
    "godt",
    "god",
    "dårlig",
    "dårlige",
    "bra",
    "viktig",
    "viktigste",
    "nødvendig",
    "tydelig",
    "ærlig",
    "åpen",
    "åpne",
    "stengt",
    "sliten",
    "trøtt",
    "glad",
    "lei",
    "redd",
    "sint",
    "skuffet",
    "fornøyd",
    "trygg",
    "usikker",
    "alene",
    "ensom",
    "flink",
    "grei",
    "snill",
    "streng",
    "rolig",
    "urolig",
    "rar",
    "vanlig",
    "ny",
    "nytt",
    "gammel",
    "gamle",
    "lang",
    "lange",
    "kort",
    "stor",
    "store",
    "liten",
    "lite",
    "små",
    "første",
    "siste",
    "neste",
    "forrige",
    "eneste",
    "hele",
    "halve",
    "særlig",
    "nærmeste",
    "nære",
    "fjern",
    "kjent",
    "ukjent",
    "fremmed",
    "egen",
    "eget",
    "egne",
    "vanskeligere",
    "bedre",
    "verre",
    "best",
    "verst",
    "sterk",
    "svak",
    "sånne",
    "ålreit",
    "ordentlig",
    "skikkelig",
    "akkurat",
    "nesten",
    "endelig",
    "plutselig",
    "etterpå",
    "tidligere",
    "senere",
    "fortsatt",
    "allerede",
    "straks",
    "hjemme",
    "borte",
    "ute",
    "inne",
    "oppe",
    "nede",
    "nær",
    "langt",
    "kjærlighet",
    "fellesskap",
    "nettverk",
    "fritid",
    "trening",
    "turer",
    "naturen",
    "fjellet",
    "sjøen",
    "båten",
    "fisket",
    "hagen",
    "hunden",
    "katten",
    "maten",
    "kaffe",
    "røyk",
    "røyke",
    "drikke",
    "drakk",
    "nøkkel",
    "nøklene",
    "dør",
    "bøker",
    "sønnen",
    "døtrene",
    "besteforeldre",
    "tøff",
    "tøft",
    "kjørte",
    "kjøre",
    "kjøpe",
    "kjøpte",
    "betale",
    "betalte",
    "søke",
    "søkte",
    "får",
    "lønn",
    "lønna",
    "regning",
    "regningene",
    "strøm",
    "husleie",
    "lånet",
    "bank",
};

const char* const kOnsets[] = {"b",  "d",  "f",  "g",  "h",  "j",  "k",  "l",  "m",  "n",
                               "p",  "r",  "s",  "t",  "v",  "sk", "st", "br", "fl", "kr",
                               "tr", "kj", "sj", "gr", "sl", "sp", "fr", "",   ""};
const char* const kVowels[] = {"a", "e",  "i",  "o", "u", "y", "æ", "ø",
                               "å", "ei", "au", "a", "e", "o", "i"};
const char* const kCodas[] = {"",   "n",  "r",  "l",  "s",  "t",  "k",
                              "nd", "ng", "st", "rt", "ll", "kk", "m"};
// Bokmål endings, so generated words inflect like real ones (bil, bilen, bilene).
const char* const kEndings[] = {"",    "",    "",     "en",  "et", "er", "e",  "a",
                                "ene", "ing", "else", "het", "te", "ig", "lig"};

template <std::size_t N>
std::size_t count_of(const char* const (&)[N]) {
  return N;
}

// A made-up stem (one or two syllables) with a bokmål ending.
std::string generated_word(Rng& rng) {
  std::string s;
  const int syllables = rng.chance(30) ? 2 : 1;
  for (int i = 0; i < syllables; ++i) {
    s += kOnsets[rng.below(count_of(kOnsets))];
    s += kVowels[rng.below(count_of(kVowels))];
    s += kCodas[rng.below(count_of(kCodas))];
  }
  return s + kEndings[rng.below(count_of(kEndings))];
}

const char* const kFillers[] = {"(pause)", "hm,", "eh,", "(ler)", "altså,", "liksom,"};

}  // namespace

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t stream) {
  Rng r(seed * 0x2545F4914F6CDD1DULL + stream);
  r.next();
  return r.next();
}

Vocabulary::Vocabulary() {
  for (const char* w : kFunction) function_.emplace_back(w);
  std::set<std::string> seen(function_.begin(), function_.end());
  for (const char* w : kContent) {
    if (seen.insert(w).second) content_.emplace_back(w);
  }
  // Generated words: a fixed stream, independent of the study's seed, so the vocabulary is
  // the same for every run.
  Rng rng(0x5EEDF00DULL);
  while (generated_.size() < 4000) {
    std::string w = generated_word(rng);
    if (w.size() < 3) continue;
    if (seen.insert(w).second) generated_.push_back(std::move(w));
  }
}

std::string_view Vocabulary::word(Rng& rng) const {
  const auto p = rng.below(100);
  if (p < 45) return function_[rng.skewed(function_.size())];
  if (p < 80) return content_[rng.skewed(content_.size())];
  return generated_[rng.skewed(generated_.size())];
}

std::string_view Vocabulary::content_word(Rng& rng) const {
  return content_[rng.below(content_.size())];
}

std::string Vocabulary::keyword(Rng& rng) const {
  const auto p = rng.below(100);
  if (p < 65) return std::string(content_word(rng));
  // The study's own vocabulary: words that are rare in the corpus (skewed towards the more
  // frequent of the generated words, so most of them still occur somewhere).
  if (p < 85) return generated_[rng.skewed(generated_.size() / 4)];
  // A two-word phrase as researchers write them ("vet ikke", "skrive under").
  return std::string(function_[rng.skewed(function_.size())]) + " " +
         std::string(content_word(rng));
}

void Vocabulary::sentence(Rng& rng, std::vector<std::string>& tokens) const {
  const int n = rng.between(4, 16);
  const std::size_t first = tokens.size();
  if (rng.chance(6)) tokens.emplace_back(rng.chance(50) ? "Hm," : "Ja,");
  for (int i = 0; i < n; ++i) {
    if (i > 1 && i + 1 < n && rng.chance(4))
      tokens.emplace_back(kFillers[rng.below(count_of(kFillers))]);
    std::string w(word(rng));
    if (i > 1 && i + 2 < n && rng.chance(8)) w += ',';
    tokens.push_back(std::move(w));
  }
  tokens[first] = capitalise(tokens[first]);
  const auto p = rng.below(100);
  tokens.back() += p < 82 ? "." : p < 92 ? "?" : p < 95 ? "!" : "…";
  if (tokens.back().ends_with(",…")) tokens.back().erase(tokens.back().size() - 4, 1);
}

void Vocabulary::question(Rng& rng, std::vector<std::string>& tokens) const {
  static const char* const kStarts[] = {"Kan du fortelle om",        "Hvordan var det med",
                                        "Hva tenker du om",          "Hvordan opplevde du",
                                        "Hva skjedde med",           "Kan du si litt mer om",
                                        "Hvem var det som bestemte", "Hva betydde"};
  std::string start = kStarts[rng.below(count_of(kStarts))];
  std::size_t pos = 0;
  while (pos < start.size()) {
    const auto sp = start.find(' ', pos);
    tokens.push_back(start.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos));
    pos = sp == std::string::npos ? start.size() : sp + 1;
  }
  const int n = rng.between(2, 14);
  for (int i = 0; i < n; ++i) tokens.emplace_back(word(rng));
  tokens.back() += '?';
}

std::string capitalise(std::string_view w) {
  std::string s(w);
  if (s.empty()) return s;
  if (s[0] >= 'a' && s[0] <= 'z') {
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
  } else if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC3) {
    const auto c = static_cast<unsigned char>(s[1]);
    if (c == 0xA6 || c == 0xB8 || c == 0xA5) s[1] = static_cast<char>(c - 0x20);  // æ ø å
  }
  return s;
}

std::string lower(std::string_view in) {
  std::string s(in);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      s[i] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      if (d == 0x86 || d == 0x98 || d == 0x85) s[i + 1] = static_cast<char>(d + 0x20);  // Æ Ø Å
      ++i;
    }
  }
  return s;
}

std::string yaml_quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace benchgen
