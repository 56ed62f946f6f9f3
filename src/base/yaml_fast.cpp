// The fast YAML engine (docs/decisions.md, "Speed"): builds ipcode::yaml::Node from
// libfyaml's events, the same tree with the same marks as the reference engine (yaml-cpp, in
// yaml.cpp), about five times faster on large coding files. Whatever the two read differently
// (found by tests/unit/base/test_yaml_engines.cpp and tests/fuzz/targets/fuzz_yaml.cpp) is
// handed to the reference engine: parse_fast() then returns false.
#include "ipcode/base/yaml.hpp"
#include "yaml_utf8.hpp"

#include <libfyaml.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace ipcode::yaml {
namespace {

// Builds the same tree as TreeBuilder from libfyaml's events. Returns false (and leaves `out`
// alone) when libfyaml finds an error, or when the document has an anchor, an alias or a tag:
// then yaml-cpp parses it, so that what is reported and how aliases expand stays one rule.
class FastBuilder {
 public:
  explicit FastBuilder(int line_offset) : line_offset_(line_offset) {}

  bool run(std::string_view text, Node& out) {
    text_ = text;
    fy_parse_cfg cfg{};
    // Errors are collected, not printed: yaml-cpp reports them (see above).
    cfg.flags = static_cast<fy_parse_cfg_flags>(
        FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DISABLE_MMAP_OPT | FYPCF_ALLOW_DUPLICATE_KEYS |
        FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE);
    fy_diag_cfg quiet{};
    fy_diag_cfg_default(&quiet);
    quiet.fp = nullptr;
    quiet.output_fn = [](fy_diag*, void*, const char*, std::size_t) {};
    fy_diag* diag = fy_diag_create(&quiet);
    if (diag == nullptr) return false;
    // Collected, not formatted: libfyaml 0.7.12 draws the erroneous token of a long line into a
    // buffer on the stack and overflows it (found by tests/fuzz: a crash, not a difference).
    fy_diag_set_collect_errors(diag, true);
    cfg.diag = diag;
    fy_parser* parser = fy_parser_create(&cfg);
    if (parser == nullptr) {
      fy_diag_destroy(diag);
      return false;
    }
    bool ok = fy_parser_set_string(parser, text.data(), text.size()) == 0;
    // One event of look-ahead: an empty value has no place of its own, and yaml-cpp marks it
    // where the next token starts.
    fy_event* ev = ok ? fy_parser_parse(parser) : nullptr;
    bool done = false;
    while (ev != nullptr) {
      fy_event* next =
          ok && !done && ev->type != FYET_STREAM_END ? fy_parser_parse(parser) : nullptr;
      if (ok && !done) ok = handle(ev, next, done);
      fy_parser_event_free(parser, ev);
      ev = next;
    }
    if (fy_parser_get_stream_error(parser)) ok = false;
    fy_parser_destroy(parser);
    fy_diag_destroy(diag);
    if (!ok || !stack_.empty()) return false;
    out = std::move(root_);
    return true;
  }

 private:
  struct Open {
    Node node;
    bool have_key = false;
    Node key;
    bool flow = false;  // written [ ... ] or { ... }
  };

  bool handle(fy_event* ev, fy_event* next, bool& done) {
    switch (ev->type) {
      case FYET_DOCUMENT_END:
        done = true;  // like yaml-cpp's HandleNextDocument: the first document only
        return true;
      case FYET_SCALAR: {
        if (ev->scalar.anchor != nullptr || ev->scalar.tag != nullptr) return false;
        fy_token* value = ev->scalar.value;
        std::size_t len = 0;
        const char* s = value != nullptr ? fy_token_get_text(value, &len) : "";
        if (s == nullptr) return false;
        const std::string_view v(s, len);
        const fy_scalar_style style = value != nullptr ? fy_token_scalar_style(value) : FYSS_PLAIN;
        // yaml-cpp's null: an empty plain value, or ~, null, Null, NULL written plainly.
        if (style == FYSS_PLAIN &&
            (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL")) {
          // An empty value has no place; yaml-cpp marks it at the next token. That is the next
          // event's place for a value in a mapping, but not for an empty list item (the next
          // token is a `-`): such documents go to yaml-cpp.
          const bool empty = value == nullptr || len == 0;
          if (empty && (stack_.empty() || stack_.back().node.kind != Node::Kind::map ||
                        !stack_.back().have_key || stack_.back().flow))
            return false;
          // At the end of a file without a final line break the two disagree on that place.
          if (empty && next != nullptr && next->type != FYET_SCALAR &&
              next->type != FYET_MAPPING_START && next->type != FYET_SEQUENCE_START &&
              (text_.empty() || text_.back() != '\n'))
            return false;
          const fy_mark* m = empty ? mark_of(next) : fy_event_start_mark(ev);
          if (m == nullptr) return false;
          Node n = make(Node::Kind::null, *m, 0);
          // `~` or `null` below its key (see below_key); an empty value is marked at the next
          // token, which may well be there.
          if (!empty && below_key(n.mark)) return false;
          return add(std::move(n));
        }
        // A plain text never ends in a line break; libfyaml sometimes keeps one at the end of
        // a file (found by tests/fuzz).
        if (style == FYSS_PLAIN && (v.back() == '\n' || v.back() == '\r')) return false;
        const fy_mark* m = fy_event_start_mark(ev);
        if (m == nullptr) return false;
        // yaml-cpp marks a quoted scalar at its opening quote and a block scalar at its `|`
        // or `>`; libfyaml at the first character of the text.
        std::optional<std::size_t> at = m->input_pos;
        if (style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED) {
          at = m->input_pos > 0 ? std::optional<std::size_t>(m->input_pos - 1) : std::nullopt;
          // A quoted text over a CRLF line break: libfyaml keeps a line break where yaml-cpp
          // folds it into a space (found by tests/fuzz).
          const fy_mark* e = fy_event_end_mark(ev);
          if (e == nullptr || e->input_pos < m->input_pos || e->input_pos > text_.size())
            return false;
          const std::string_view raw = text_.substr(m->input_pos, e->input_pos - m->input_pos);
          if (raw.find('\r') != std::string_view::npos) return false;
          // Empty lines before a closing quote at the start of its line: libfyaml keeps one
          // line break per empty line, as YAML says, yaml-cpp one fewer (found by tests/fuzz).
          const std::size_t nl = raw.rfind('\n');
          if (!v.empty() && v.back() == '\n' && nl != std::string_view::npos &&
              raw.find_first_not_of(" \t'\"", nl + 1) == std::string_view::npos)
            return false;
        } else if (style == FYSS_LITERAL || style == FYSS_FOLDED) {
          // A more indented line in a `>` text: libfyaml drops the line break of an empty line
          // before it, yaml-cpp keeps it, as YAML says (found by tests/fuzz). Its line breaks
          // are not folded, so the value has a line break followed by a blank.
          if (style == FYSS_FOLDED &&
              (v.find("\n ") != std::string_view::npos || v.find("\n\t") != std::string_view::npos))
            return false;
          // A `|` or `>` with no text: libfyaml reads a line break or a NUL, yaml-cpp nothing.
          if (v.find_first_not_of(std::string_view("\r\n\0", 3)) == std::string_view::npos)
            return false;
          // Its last line at the end of a file without a final line break: libfyaml keeps a
          // line break there, yaml-cpp does not, as YAML says (found by tests/fuzz).
          if (text_.back() != '\n') {
            const fy_mark* e = fy_event_end_mark(ev);
            if (e == nullptr || e->input_pos >= text_.size()) return false;
          }
          at = block_indicator(m->input_pos);
          // Text of a `|` or `>` value must be indented more than its key; libfyaml takes a
          // line at the key's indent as the text, yaml-cpp does not: yaml-cpp reads it.
          if (!stack_.empty() && stack_.back().node.kind == Node::Kind::map &&
              stack_.back().have_key && !block_indented(m->input_pos, stack_.back().key.mark.col))
            return false;
          // The same for a list item (`- >`): its text must be indented more than the `-`
          // (found by tests/fuzz: libfyaml took the next `- item` as the text).
          if (!stack_.empty() && stack_.back().node.kind == Node::Kind::sequence &&
              !stack_.back().flow && !block_indented(m->input_pos, stack_.back().node.mark.col))
            return false;
        }
        if (!at) return false;
        Node n =
            make(Node::Kind::scalar, *m, static_cast<long>(*at) - static_cast<long>(m->input_pos));
        // A value on a line after its key must be indented more than the key.
        if (below_key(n.mark)) return false;
        n.scalar.assign(v);
        return add(std::move(n));
      }
      case FYET_SEQUENCE_START:
      case FYET_MAPPING_START: {
        const bool seq = ev->type == FYET_SEQUENCE_START;
        if (seq ? (ev->sequence_start.anchor != nullptr || ev->sequence_start.tag != nullptr)
                : (ev->mapping_start.anchor != nullptr || ev->mapping_start.tag != nullptr))
          return false;
        const fy_mark* m = fy_event_start_mark(ev);
        if (m == nullptr) return false;
        const bool flow = m->input_pos < text_.size() &&
                          (text_[m->input_pos] == '[' || text_[m->input_pos] == '{');
        Node n = make(seq ? Node::Kind::sequence : Node::Kind::map, *m, 0);
        // A `[` or `{` value below its key (see below_key); a `-` list may be there.
        if (flow && below_key(n.mark)) return false;
        stack_.push_back({std::move(n), false, {}, flow});
        return true;
      }
      case FYET_SEQUENCE_END:
      case FYET_MAPPING_END: {
        if (stack_.empty()) return false;
        Open top = std::move(stack_.back());
        stack_.pop_back();
        return add(std::move(top.node));
      }
      case FYET_ALIAS:
        return false;
      default:
        return true;
    }
  }

  // Whether a value at `m` is on a line after its key and not indented more than the key.
  // libfyaml takes `x:` followed by `text` (or `~`, `[a]`) at the key's column as x's value,
  // yaml-cpp as a second key: such a document goes to yaml-cpp, so the line is still reported
  // as before (found by tests/fuzz).
  bool below_key(const Mark& m) const {
    if (stack_.empty() || stack_.back().node.kind != Node::Kind::map || !stack_.back().have_key)
      return false;
    const Mark& key = stack_.back().key.mark;
    return m.line > key.line && m.col <= key.col;
  }

  static const fy_mark* mark_of(fy_event* ev) {
    if (ev == nullptr) return nullptr;
    const fy_mark* m = fy_event_start_mark(ev);
    return m != nullptr && m->line >= 0 ? m : nullptr;
  }

  // The `|` or `>` of a block scalar whose text starts at `pos` (the line after its header):
  // the first indicator on the header line followed only by indentation and chomping
  // indicators, spaces and a comment.
  std::optional<std::size_t> block_indicator(std::size_t pos) const {
    if (pos == 0 || pos > text_.size()) return std::nullopt;
    std::size_t end = pos - 1;  // the header line's line break
    if (end > 0 && text_[end] == '\n' && text_[end - 1] == '\r') --end;
    const std::size_t nl = text_.rfind('\n', end == 0 ? 0 : end - 1);
    const std::size_t begin = nl == std::string_view::npos || end == 0 ? 0 : nl + 1;
    for (std::size_t i = begin; i < end; ++i) {
      if (text_[i] != '|' && text_[i] != '>') continue;
      std::size_t j = i + 1;
      while (j < end && (std::isdigit(static_cast<unsigned char>(text_[j])) != 0 ||
                         text_[j] == '+' || text_[j] == '-'))
        ++j;
      while (j < end && (text_[j] == ' ' || text_[j] == '\t')) ++j;
      if (j == end ||
          (text_[j] == '#' && j > i + 1 && (text_[j - 1] == ' ' || text_[j - 1] == '\t')))
        return i;
    }
    return std::nullopt;
  }

  // Whether the first line with text from `pos` on is indented past column `key_col` (1-based).
  bool block_indented(std::size_t pos, int key_col) const {
    while (pos < text_.size()) {
      std::size_t indent = 0;
      while (pos + indent < text_.size() && text_[pos + indent] == ' ') ++indent;
      const std::size_t end = pos + indent;
      if (end >= text_.size()) return true;
      if (text_[end] != '\n' && text_[end] != '\r') {
        return static_cast<long>(indent) > static_cast<long>(key_col) - 1;
      }
      pos = text_.find('\n', end);
      if (pos == std::string_view::npos) return true;
      ++pos;
    }
    return true;
  }

  // yaml-cpp counts columns in bytes, libfyaml in characters: the column is taken from the
  // byte offset. `shift` moves the mark back to where yaml-cpp puts it (an opening quote).
  Node make(Node::Kind kind, const fy_mark& m, long shift) const {
    Node n;
    n.kind = kind;
    const std::size_t pos = static_cast<std::size_t>(static_cast<long>(m.input_pos) + shift);
    const std::size_t nl = pos == 0 ? std::string_view::npos : text_.rfind('\n', pos - 1);
    const std::size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
    const int line =
        m.line - static_cast<int>(std::count(text_.begin() + static_cast<long>(pos),
                                             text_.begin() + static_cast<long>(m.input_pos), '\n'));
    n.mark = {line + 1 + line_offset_, static_cast<int>(pos - line_start) + 1};
    return n;
  }

  bool add(Node n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      return true;
    }
    Open& parent = stack_.back();
    if (parent.node.kind == Node::Kind::sequence) {
      // An item of a `-` list must be indented more than the `-`. libfyaml takes `-` followed
      // by `x` at the `-`'s column as the item x, yaml-cpp as an empty item (found by
      // tests/fuzz): such a document goes to yaml-cpp.
      if (!parent.flow && n.mark.col <= parent.node.mark.col) return false;
      parent.node.items.push_back(std::move(n));
    } else if (!parent.have_key) {
      // A single pair in a flow sequence (`[a: b, c]`) is a map that libfyaml starts at the
      // ':' and yaml-cpp at its key: a map never starts after its first key (found by
      // tests/fuzz/targets/fuzz_yaml.cpp).
      const Mark& k = n.mark;
      Mark& m = parent.node.mark;
      if (parent.node.entries.empty() && (k.line < m.line || (k.line == m.line && k.col < m.col)))
        m = k;
      parent.key = std::move(n);
      parent.have_key = true;
    } else {
      parent.node.entries.push_back(Node::Entry{std::move(parent.key), std::move(n)});
      parent.have_key = false;
    }
    return true;
  }

  int line_offset_;
  std::string_view text_;
  Node root_;
  std::vector<Open> stack_;
};

// Whether the `?` at `i` can be YAML's explicit key indicator: followed by a blank or the end,
// after a blank, the start of the text or a flow bracket.
bool explicit_key_at(std::string_view s, std::size_t i) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  if (i + 1 < s.size() && !blank(s[i + 1])) return false;
  return i == 0 || blank(s[i - 1]) || s[i - 1] == '{' || s[i - 1] == '[' || s[i - 1] == ',';
}

// Whether libfyaml reads `text` as yaml-cpp does, as far as one pass over the bytes can tell:
// well-formed UTF-8 (libfyaml ends the document silently at the first byte that is not, and at
// a NUL), no other control characters (not allowed in YAML; libfyaml takes them into the text)
// no CR alone (a line break to libfyaml, not to yaml-cpp), no explicit key and no escape that
// yaml-cpp writes wrongly.
bool plain_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) return false;
      if (b == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n')) return false;
      // An explicit key (`? key`): the two place the null value of a key without `:`
      // differently (found by tests/fuzz). A `?` ending a sentence is not one.
      if (b == '?' && explicit_key_at(s, i)) return false;
      // The escapes \N and \_ (U+0085, U+00A0): yaml-cpp 0.7 writes the code point as one
      // byte, which is not UTF-8; libfyaml writes it in UTF-8 (found by tests/fuzz). The
      // reference engine reads them, so that the text is the same whichever file it is in.
      if (b == '\\' && i + 1 < s.size() && (s[i + 1] == 'N' || s[i + 1] == '_')) return false;
      // A `%` starting a line reads as a directive to one and as text to the other.
      if (b == '%' && (i == 0 || s[i - 1] == '\n')) return false;
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// Whether a document end marker `...` at a line start is followed by more than blanks and
// comments. Before any document (`# comment` then `...`), YAML starts the first document after
// the marker, as libfyaml does; yaml-cpp 0.7 reads an empty document there (found by
// tests/fuzz). ipcode's files have no `...`; one find over the text.
bool text_after_document_end(std::string_view s) {
  for (std::size_t pos = s.find("..."); pos != std::string_view::npos;
       pos = s.find("...", pos + 3)) {
    const std::size_t end = pos + 3;
    if ((pos > 0 && s[pos - 1] != '\n') ||
        (end < s.size() && s[end] != ' ' && s[end] != '\t' && s[end] != '\r' && s[end] != '\n'))
      continue;
    for (std::size_t i = end; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '#') {
        i = s.find('\n', i);
        if (i == std::string_view::npos) return false;
      } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return true;
      }
    }
    return false;
  }
  return false;
}

}  // namespace

namespace detail {

bool parse_fast(std::string_view text, Node& out, int line_offset) {
  if (!plain_text(text)) return false;
  // libfyaml reads two '' escapes in a row in a single-quoted scalar wrongly ('x''''y' is x''y)
  // and may leak memory on them (found by tests/fuzz): yaml-cpp reads such a document.
  if (text.find("''''") != std::string_view::npos) return false;
  if (text_after_document_end(text)) return false;
  FastBuilder builder(line_offset);
  Node root;
  if (!builder.run(text, root)) return false;
  out = root.is_null() ? Node{} : std::move(root);
  return true;
}

}  // namespace detail
}  // namespace ipcode::yaml
