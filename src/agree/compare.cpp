// Comparing two coders over the units of analysis (SPEC §11): which codes each gave each
// sentence (or character), and the 2×2 table of every code.
#include "ipcode/agree/agree.hpp"
#include "ipcode/text/text.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace ipcode::agree {
namespace {

using transcript::LineKind;
using transcript::Transcript;

// Codes are compared by id at the chosen level; `Keys` numbers the ids as they are met.
class Keys {
 public:
  int key(const codebook::Codebook& cb, int node, codebook::Level level) {
    // A subgroup counts as its group or theme; a code above the level stays as it is.
    for (int i : cb.lineage(node)) {
      const auto& n = cb.nodes[static_cast<std::size_t>(i)];
      if (static_cast<int>(n.level) <= static_cast<int>(level)) return intern(n.id, n.label);
    }
    const auto& n = cb.nodes[static_cast<std::size_t>(node)];
    return intern(n.id, n.label);
  }
  const std::string& id(int k) const { return ids_[static_cast<std::size_t>(k)]; }
  const std::string& label(int k) const { return labels_[static_cast<std::size_t>(k)]; }
  int find(const std::string& id) const {
    const auto it = index_.find(id);
    return it == index_.end() ? -1 : it->second;
  }

 private:
  int intern(const std::string& id, const std::string& label) {
    const auto [it, fresh] = index_.emplace(id, static_cast<int>(ids_.size()));
    if (fresh) {
      ids_.push_back(id);
      labels_.push_back(label);
    }
    return it->second;
  }
  std::map<std::string, int> index_;
  std::vector<std::string> ids_;
  std::vector<std::string> labels_;
};

// One unit of analysis: its weight (1 for a sentence, the characters of a run) and the code
// keys each side gave it, sorted and unique.
struct Item {
  std::uint64_t weight = 0;
  std::vector<int> a;
  std::vector<int> b;
};

std::vector<int> codes_over(const std::vector<const loader::Unit*>& units, const Pair& p,
                            std::uint32_t begin, std::uint32_t end, codebook::Level level,
                            Keys& keys) {
  std::set<int> out;
  for (const auto* u : units) {
    if (u->span_begin < end && begin < u->span_end) {
      for (int c : u->codes) out.insert(keys.key(*p.codebook, c, level));
    }
  }
  return {out.begin(), out.end()};
}

// NVivo's unit: every character (code point) of informant speech, line breaks not counted.
// Characters coded alike are taken together as one weighted item: the runs between the
// places where a unit of either side starts or ends.
void character_items(const Pair& p, codebook::Level level, Keys& keys, std::vector<Item>& out) {
  const Transcript& t = *p.transcript;
  const bool unlabelled = t.turns.empty();
  std::vector<std::uint32_t> edges;
  for (const auto* side : {&p.a, &p.b}) {
    for (const auto* u : *side) {
      edges.push_back(u->span_begin);
      edges.push_back(u->span_end);
    }
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  const std::string_view s = t.text;
  for (const auto& l : t.lines) {
    if (l.kind != LineKind::text) continue;
    const bool speech =
        unlabelled || (l.turn >= 0 && !t.turns[static_cast<std::size_t>(l.turn)].interviewer);
    const std::uint32_t b = std::max(l.speech_begin, l.begin);
    if (!speech || b >= l.end) continue;
    std::uint32_t from = b;
    auto edge = std::upper_bound(edges.begin(), edges.end(), b);
    while (from < l.end) {
      const std::uint32_t to = (edge != edges.end() && *edge < l.end) ? *edge++ : l.end;
      Item item;
      item.weight = text::length(s.substr(from, to - from));
      item.a = codes_over(p.a, p, from, to, level, keys);
      item.b = codes_over(p.b, p, from, to, level, keys);
      out.push_back(std::move(item));
      from = to;
    }
  }
}

}  // namespace

Result compare(const std::vector<Pair>& pairs, UnitKind unit, codebook::Level level) {
  Result r;
  Keys keys;
  std::vector<Item> items;
  struct Seen {
    std::size_t pair;
    Segment sentence;
    std::vector<int> a, b;
  };
  std::vector<Seen> disagreeing;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const Pair& p = pairs[i];
    for (auto& s : sentences(*p.transcript)) {
      Item item;
      item.weight = 1;
      item.a = codes_over(p.a, p, s.begin, s.end, level, keys);
      item.b = codes_over(p.b, p, s.begin, s.end, level, keys);
      ++r.sentences;
      if (item.a == item.b) {
        ++r.identical;
      } else {
        disagreeing.push_back({i, std::move(s), item.a, item.b});
      }
      if (unit == UnitKind::sentence) items.push_back(std::move(item));
    }
    if (unit == UnitKind::character) character_items(p, level, keys, items);
  }

  // The codes either coder gave some unit, in codebook order (the rounds' codebooks in the
  // order of the pairs).
  std::set<int> used;
  for (const auto& item : items) {
    used.insert(item.a.begin(), item.a.end());
    used.insert(item.b.begin(), item.b.end());
  }
  std::vector<int> order;
  std::set<int> placed;
  for (const auto& p : pairs) {
    for (std::size_t n = 0; n < p.codebook->nodes.size(); ++n) {
      const int k = keys.find(p.codebook->nodes[n].id);
      if (k >= 0 && used.count(k) != 0 && placed.insert(k).second) order.push_back(k);
    }
  }
  std::map<int, std::size_t> row;
  for (int k : order) {
    row[k] = r.codes.size();
    r.codes.push_back({keys.id(k), keys.label(k), {}});
  }
  for (const auto& item : items) {
    r.units += item.weight;
    for (int k : order) {
      const bool in_a = std::binary_search(item.a.begin(), item.a.end(), k);
      const bool in_b = std::binary_search(item.b.begin(), item.b.end(), k);
      Counts& c = r.codes[row[k]].counts;
      (in_a ? (in_b ? c.both : c.only_a) : (in_b ? c.only_b : c.neither)) += item.weight;
    }
  }
  for (const auto& c : r.codes) r.pooled += c.counts;

  const auto ids = [&](const std::vector<int>& ks) {
    std::vector<int> sorted = ks;
    std::sort(sorted.begin(), sorted.end(), [&](int x, int y) {
      const auto rx = row.find(x), ry = row.find(y);
      const std::size_t ix = rx == row.end() ? r.codes.size() : rx->second;
      const std::size_t iy = ry == row.end() ? r.codes.size() : ry->second;
      return ix != iy ? ix < iy : keys.id(x) < keys.id(y);
    });
    std::vector<std::string> out;
    for (int k : sorted) out.push_back(keys.id(k));
    return out;
  };
  for (const auto& d : disagreeing) {
    r.disagreements.push_back({pairs[d.pair].transcript, d.sentence, ids(d.a), ids(d.b)});
  }
  return r;
}

}  // namespace ipcode::agree
