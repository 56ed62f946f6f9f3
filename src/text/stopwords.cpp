// Norwegian stop words: the Snowball list (Lingua::StopWords::NO, 172 words, bokmål and
// nynorsk), plus fillers and dialect function words common in interview transcripts.
// A copy lives here so nothing is read at run time.

#include "ipcode/text/text.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>

namespace ipcode::text {
namespace {

using namespace std::string_view_literals;

// Folded forms, sorted byte-wise (LC_ALL=C sort) so std::binary_search works on string_view.
// Added to the Snowball list: fillers and back-channels (hm, hmm, eh, ehm, øh, øhm, mm, mhm,
// ja, nei, jo, jada, joda, jaha, ok, okei, nettopp, sant, altså, liksom), hedges and degree
// words that fill speech without naming anything (litt, veldig, mye, nok, vel, kanskje,
// egentlig/eigentleg), the modal må/måtte (kan, skal, vil are Snowball's), bokmål and nynorsk
// function words missing from Snowball (berre, ei, òg, desse, kor, korfor, koss, hos, mens, dersom,
// viss, alt, slike, slikt, sånne, sånt), and dialect function words (æ = jeg, e = er/jeg, va = var,
// ka = hva, kæm = hvem, dæm = dem, mæ/dæ/sæ = meg/deg/seg, te = til, nån = noen, itj/ikkj = ikke).
// Content words that are also in fillers ("måte" in "på en måte") stay: the phrases below remove
// them.
constexpr std::array kStopWords = {
    "alle"sv,    "alt"sv,    "altså"sv,     "at"sv,      "av"sv,     "bare"sv,    "begge"sv,
    "berre"sv,   "ble"sv,    "blei"sv,      "bli"sv,     "blir"sv,   "blitt"sv,   "både"sv,
    "båe"sv,     "da"sv,     "de"sv,        "deg"sv,     "dei"sv,    "deim"sv,    "deira"sv,
    "deires"sv,  "dem"sv,    "den"sv,       "denne"sv,   "der"sv,    "dere"sv,    "deres"sv,
    "dersom"sv,  "desse"sv,  "det"sv,       "dette"sv,   "di"sv,     "din"sv,     "disse"sv,
    "ditt"sv,    "du"sv,     "dykk"sv,      "dykkar"sv,  "då"sv,     "dæ"sv,      "dæm"sv,
    "e"sv,       "eg"sv,     "egentlig"sv,  "eh"sv,      "ehm"sv,    "ei"sv,      "eigentleg"sv,
    "ein"sv,     "eit"sv,    "eitt"sv,      "eller"sv,   "elles"sv,  "en"sv,      "enn"sv,
    "er"sv,      "et"sv,     "ett"sv,       "etter"sv,   "for"sv,    "fordi"sv,   "fra"sv,
    "før"sv,     "ha"sv,     "hadde"sv,     "han"sv,     "hans"sv,   "har"sv,     "hennar"sv,
    "henne"sv,   "hennes"sv, "her"sv,       "hjå"sv,     "hm"sv,     "hmm"sv,     "ho"sv,
    "hoe"sv,     "honom"sv,  "hos"sv,       "hoss"sv,    "hossen"sv, "hun"sv,     "hva"sv,
    "hvem"sv,    "hver"sv,   "hvilke"sv,    "hvilken"sv, "hvis"sv,   "hvor"sv,    "hvordan"sv,
    "hvorfor"sv, "i"sv,      "ikke"sv,      "ikkj"sv,    "ikkje"sv,  "ingen"sv,   "ingi"sv,
    "inkje"sv,   "inn"sv,    "inni"sv,      "itj"sv,     "ja"sv,     "jada"sv,    "jaha"sv,
    "jeg"sv,     "jo"sv,     "joda"sv,      "ka"sv,      "kan"sv,    "kanskje"sv, "kom"sv,
    "kor"sv,     "korfor"sv, "korleis"sv,   "korso"sv,   "koss"sv,   "kun"sv,     "kunne"sv,
    "kva"sv,     "kvar"sv,   "kvarhelst"sv, "kven"sv,    "kvi"sv,    "kvifor"sv,  "kæm"sv,
    "liksom"sv,  "litt"sv,   "man"sv,       "mange"sv,   "me"sv,     "med"sv,     "medan"sv,
    "meg"sv,     "meget"sv,  "meir"sv,      "mellom"sv,  "men"sv,    "mens"sv,    "mer"sv,
    "mhm"sv,     "mi"sv,     "min"sv,       "mine"sv,    "mitt"sv,   "mm"sv,      "mot"sv,
    "mye"sv,     "mykje"sv,  "må"sv,        "måtte"sv,   "mæ"sv,     "ned"sv,     "nei"sv,
    "nettopp"sv, "no"sv,     "noe"sv,       "noen"sv,    "nok"sv,    "noka"sv,    "noko"sv,
    "nokon"sv,   "nokor"sv,  "nokre"sv,     "nå"sv,      "nån"sv,    "når"sv,     "og"sv,
    "også"sv,    "ok"sv,     "okei"sv,      "om"sv,      "opp"sv,    "oss"sv,     "over"sv,
    "på"sv,      "samme"sv,  "sant"sv,      "seg"sv,     "selv"sv,   "si"sv,      "sia"sv,
    "sidan"sv,   "siden"sv,  "sin"sv,       "sine"sv,    "sitt"sv,   "sjøl"sv,    "skal"sv,
    "skulle"sv,  "slik"sv,   "slike"sv,     "slikt"sv,   "so"sv,     "som"sv,     "somme"sv,
    "somt"sv,    "så"sv,     "sånn"sv,      "sånne"sv,   "sånt"sv,   "sæ"sv,      "te"sv,
    "til"sv,     "um"sv,     "upp"sv,       "ut"sv,      "uten"sv,   "va"sv,      "var"sv,
    "vart"sv,    "varte"sv,  "ved"sv,       "vel"sv,     "veldig"sv, "vere"sv,    "verte"sv,
    "vi"sv,      "vil"sv,    "ville"sv,     "viss"sv,    "vore"sv,   "vors"sv,    "vort"sv,
    "vår"sv,     "våre"sv,   "vårt"sv,      "være"sv,    "vært"sv,   "å"sv,       "æ"sv,
    "òg"sv,      "øh"sv,     "øhm"sv,
};

static_assert(std::ranges::is_sorted(kStopWords), "kStopWords must be sorted byte-wise");
static_assert(std::ranges::adjacent_find(kStopWords) == kStopWords.end(),
              "kStopWords must not contain duplicates");

// Multi-word fillers, folded, one space between words. Every word but the last is a stop
// word (a unit test checks it), so a scanner that drops stop words only has to drop the last
// word when the ones before it came just before.
constexpr std::array kFillerPhrases = {
    "ikke sant"sv,  "ikkje sant"sv, "på ein måte"sv, "på ei måte"sv,
    "på en måte"sv, "på et vis"sv,  "på eit vis"sv,
};

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

std::span<const std::string_view> filler_phrases() { return kFillerPhrases; }

}  // namespace ipcode::text
