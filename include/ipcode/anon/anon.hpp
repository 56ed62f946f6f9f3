/// Finding identifying data in interview text (SPEC §9), for `ipcode anon`, the anon warnings
/// of `ipcode check` and the refusal of `condense --stage final`.
///
/// detect() is pure: one left-to-right pass over NFC UTF-8 text split at white space (ASCII
/// white space and U+00A0), each detector looking at most a few words ahead, so the time is
/// linear in the text whatever it holds (no regular expressions). It reports, by byte offset:
/// - id numbers: fødselsnummer and D-nummer, 11 digits (or 6 + 5 with a space), a plausible
///   date part and both mod-11 check digits valid; anything else with 11 digits is not one;
/// - phone numbers: 8 digits starting 2-9, written 8, 3-2-3, 2-2-2-2 or 4-4 (4-4 not when
///   both halves look like years), after an optional +47 / 0047; never after "kr" or before
///   "kr"/"kroner"/",-" (an amount);
/// - e-mail addresses (local@domain.tld) and URLs (http://, https://, www.);
/// - street addresses: a capitalised name ending in -gata, -gate, -veien, -vegen, -vei, -veg,
///   -plass, -bakken or -stien (or such a word after a capitalised name: "Kong Oscars gate")
///   followed by a house number ("12", "12B");
/// - postcode + place: 4 digits and a capitalised word, unless the digits follow a word that
///   makes them a year or an amount ("i", "år", "kr", ...);
/// - dates of birth: a full date (12.03.1980, 12/3/1980, 1980-03-12, 12. mars 1980) with one
///   of "født", "fødd", "fødselsdag", "fødselsdato", "f." among the four words before it;
///   other dates are not flagged (docs/decisions.md);
/// - names: a capitalised word (or each part of a hyphenated one) in the shipped list of
///   common Norwegian first names and surnames (data/names/, after SSB's "Navn i Norge"), with
///   a genitive -s too; at a sentence start not when the word is also a common word ("Per",
///   "Liv", "Tor") unless another name or a comma follows ("Per Hansen", "Per, kan du");
/// - known identifiers: the `known` strings, whole words, case as written, anywhere.
/// A finding whose text is in `allow` is not reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::anon {

enum class Category : std::uint8_t {
  id_number,
  phone,
  email,
  url,
  address,
  postcode,
  birth_date,
  name,
  known,
};

inline constexpr Category kCategories[] = {
    Category::id_number, Category::phone,      Category::email, Category::url,   Category::address,
    Category::postcode,  Category::birth_date, Category::name,  Category::known,
};

struct Finding {
  std::size_t begin = 0;  // byte offsets in the text
  std::size_t end = 0;
  Category category = Category::name;
  int known = -1;  // the index into Rules::known of the entry it matched, else -1
};

/// One of the study's own identifiers: matched as written, whole words, anywhere.
struct Known {
  std::string real;
  std::string pseudonym;  // empty: the category's placeholder
  Category category = Category::known;
};

struct Rules {
  /// Strings never reported (exact, as written): the study's allow list and the informants'
  /// pseudonyms.
  std::set<std::string, std::less<>> allow;
  /// The study's own identifiers (`--map`), and for --apply everything found elsewhere in
  /// the study, so that each identifier is replaced everywhere.
  std::vector<Known> known;
};

std::vector<Finding> detect(std::string_view text, const Rules& rules);

/// Whether 11 ASCII digits are a fødselsnummer or D-nummer: both mod-11 check digits valid
/// (weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2) and a plausible day and month.
bool valid_id_number(std::string_view digits);

/// The text as the terminal shows it, so that a screen or a log does not repeat it: of a text
/// of 8 characters or more the first four and the last stay, of a shorter one the first; the
/// other letters and digits become '*' ("17039812346" -> "1703******6", "Kari" -> "K***").
std::string mask(std::string_view text);

/// A short English key for the category (for messages and the summary): "id number", ...
const char* category_name(Category c);
/// The placeholder written by --apply: "[fødselsnummer]", "[telefon]", "[navn]", ...
const char* placeholder(Category c);

/// The shipped name list: is `word` (as written, capitalised) a common Norwegian name?
bool is_common_name(std::string_view word);

/// Replaces every finding in `text` with its replacement (the pseudonym of a known
/// identifier, else the category's placeholder, or `gap` when it is not empty: quotes in
/// coding files get a gap mark "(…)" so they still match the pseudonymised transcript).
std::string replace(std::string_view text, const std::vector<Finding>& findings, const Rules& rules,
                    std::string_view gap = {});

}  // namespace ipcode::anon
