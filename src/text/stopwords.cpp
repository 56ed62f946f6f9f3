// Norwegian stop words: the Snowball list (Lingua::StopWords::NO, 172 words, bokmål and
// nynorsk), plus fillers and dialect function words common in interview transcripts.
// A copy lives here so nothing is read at run time.

#include "ipcode/text/text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace ipcode::text {
namespace {

using namespace std::string_view_literals;

// Folded forms, sorted byte-wise (LC_ALL=C sort) so std::binary_search works on string_view.
// Added to the Snowball list: fillers (hm, hmm, eh, ehm, mm, mhm, øh, nei, altså, liksom)
// and dialect function words (æ = jeg, ka = hva, kæm = hvem, dæm = dem).
constexpr std::array kStopWords = {
    "alle"sv,    "altså"sv,  "at"sv,     "av"sv,        "bare"sv,    "begge"sv,  "ble"sv,
    "blei"sv,    "bli"sv,    "blir"sv,   "blitt"sv,     "både"sv,    "båe"sv,    "da"sv,
    "de"sv,      "deg"sv,    "dei"sv,    "deim"sv,      "deira"sv,   "deires"sv, "dem"sv,
    "den"sv,     "denne"sv,  "der"sv,    "dere"sv,      "deres"sv,   "det"sv,    "dette"sv,
    "di"sv,      "din"sv,    "disse"sv,  "ditt"sv,      "du"sv,      "dykk"sv,   "dykkar"sv,
    "då"sv,      "dæm"sv,    "eg"sv,     "eh"sv,        "ehm"sv,     "ein"sv,    "eit"sv,
    "eitt"sv,    "eller"sv,  "elles"sv,  "en"sv,        "enn"sv,     "er"sv,     "et"sv,
    "ett"sv,     "etter"sv,  "for"sv,    "fordi"sv,     "fra"sv,     "før"sv,    "ha"sv,
    "hadde"sv,   "han"sv,    "hans"sv,   "har"sv,       "hennar"sv,  "henne"sv,  "hennes"sv,
    "her"sv,     "hjå"sv,    "hm"sv,     "hmm"sv,       "ho"sv,      "hoe"sv,    "honom"sv,
    "hoss"sv,    "hossen"sv, "hun"sv,    "hva"sv,       "hvem"sv,    "hver"sv,   "hvilke"sv,
    "hvilken"sv, "hvis"sv,   "hvor"sv,   "hvordan"sv,   "hvorfor"sv, "i"sv,      "ikke"sv,
    "ikkje"sv,   "ingen"sv,  "ingi"sv,   "inkje"sv,     "inn"sv,     "inni"sv,   "ja"sv,
    "jeg"sv,     "ka"sv,     "kan"sv,    "kom"sv,       "korleis"sv, "korso"sv,  "kun"sv,
    "kunne"sv,   "kva"sv,    "kvar"sv,   "kvarhelst"sv, "kven"sv,    "kvi"sv,    "kvifor"sv,
    "kæm"sv,     "liksom"sv, "man"sv,    "mange"sv,     "me"sv,      "med"sv,    "medan"sv,
    "meg"sv,     "meget"sv,  "mellom"sv, "men"sv,       "mhm"sv,     "mi"sv,     "min"sv,
    "mine"sv,    "mitt"sv,   "mm"sv,     "mot"sv,       "mykje"sv,   "ned"sv,    "nei"sv,
    "no"sv,      "noe"sv,    "noen"sv,   "noka"sv,      "noko"sv,    "nokon"sv,  "nokor"sv,
    "nokre"sv,   "nå"sv,     "når"sv,    "og"sv,        "også"sv,    "om"sv,     "opp"sv,
    "oss"sv,     "over"sv,   "på"sv,     "samme"sv,     "seg"sv,     "selv"sv,   "si"sv,
    "sia"sv,     "sidan"sv,  "siden"sv,  "sin"sv,       "sine"sv,    "sitt"sv,   "sjøl"sv,
    "skal"sv,    "skulle"sv, "slik"sv,   "so"sv,        "som"sv,     "somme"sv,  "somt"sv,
    "så"sv,      "sånn"sv,   "til"sv,    "um"sv,        "upp"sv,     "ut"sv,     "uten"sv,
    "var"sv,     "vart"sv,   "varte"sv,  "ved"sv,       "vere"sv,    "verte"sv,  "vi"sv,
    "vil"sv,     "ville"sv,  "vore"sv,   "vors"sv,      "vort"sv,    "vår"sv,    "være"sv,
    "vært"sv,    "å"sv,      "æ"sv,      "øh"sv,
};

static_assert(std::ranges::is_sorted(kStopWords), "kStopWords must be sorted byte-wise");
static_assert(std::ranges::adjacent_find(kStopWords) == kStopWords.end(),
              "kStopWords must not contain duplicates");

bool in_list(std::string_view w) { return std::ranges::binary_search(kStopWords, w); }

// Whether fold() could change w: ASCII upper case or any non-ASCII byte.
bool may_need_folding(std::string_view w) {
  return std::ranges::any_of(w, [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (u >= 'A' && u <= 'Z');
  });
}

}  // namespace

bool is_stopword(std::string_view folded_word) {
  if (in_list(folded_word)) {
    return true;
  }
  // Callers should pass folded words; be forgiving about "Og" or "ÆSJ" anyway.
  return may_need_folding(folded_word) && in_list(fold(folded_word));
}

}  // namespace ipcode::text
