// Norwegian collation with ICU's "nb" collator (æ, ø, å after z; "aa" sorts as "å").

#include "ipcode/text/text.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ipcode::text {
namespace {

// Created once. Only const methods are called on it afterwards (compareUTF8, getSortKey),
// which ICU allows from several threads at once.
const icu::Collator* nb_collator() {
  static const std::unique_ptr<const icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("nb"), status));
    // "nb" resolves to "no" with U_USING_FALLBACK_WARNING: a warning, not a failure.
    if (U_FAILURE(status)) {
      c.reset();
    }
    return std::unique_ptr<const icu::Collator>(std::move(c));
  }();
  return collator.get();
}

int byte_compare(std::string_view a, std::string_view b) {
  const int r = a.compare(b);
  return (r > 0) - (r < 0);
}

icu::StringPiece piece(std::string_view s) {
  return {s.data(), static_cast<std::int32_t>(s.size())};
}

// The collator's sort key: comparing keys byte-wise gives the same order as compareUTF8,
// so a sort computes n keys instead of n log n comparisons.
std::string sort_key(const icu::Collator& collator, std::string_view s) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(piece(s));
  std::string key(64, '\0');
  for (;;) {
    const std::int32_t needed = collator.getSortKey(u, reinterpret_cast<std::uint8_t*>(key.data()),
                                                    static_cast<std::int32_t>(key.size()));
    if (needed <= 0) {
      return std::string(s);  // ICU failed; never expected for a valid collator
    }
    if (static_cast<std::size_t>(needed) <= key.size()) {
      key.resize(static_cast<std::size_t>(needed) - 1);  // drop the terminating zero byte
      return key;
    }
    key.resize(static_cast<std::size_t>(needed));
  }
}

}  // namespace

int collate(std::string_view a, std::string_view b) {
  const icu::Collator* collator = nb_collator();
  if (collator == nullptr) {
    return byte_compare(a, b);
  }
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r = collator->compareUTF8(piece(a), piece(b), status);
  if (U_FAILURE(status)) {
    return byte_compare(a, b);
  }
  return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

bool collate_less(std::string_view a, std::string_view b) { return collate(a, b) < 0; }

void sort_collated(std::vector<std::string>& v) {
  const icu::Collator* collator = nb_collator();
  if (collator == nullptr) {
    std::ranges::sort(v);
    return;
  }
  std::vector<std::string> keys;
  keys.reserve(v.size());
  for (const std::string& s : v) {
    keys.push_back(sort_key(*collator, s));
  }
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Ties (strings the collator finds equal) are broken byte-wise, so the order is total and
  // the output is the same on every run.
  std::ranges::sort(order, [&](std::size_t i, std::size_t j) {
    if (const int c = keys[i].compare(keys[j]); c != 0) {
      return c < 0;
    }
    return v[i] < v[j];
  });
  std::vector<std::string> sorted;
  sorted.reserve(v.size());
  for (const std::size_t i : order) {
    sorted.push_back(std::move(v[i]));
  }
  v = std::move(sorted);
}

}  // namespace ipcode::text
