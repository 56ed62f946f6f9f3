// anon's detectors on decoded NFC text: findings inside the text, on character boundaries;
// replace() and mask() on them. The input's first line lists known identifiers (separated by
// '|'), the rest is the text.
#include "fuzz_common.hpp"
#include "ipcode/anon/anon.hpp"
#include "ipcode/text/text.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipcode;
  const std::string input = text::nfc(text::decode(fuzz::as_text(data, size)).utf8);
  const std::string_view s(input);
  const auto eol = s.find('\n');
  anon::Rules rules;
  if (eol != std::string_view::npos) {
    std::string_view known = s.substr(0, eol);
    while (!known.empty()) {
      const auto bar = known.find('|');
      const auto item = known.substr(0, bar);
      if (!item.empty()) rules.known.push_back({std::string(item), "Per", anon::Category::known});
      if (bar == std::string_view::npos) break;
      known.remove_prefix(bar + 1);
    }
    rules.allow.insert("Oslo");
  }
  const auto body = eol == std::string_view::npos ? s : s.substr(eol + 1);
  const auto findings = anon::detect(body, rules);
  for (const auto& f : findings) {
    if (f.begin >= f.end || f.end > body.size()) std::abort();
    if (f.known >= static_cast<int>(rules.known.size())) std::abort();
    if (!text::is_valid_utf8(body.substr(f.begin, f.end - f.begin))) std::abort();
    (void)anon::mask(body.substr(f.begin, f.end - f.begin));
  }
  const std::string replaced = anon::replace(body, findings, rules, "");
  if (!text::is_valid_utf8(replaced)) std::abort();
  return 0;
}
