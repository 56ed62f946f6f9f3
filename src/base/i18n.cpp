#include "ipcode/base/i18n.hpp"

#include "ipcode/base/fs.hpp"
#include "ipcode/base/strings.hpp"

#include <boost/locale/generator.hpp>
#include <boost/locale/message.hpp>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <unordered_map>

namespace ipcode::i18n {
namespace {

struct State {
  std::string catalog_dir;
  std::string language = "en";
  std::map<std::string, std::locale> locales;
  std::mutex mutex;
  std::atomic<unsigned> generation{0};  // changes when the catalogs do: caches start again
};

State& state() {
  static State s;
  return s;
}

std::string default_catalog_dir() {
  const auto exe = fs::executable_dir();
  for (const auto& candidate : {exe / "share" / "locale", exe / ".." / "share" / "locale"}) {
    std::error_code ec;
    if (std::filesystem::exists(candidate / "nb" / "LC_MESSAGES" / "ipcode.mo", ec)) {
      return candidate.lexically_normal().string();
    }
  }
  return (exe / "share" / "locale").string();
}

const std::locale& locale_for(const std::string& lang) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  auto it = s.locales.find(lang);
  if (it != s.locales.end()) return it->second;
  if (s.catalog_dir.empty()) s.catalog_dir = default_catalog_dir();
  boost::locale::generator gen;
  gen.add_messages_path(s.catalog_dir);
  gen.add_messages_domain("ipcode");
  // Catalogs are looked up by language only; the country part just has to be valid.
  const std::string name = lang == "en" ? "en_US.UTF-8" : lang + "_NO.UTF-8";
  return s.locales.emplace(lang, gen(name)).first->second;
}

std::string translate_uncached(const std::string& lang, const char* msgid) {
  std::string out = boost::locale::translate(msgid).str(locale_for(lang));
  if (lang == "nn" && out == msgid) out = boost::locale::translate(msgid).str(locale_for("nb"));
  return out;
}

// A report asks for the same few strings once per unit or excerpt: each thread remembers
// what it has translated (a look-up through Boost.Locale costs thousands of instructions).
std::string translate(const std::string& lang, const char* msgid) {
  struct Cache {
    unsigned generation = ~0U;
    std::unordered_map<std::string, std::string> map;
  };
  thread_local Cache cache;
  const unsigned generation = state().generation.load(std::memory_order_acquire);
  if (cache.generation != generation) {
    cache.map.clear();
    cache.generation = generation;
  }
  std::string key;
  key.reserve(lang.size() + 1 + std::strlen(msgid));
  key.append(lang).append(1, '\0').append(msgid);
  if (const auto it = cache.map.find(key); it != cache.map.end()) return it->second;
  std::string out = translate_uncached(lang, msgid);
  cache.map.emplace(std::move(key), out);
  return out;
}

std::string translate_plural(const std::string& lang, const char* singular, const char* plural,
                             long n) {
  // Boost.Locale counts in int; a count past that chooses the same form as a large int.
  const int count =
      n > std::numeric_limits<int>::max() ? std::numeric_limits<int>::max() : static_cast<int>(n);
  const auto plural_in = [&](const std::string& l) {
    return boost::locale::translate(singular, plural, count).str(locale_for(l));
  };
  std::string out = plural_in(lang);
  if (lang == "nn" && (out == singular || out == plural)) out = plural_in("nb");
  return out;
}

}  // namespace

std::string normalise_language(std::string_view tag) {
  const std::string t = ascii_lower(tag.substr(0, tag.find_first_of("_.@-")));
  if (t == "nb" || t == "no" || t == "nob" || t == "norsk" || t == "bokmal" || t == "bokmål") {
    return "nb";
  }
  if (t == "nn" || t == "nno" || t == "nynorsk") return "nn";
  return "en";
}

std::string language_from_environment() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(var);
    if (value != nullptr && *value != '\0') return normalise_language(value);
  }
  return "en";
}

void set_catalog_dir(std::string dir) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  s.catalog_dir = std::move(dir);
  s.locales.clear();
  s.generation.fetch_add(1, std::memory_order_acq_rel);
}

void set_language(std::string_view lang) { state().language = normalise_language(lang); }

const std::string& language() { return state().language; }

std::string tr(const char* msgid) { return translate(state().language, msgid); }

std::string trn(const char* singular, const char* plural, long n) {
  return translate_plural(state().language, singular, plural, n);
}

std::string tr_in(std::string_view lang, const char* msgid) {
  return translate(normalise_language(lang), msgid);
}

std::string trn_in(std::string_view lang, const char* singular, const char* plural, long n) {
  return translate_plural(normalise_language(lang), singular, plural, n);
}

}  // namespace ipcode::i18n
