// What a finding looks like on screen (masked) and in a pseudonymised copy (replaced).
#include "anon/words.hpp"
#include "ipcode/anon/anon.hpp"

namespace ipcode::anon {

std::string mask(std::string_view text) {
  // Code points, so that "Øystein" is masked by letters, not bytes.
  std::vector<std::string_view> cps;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    n = std::min(n, text.size() - i);
    cps.push_back(text.substr(i, n));
    i += n;
  }
  const std::size_t keep_front = cps.size() >= 8 ? 4 : 1;
  const std::size_t keep_back = cps.size() >= 8 ? 1 : 0;
  std::string out;
  for (std::size_t k = 0; k < cps.size(); ++k) {
    const auto cp = cps[k];
    const bool punct = cp.size() == 1 && !std::isalnum(static_cast<unsigned char>(cp[0]));
    if (k < keep_front || k + keep_back >= cps.size() || punct)
      out += cp;
    else
      out += '*';
  }
  return out;
}

const char* category_name(Category c) {
  switch (c) {
    case Category::id_number:
      return "id number";
    case Category::phone:
      return "phone number";
    case Category::email:
      return "e-mail address";
    case Category::url:
      return "URL";
    case Category::address:
      return "street address";
    case Category::postcode:
      return "postcode and place";
    case Category::birth_date:
      return "date of birth";
    case Category::name:
      return "name";
    case Category::known:
      return "known identifier";
  }
  return "";
}

const char* placeholder(Category c) {
  switch (c) {
    case Category::id_number:
      return "[fødselsnummer]";
    case Category::phone:
      return "[telefon]";
    case Category::email:
      return "[e-post]";
    case Category::url:
      return "[nettadresse]";
    case Category::address:
      return "[adresse]";
    case Category::postcode:
      return "[sted]";
    case Category::birth_date:
      return "[dato]";
    case Category::name:
    case Category::known:
      return "[navn]";
  }
  return "";
}

bool is_common_name(std::string_view word) { return detail::in_names(word); }

std::string replace(std::string_view text, const std::vector<Finding>& findings, const Rules& rules,
                    std::string_view gap) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const auto& f : findings) {
    if (f.begin < at || f.end > text.size()) continue;
    out += text.substr(at, f.begin - at);
    const std::string* pseudonym = nullptr;
    if (f.known >= 0 && static_cast<std::size_t>(f.known) < rules.known.size() &&
        !rules.known[static_cast<std::size_t>(f.known)].pseudonym.empty())
      pseudonym = &rules.known[static_cast<std::size_t>(f.known)].pseudonym;
    if (pseudonym != nullptr)
      out += *pseudonym;
    else if (!gap.empty())
      out += gap;
    else
      out += placeholder(f.category);
    at = f.end;
  }
  out += text.substr(at);
  return out;
}

}  // namespace ipcode::anon
