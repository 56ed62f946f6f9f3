/// Keyword in context (SPEC §7 `ipcode kwic`): every place a pattern (aids/pattern.hpp) occurs
/// in a transcript's speech, with the text around it. A phrase may run over line breaks (and
/// page markers) within one speaker turn, never from one turn into the next.
#pragma once

#include "ipcode/aids/pattern.hpp"
#include "ipcode/transcript/transcript.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace ipcode::aids {

struct KwicOptions {
  std::size_t width = 40;  // context on each side, in display columns, "…" included
  std::string speaker;     // only this speaker's turns (empty: every turn)
};

struct Hit {
  std::size_t transcript = 0;  // the index given to kwic()
  int line = 0;                // first and last physical line of the match
  int line_end = 0;
  int page = 1;
  int page_end = 1;
  std::string speaker;
  std::string left;   // white space collapsed; cut at the width with "…" in front
  std::string match;  // the transcript's own text, line breaks as single spaces
  std::string right;  // cut at the width with "…" at the end
};

/// The hits in one transcript, in order of position.
std::vector<Hit> kwic(const transcript::Transcript& t, std::size_t index, const Pattern& pattern,
                      const KwicOptions& options);

/// "p.2 l.14" / "s.2 l.14–15" (SPEC §10 references, in the report language `lang`), ranges
/// with an en dash when the hit spans pages or lines.
std::string reference(const std::string& lang, const Hit& hit);

/// Cuts `s` to at most `width` display columns (text::display_width): from the end for the
/// left context (`keep_end`), else from the start, with "…" where it was cut. A combining
/// mark stays with its letter.
std::string cut(std::string_view s, std::size_t width, bool keep_end);

}  // namespace ipcode::aids
