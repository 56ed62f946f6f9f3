// Step 1 aid: the most distinctive words per group (see terms.hpp for the contract).
//
// Speed (SPEC §13: at most 3× `wc -w`): one pass per transcript over for_each_word on a few
// threads. Each worker memoises what a word as written is (counted form, stop word, number)
// in a flat hash table (spellings.hpp), so folding runs once per distinct spelling, and
// counts go into dense arrays indexed by form id: no allocation per word. The workers' ids
// are mapped to shared ids when the per-transcript results are merged, in the order of the
// transcripts; Snowball runs there, once per distinct folded form.
#include "ipcode/aids/terms.hpp"

#include "ipcode/aids/scan.hpp"
#include "ipcode/base/parallel.hpp"
#include "ipcode/base/strings.hpp"
#include "ipcode/text/text.hpp"
#include "spellings.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace ipcode::aids {
namespace {

using transcript::Transcript;

using memo::Entry;
using memo::hash_word;
using memo::kNone;
using memo::Spellings;

template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Filler phrases (text::filler_phrases) as codes: each word that comes before the last one
// gets a small code; a phrase is dropped by dropping its last word when the codes of the
// words just before it match.
constexpr std::size_t kMaxBefore = 3;
struct Phrase {
  std::array<std::uint8_t, kMaxBefore> before{};  // before[0]: the word just before the last
  std::size_t length = 0;                         // words before the last one
};
struct Phrases {
  std::vector<Phrase> list;
  StringMap<std::uint8_t> code;   // a word before the last -> its code (1..)
  StringMap<std::uint32_t> last;  // a last word -> bit mask of phrases
};

const Phrases& phrases() {
  static const Phrases p = [] {
    Phrases out;
    for (const std::string_view phrase : text::filler_phrases()) {
      std::vector<std::string_view> words;
      for (std::size_t at = 0; at <= phrase.size();) {
        const std::size_t space = std::min(phrase.find(' ', at), phrase.size());
        words.push_back(phrase.substr(at, space - at));
        at = space + 1;
      }
      if (words.size() < 2 || words.size() - 1 > kMaxBefore || out.list.size() >= 32) continue;
      Phrase ph;
      ph.length = words.size() - 1;
      for (std::size_t k = 0; k < ph.length; ++k) {
        const std::string w(words[ph.length - 1 - k]);
        auto [it, added] = out.code.try_emplace(w, static_cast<std::uint8_t>(out.code.size() + 1));
        ph.before[k] = it->second;
      }
      out.last[std::string(words.back())] |= 1U << out.list.size();
      out.list.push_back(ph);
    }
    return out;
  }();
  return p;
}

struct Counted {
  std::uint32_t slot = 0;
  std::uint32_t form = 0;  // the worker's form id
  std::uint32_t count = 0;
};

// One transcript's counts, in its worker's ids.
struct Scanned {
  std::size_t worker = 0;
  std::vector<std::string> slots;  // group names met in this transcript
  std::vector<Counted> counts;
};

struct Worker {
  Spellings spellings;
  StringMap<std::uint32_t> form_ids;  // folded form -> form id
  std::vector<std::string> forms;
  std::vector<std::vector<std::uint32_t>> counts;   // [slot][form], zero between transcripts
  std::vector<std::vector<std::uint32_t>> touched;  // [slot]: forms counted
};

bool only_digits(std::string_view w) {
  return std::ranges::all_of(w, [](char c) { return c >= '0' && c <= '9'; });
}

// Folds, filters and numbers a spelling met for the first time.
Entry new_entry(Worker& wk, std::string_view written) {
  const std::string folded = text::fold(written);
  Entry e;
  if (!only_digits(folded) && !text::is_stopword(folded)) {
    auto [it, added] = wk.form_ids.try_emplace(folded, static_cast<std::uint32_t>(wk.forms.size()));
    if (added) wk.forms.push_back(folded);
    e.form = it->second;
  }
  const Phrases& p = phrases();
  if (const auto it = p.code.find(folded); it != p.code.end()) e.code = it->second;
  if (const auto it = p.last.find(folded); it != p.last.end()) e.ends = it->second;
  return e;
}

const Entry& entry_of(Worker& wk, std::string_view written) {
  const std::uint64_t h = hash_word(written);
  if (const Entry* e = wk.spellings.find(written, h)) return *e;
  return *wk.spellings.insert(written, h, new_entry(wk, written));
}

// Whether the word just read ends a filler phrase, given the codes of the words before it.
bool ends_filler(std::uint32_t ends, const std::array<std::uint8_t, kMaxBefore>& history) {
  const auto& list = phrases().list;
  for (std::size_t k = 0; k < list.size(); ++k) {
    if ((ends & (1U << k)) == 0) continue;
    const Phrase& ph = list[k];
    if (std::equal(ph.before.begin(), ph.before.begin() + static_cast<long>(ph.length),
                   history.begin()))
      return true;
  }
  return false;
}

void scan(const Transcript& t, const GroupOf& group_of, const TermsOptions& options, Worker& wk,
          Scanned& out) {
  // Slot of each turn (index turn + 1): -2 not asked yet, -1 left out.
  std::vector<int> slot_of(t.turns.size() + 1, -2);
  const auto slot_for = [&](int turn) {
    int& slot = slot_of[static_cast<std::size_t>(turn + 1)];
    if (slot != -2) return slot;
    // Lines before the first label belong to no speaker (SPEC §3: a heading, a note); only
    // a transcript without labels is all its informant's speech.
    if ((turn < 0 && !t.turns.empty()) ||
        (turn >= 0 && t.turns[static_cast<std::size_t>(turn)].interviewer &&
         !options.include_interviewer)) {
      return slot = -1;
    }
    std::string name = group_of(t, turn);
    const auto it = std::ranges::find(out.slots, name);
    slot = static_cast<int>(it - out.slots.begin());
    if (it == out.slots.end()) out.slots.push_back(std::move(name));
    if (wk.counts.size() < out.slots.size()) {
      wk.counts.resize(out.slots.size());
      wk.touched.resize(out.slots.size());
    }
    return slot;
  };

  std::array<std::uint8_t, kMaxBefore> history{};
  int turn = -2;
  int slot = -1;
  const std::string_view s(t.text);
  for_each_word(t, [&](const ScanWord& w) {
    if (w.turn != turn) {  // a phrase never runs from one turn into the next
      turn = w.turn;
      slot = slot_for(turn);
      history = {};
    }
    if (slot < 0) return;
    // A word alone in parentheses or brackets is a transcription mark ((pause), (ler),
    // [navn], [sted]), not speech.
    if (w.begin > 0 && w.end < s.size() &&
        ((s[w.begin - 1] == '(' && s[w.end] == ')') || (s[w.begin - 1] == '[' && s[w.end] == ']')))
      return;
    const Entry& e = entry_of(wk, s.substr(w.begin, w.end - w.begin));
    const bool filler = e.ends != 0 && ends_filler(e.ends, history);
    std::copy_backward(history.begin(), history.end() - 1, history.end());
    history[0] = e.code;
    if (e.form == kNone || filler) return;
    auto& counts = wk.counts[static_cast<std::size_t>(slot)];
    if (e.form >= counts.size()) counts.resize(wk.forms.size());
    if (counts[e.form]++ == 0) wk.touched[static_cast<std::size_t>(slot)].push_back(e.form);
  });

  for (std::size_t k = 0; k < out.slots.size(); ++k) {
    for (const std::uint32_t form : wk.touched[k]) {
      out.counts.push_back({static_cast<std::uint32_t>(k), form, wk.counts[k][form]});
      wk.counts[k][form] = 0;
    }
    wk.touched[k].clear();
  }
}

// The study's counts in shared ids.
struct Merged {
  std::vector<TermGroup> groups;
  std::vector<std::vector<std::pair<std::uint32_t, std::uint64_t>>> group_forms;  // [group]
  std::vector<std::string> forms;
  std::vector<std::uint32_t> form_stem;
  std::vector<std::string> stems;
  std::vector<std::uint64_t> stem_total;
  std::vector<std::uint32_t> stem_transcripts;
  std::uint64_t words = 0;
};

Merged merge(const std::vector<Scanned>& scanned, const std::vector<Worker>& workers) {
  Merged m;
  StringMap<std::uint32_t> group_ids, form_ids, stem_ids;
  std::vector<std::vector<std::uint32_t>> shared(workers.size());  // [worker][form]
  std::vector<std::uint32_t> last_seen;                            // [stem]: transcript + 1
  std::vector<std::uint32_t> slot_group;
  for (std::size_t i = 0; i < scanned.size(); ++i) {
    const Scanned& sc = scanned[i];
    slot_group.clear();
    for (const std::string& name : sc.slots) {
      auto [it, added] = group_ids.try_emplace(name, static_cast<std::uint32_t>(m.groups.size()));
      if (added) {
        m.groups.push_back(TermGroup{name, 0, {}});
        m.group_forms.emplace_back();
      }
      slot_group.push_back(it->second);
    }
    auto& to_shared = shared[sc.worker];
    const Worker& wk = workers[sc.worker];
    for (const Counted& c : sc.counts) {
      if (to_shared.size() <= c.form) to_shared.resize(wk.forms.size(), kNone);
      std::uint32_t& form = to_shared[c.form];
      if (form == kNone) {
        const std::string& folded = wk.forms[c.form];
        auto [it, added] = form_ids.try_emplace(folded, static_cast<std::uint32_t>(m.forms.size()));
        if (added) {
          m.forms.push_back(folded);
          std::string stem = text::stem(folded);
          auto [st, new_stem] =
              stem_ids.try_emplace(stem, static_cast<std::uint32_t>(m.stems.size()));
          if (new_stem) {
            m.stems.push_back(std::move(stem));
            m.stem_total.push_back(0);
            m.stem_transcripts.push_back(0);
            last_seen.push_back(0);
          }
          m.form_stem.push_back(st->second);
        }
        form = it->second;
      }
      const std::uint32_t stem = m.form_stem[form];
      const std::uint32_t g = slot_group[c.slot];
      m.group_forms[g].emplace_back(form, c.count);
      m.groups[g].words += c.count;
      m.stem_total[stem] += c.count;
      m.words += c.count;
      if (last_seen[stem] != i + 1) {
        last_seen[stem] = static_cast<std::uint32_t>(i + 1);
        ++m.stem_transcripts[stem];
      }
    }
  }
  return m;
}

// Norwegian collation, then bytes: the order of words with equal counts.
bool word_less(const std::string& a, const std::string& b) {
  const int c = text::collate(a, b);
  return c != 0 ? c < 0 : a < b;
}

bool term_before(const Term& a, const Term& b) {
  if (a.g2 != b.g2) return a.g2 > b.g2;
  if (a.count != b.count) return a.count > b.count;
  return word_less(a.word, b.word);
}

// Per stem: its count in one group and its most frequent form there; reset between groups
// through `touched`, so ranking every group costs the group's own forms only.
struct Scratch {
  Scratch(std::size_t forms, std::size_t stems)
      : form_count(forms, 0), stem_count(stems, 0), best(stems, kNone), best_count(stems, 0) {}
  std::vector<std::uint64_t> form_count;
  std::vector<std::uint32_t> form_touched;
  std::vector<std::uint64_t> stem_count;
  std::vector<std::uint32_t> best;
  std::vector<std::uint64_t> best_count;
  std::vector<std::uint32_t> touched;
};

void rank(Merged& m, std::size_t g, const TermsOptions& options, Scratch& scratch) {
  TermGroup& group = m.groups[g];
  auto& [form_count, form_touched, stem_count, best, best_count, touched] = scratch;
  for (const auto& [form, n] : m.group_forms[g]) {
    if (form_count[form] == 0) form_touched.push_back(form);
    form_count[form] += n;
  }
  // The best form does not depend on the order forms come in: count, then collation, then
  // bytes decide.
  for (const std::uint32_t form : form_touched) {
    const std::uint64_t n = form_count[form];
    form_count[form] = 0;
    const std::uint32_t stem = m.form_stem[form];
    if (stem_count[stem] == 0) touched.push_back(stem);
    stem_count[stem] += n;
    if (best[stem] == kNone || n > best_count[stem] ||
        (n == best_count[stem] && word_less(m.forms[form], m.forms[best[stem]]))) {
      best[stem] = form;
      best_count[stem] = n;
    }
  }
  form_touched.clear();
  const std::uint64_t c = group.words;
  const std::uint64_t d = m.words - c;
  const std::uint64_t min_count = std::max<std::uint64_t>(options.min_count, 1);
  std::vector<Term> candidates;
  for (const std::uint32_t stem : touched) {
    const std::uint64_t a = stem_count[stem];
    const std::uint64_t b = m.stem_total[stem] - a;
    if (a < min_count) continue;
    // Relatively more frequent here than in the rest (a/c > b/d); with no rest, every word.
    if (d > 0 && static_cast<double>(a) * static_cast<double>(d) <=
                     static_cast<double>(b) * static_cast<double>(c))
      continue;
    candidates.push_back(Term{m.forms[best[stem]], m.stems[stem], a, b, log_likelihood(a, b, c, d),
                              m.stem_transcripts[stem]});
  }
  const std::size_t keep = std::min(options.top, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<long>(keep),
                    candidates.end(), term_before);
  candidates.resize(keep);
  for (const std::uint32_t stem : touched) {
    stem_count[stem] = 0;
    best[stem] = kNone;
    best_count[stem] = 0;
  }
  touched.clear();
  group.terms = std::move(candidates);
  m.group_forms[g] = {};
}

}  // namespace

double log_likelihood(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
  const double n = static_cast<double>(c) + static_cast<double>(d);
  if (n == 0) return 0;
  const double ab = static_cast<double>(a) + static_cast<double>(b);
  const double e1 = static_cast<double>(c) * ab / n;
  const double e2 = static_cast<double>(d) * ab / n;
  double sum = 0;
  if (a > 0 && e1 > 0) sum += static_cast<double>(a) * std::log(static_cast<double>(a) / e1);
  if (b > 0 && e2 > 0) sum += static_cast<double>(b) * std::log(static_cast<double>(b) / e2);
  return 2 * sum;
}

std::vector<TermGroup> terms(const std::vector<const Transcript*>& transcripts,
                             const GroupOf& group_of, const TermsOptions& options) {
  const std::size_t n = transcripts.size();
  std::vector<Scanned> scanned(n);
  // One worker per thread, each with its own memo; transcripts are handed out one by one and
  // each result goes to the transcript's own slot.
  const std::size_t worker_n = std::max<std::size_t>(1, std::min<std::size_t>(worker_count(), n));
  std::vector<Worker> workers(worker_n);
  std::atomic<std::size_t> next{0};
  parallel_for(worker_n, [&](std::size_t w) {
    for (std::size_t i = next++; i < n; i = next++) {
      scanned[i].worker = w;
      scan(*transcripts[i], group_of, options, workers[w], scanned[i]);
    }
  });
  Merged m = merge(scanned, workers);
  scanned = {};
  Scratch scratch(m.forms.size(), m.stems.size());
  for (std::size_t g = 0; g < m.groups.size(); ++g) rank(m, g, options, scratch);
  return std::move(m.groups);
}

}  // namespace ipcode::aids
