/// Message translation (gettext catalogs po/<lang>.po via Boost.Locale). Messages are written
/// in English in the source (msgid) and translated to nb/nn; `en` shows the msgid.
/// Two languages are in play: the *message* language (--lang, LC_ALL, LC_MESSAGES, LANG;
/// fallback en) for diagnostics and console output, and a *report* language (the study's
/// `language`: nb, nn or en) passed explicitly to tr_in(). nn falls back to nb for
/// strings that the nn catalog lacks.
#pragma once

#include <string>
#include <string_view>

namespace ipcode::i18n {

/// Normalises a language tag or locale name ("nb_NO.UTF-8", "no", "nn", "en_US") to nb, nn or
/// en; anything unknown is en.
std::string normalise_language(std::string_view tag);
/// Picks the message language from LC_ALL / LC_MESSAGES / LANG (first non-empty), or en.
std::string language_from_environment();

/// Sets where catalogs are searched: <dir>/<lang>/LC_MESSAGES/ipcode.mo. By default the
/// directory is found next to the executable (share/locale or ../share/locale).
void set_catalog_dir(std::string dir);
void set_language(std::string_view lang);
const std::string& language();

/// Translates into the message language.
std::string tr(const char* msgid);
/// Plural: chooses by n with the catalog's plural rule.
std::string trn(const char* singular, const char* plural, long n);
/// Translates into a given language (reports).
std::string tr_in(std::string_view lang, const char* msgid);
std::string trn_in(std::string_view lang, const char* singular, const char* plural, long n);

}  // namespace ipcode::i18n

namespace ipcode {
using i18n::tr;
using i18n::trn;
}  // namespace ipcode
