// Private to src/aids: a turn's speech as one string and the quote cut from it, for
// `ipcode suggest` (suggest.cpp).
#pragma once

#include "ipcode/transcript/transcript.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::aids::detail {

// One turn's speech as one string (lines joined by a space, page markers left out), with the
// way back to the transcript's offsets and lines.
struct TurnText {
  struct Segment {
    std::size_t built;  // offset in `text`
    std::size_t source;
    std::size_t size;
    int line;
  };
  std::string text;
  std::vector<Segment> segments;

  std::size_t to_built(std::size_t source) const {
    for (const auto& s : segments) {
      if (source >= s.source && source <= s.source + s.size) return s.built + source - s.source;
    }
    return text.size();
  }
  const Segment& segment_at(std::size_t built) const {
    auto it = std::upper_bound(segments.begin(), segments.end(), built,
                               [](std::size_t b, const Segment& s) { return b < s.built; });
    return it == segments.begin() ? *it : *std::prev(it);
  }
  std::size_t to_source(std::size_t built) const {
    const Segment& s = segment_at(built);
    return s.source + std::min(built - s.built, s.size);
  }
};

TurnText turn_text(const transcript::Transcript& t, int turn);

// Narrows [b, e) of `s` to leave out white space and a researcher's bracket (`[navn]`) at
// either end: they are not the informant's words.
void trim(std::string_view s, std::size_t& b, std::size_t& e);

// The quote: white space collapsed, a bracket inside the text as the gap `[…]` (a bracket
// in a quote is the researcher's clarification, which quote matching leaves out).
std::string quote_text(std::string_view s);

}  // namespace ipcode::aids::detail
