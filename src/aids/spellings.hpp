// Private to src/aids: the memo of `terms` — what each word as written is — in a flat hash
// table, so a word already seen costs a hash and mostly one cache line, never an allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::aids::memo {

inline constexpr std::uint32_t kNone = UINT32_MAX;

// What one spelling is.
struct Entry {
  std::uint32_t form = kNone;  // counted form (folded), or kNone: stop word, number
  std::uint32_t ends = 0;      // filler phrases this word ends (bit mask)
  std::uint8_t code = 0;       // its code as a word inside a filler phrase (0: none)
};

// A hash of a short byte string, 8 bytes at a time (words are mostly under 16 bytes).
inline std::uint64_t hash_word(std::string_view w) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ w.size();
  std::size_t i = 0;
  for (; i + 8 <= w.size(); i += 8) {
    std::uint64_t v = 0;
    std::memcpy(&v, w.data() + i, 8);
    h = (h ^ v) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
  }
  std::uint64_t v = 0;
  for (std::size_t k = 0; i + k < w.size(); ++k) {
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(w[i + k])) << (8 * k);
  }
  h = (h ^ v) * 0xC4CEB9FE1A85EC53ULL;
  return h ^ (h >> 29);
}

// Whether `w` is at `p`: inline, 8 bytes at a time (a call to memcmp cost more than the
// comparison of a short word).
inline bool same_bytes(const char* p, std::string_view w) {
  std::size_t i = 0;
  for (; i + 8 <= w.size(); i += 8) {
    std::uint64_t x = 0, y = 0;
    std::memcpy(&x, p + i, 8);
    std::memcpy(&y, w.data() + i, 8);
    if (x != y) return false;
  }
  for (; i < w.size(); ++i) {
    if (p[i] != w[i]) return false;
  }
  return true;
}

// The memo of one worker: word as written -> Entry, in one flat table (open addressing,
// linear probing, at most half full) with the spellings in one string, so a lookup is a hash
// and mostly one cache line.
class Spellings {
 public:
  Spellings() : slots_(4096) {}

  // The entry of `w` (hash `h`), or nullptr.
  const Entry* find(std::string_view w, std::uint64_t h) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.len == kEmpty) return nullptr;
      if (s.hash == h && s.len == w.size() && same_bytes(keys_.data() + s.key, w)) return &s.entry;
    }
  }

  const Entry* insert(std::string_view w, std::uint64_t h, const Entry& e) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    Slot& s = place(h);
    s.hash = h;
    s.key = static_cast<std::uint32_t>(keys_.size());
    s.len = static_cast<std::uint32_t>(w.size());
    s.entry = e;
    keys_.append(w);
    ++size_;
    return &s.entry;
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t key = 0;  // offset in keys_
    std::uint32_t len = kEmpty;
    Entry entry;
  };

  Slot& place(std::uint64_t h) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].len != kEmpty) i = (i + 1) & mask;
    return slots_[i];
  }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.len != kEmpty) place(s.hash) = s;
    }
  }

  std::vector<Slot> slots_;
  std::string keys_;
  std::size_t size_ = 0;
};

}  // namespace ipcode::aids::memo
