// The simple YAML engine (docs/decisions.md, "Speed"): a line-by-line reader of the block YAML
// that ipcode and its users write (maps and `-` lists by indentation, one-line plain and quoted
// values, one-line `[a, b]` lists, `|` and `>` texts), building the same tree with the same
// marks as the reference engine (yaml-cpp, in yaml.cpp). Whatever it is not sure of (a null, a
// value over several lines, an escape other than \" \\ \/ \n \t, a flow map, an anchor, a tab,
// a CR, a document marker, a byte that is not UTF-8 ...) makes parse_simple() return false,
// and the next engine reads the document: being wrong costs a diagnostic its place, being
// unsure costs only time. tests/unit/base/test_yaml_engines.cpp and tests/fuzz/targets/
// fuzz_yaml.cpp compare it with the reference engine.
#include "ipcode/base/yaml.hpp"
#include "yaml_utf8.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ipcode::yaml {
namespace {

// Whether `s` holds only what this engine reads the same as yaml-cpp: UTF-8, no control
// characters but the line feed (no tab, no CR), no U+0085, U+2028, U+2029 or U+FEFF (line
// breaks or a byte-order mark to some YAML readers), and a final line break.
bool simple_bytes(std::string_view s) {
  if (s.empty() || s.back() != '\n') return false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char b = p[i];
    if (b >= 0x20 && b < 0x7F) {
      ++i;
      continue;
    }
    if (b == '\n') {
      ++i;
      continue;
    }
    if (b < 0x80) return false;  // other control characters, tab, CR, DEL
    const std::size_t len = utf8_sequence(s, i);
    if (len == 0) return false;
    if (b == 0xC2 && p[i + 1] == 0x85) return false;                              // U+0085
    if (b == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))  // U+2028/9
      return false;
    if (b == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF) return false;  // U+FEFF
    i += len;
  }
  return true;
}

// Characters that may not start a plain value or key here (YAML indicators, and '-' '?' ':'
// which start one only when followed by a blank: left to the other engines).
bool indicator(char c) {
  switch (c) {
    case '-':
    case '?':
    case ':':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '\'':
    case '"':
    case '%':
    case '@':
    case '`':
    case ' ':
      return true;
    default:
      return false;
  }
}

// yaml-cpp's plain nulls (an empty value is never made here).
bool null_word(std::string_view v) { return v == "~" || v == "null" || v == "Null" || v == "NULL"; }

class SimpleParser {
 public:
  SimpleParser(std::string_view text, int line_offset) : t_(text), offset_(line_offset) {}

  bool run(Node& out) {
    split();
    skip_blank();
    if (cur_ >= lines_.size()) return false;  // an empty document: the other engines
    Node root;
    const Line& l = lines_[cur_];
    if (!node(l.begin + l.indent, -1, root)) return false;
    skip_blank();
    if (cur_ != lines_.size()) return false;
    out = std::move(root);
    return true;
  }

 private:
  struct Line {
    std::size_t begin;   // first byte
    std::size_t end;     // its line feed
    std::size_t indent;  // leading spaces
    bool blank;          // nothing but spaces, or a comment
  };

  void split() {
    lines_.reserve(t_.size() / 24 + 1);
    for (std::size_t b = 0; b < t_.size();) {
      const std::size_t e = t_.find('\n', b);  // simple_bytes: there is one
      std::size_t i = b;
      while (i < e && t_[i] == ' ') ++i;
      lines_.push_back({b, e, i - b, i == e || t_[i] == '#'});
      b = e + 1;
    }
  }

  void skip_blank() {
    while (cur_ < lines_.size() && lines_[cur_].blank) ++cur_;
  }

  Mark mark(std::size_t pos) const {
    return {static_cast<int>(cur_) + 1 + offset_, static_cast<int>(pos - lines_[cur_].begin) + 1};
  }

  // A `-` item start at pos: a dash followed by a space or the end of the line.
  bool dash_at(std::size_t pos) const {
    const std::size_t end = lines_[cur_].end;
    return pos < end && t_[pos] == '-' && (pos + 1 == end || t_[pos + 1] == ' ');
  }

  // The end of a plain key starting at `pos` when it is followed by ':' and a blank or the
  // end of the line; npos when the line is not `key: ...` in the simple form.
  std::size_t key_end(std::size_t pos) const {
    const std::size_t end = lines_[cur_].end;
    if (pos >= end || indicator(t_[pos])) return std::string_view::npos;
    std::size_t i = pos;
    while (i < end) {
      const char c = t_[i];
      if (c == ':') break;
      if (c == ' ' || c == '#' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' ||
          c == '"' || c == '\'')
        return std::string_view::npos;
      ++i;
    }
    if (i >= end || (i + 1 < end && t_[i + 1] != ' ')) return std::string_view::npos;
    return i;
  }

  // The node whose text starts at `pos` on the current line; `parent` is the column of the
  // key or dash it belongs to (-1 at the top), which its lines must be indented past.
  bool node(std::size_t pos, long parent, Node& out) {
    // Nesting is bounded by indentation (a deeper node needs a wider one), but a hostile file
    // could still nest thousands deep: left to the other engines, which have their limits.
    if (++depth_ > kMaxDepth) return false;
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{depth_};
    const auto col = static_cast<long>(pos - lines_[cur_].begin);
    if (dash_at(pos)) return sequence(col, out);
    if (key_end(pos) != std::string_view::npos) return map(col, out);
    return inline_value(pos, parent, out);
  }

  bool map(long col, Node& out) {
    out.kind = Node::Kind::map;
    std::size_t pos = lines_[cur_].begin + static_cast<std::size_t>(col);
    out.mark = mark(pos);
    for (;;) {
      const std::size_t colon = key_end(pos);
      if (colon == std::string_view::npos) return false;
      Node key;
      key.kind = Node::Kind::scalar;
      key.mark = mark(pos);
      key.scalar.assign(t_.substr(pos, colon - pos));
      if (null_word(key.scalar)) return false;
      std::size_t v = colon + 1;
      const std::size_t end = lines_[cur_].end;
      while (v < end && t_[v] == ' ') ++v;
      Node value;
      if (v == end || t_[v] == '#') {
        // The value is on the lines below: a node indented past the key, or a `-` list at
        // the key's own column. Anything else is a null, whose place yaml-cpp decides.
        ++cur_;
        skip_blank();
        if (cur_ >= lines_.size()) return false;
        const Line& l = lines_[cur_];
        const std::size_t at = l.begin + l.indent;
        if (static_cast<long>(l.indent) > col) {
          if (!node(at, col, value)) return false;
        } else if (static_cast<long>(l.indent) == col && dash_at(at)) {
          if (!sequence(col, value)) return false;
        } else {
          return false;
        }
      } else if (!inline_value(v, col, value)) {
        return false;
      }
      out.entries.push_back(Node::Entry{std::move(key), std::move(value)});
      skip_blank();
      if (cur_ >= lines_.size()) return true;
      const Line& l = lines_[cur_];
      if (static_cast<long>(l.indent) < col) return true;
      if (static_cast<long>(l.indent) > col) return false;
      pos = l.begin + l.indent;
    }
  }

  bool sequence(long col, Node& out) {
    out.kind = Node::Kind::sequence;
    out.mark = mark(lines_[cur_].begin + static_cast<std::size_t>(col));
    for (;;) {
      const std::size_t dash = lines_[cur_].begin + static_cast<std::size_t>(col);
      const std::size_t end = lines_[cur_].end;
      std::size_t p = dash + 1;
      while (p < end && t_[p] == ' ') ++p;
      if (p == end || t_[p] == '#') return false;  // an empty item: a null
      if (dash_at(p)) return false;                // `- - x`
      Node item;
      if (key_end(p) != std::string_view::npos) {
        if (!map(static_cast<long>(p - lines_[cur_].begin), item)) return false;
      } else if (!inline_value(p, col, item)) {
        return false;
      }
      out.items.push_back(std::move(item));
      skip_blank();
      if (cur_ >= lines_.size()) return true;
      const Line& l = lines_[cur_];
      if (static_cast<long>(l.indent) < col) return true;
      if (static_cast<long>(l.indent) > col) return false;
      if (!dash_at(l.begin + l.indent)) return true;  // the map around a `-` list at its column
    }
  }

  // What may follow a value on its line: spaces, then nothing or a comment.
  bool rest_blank(std::size_t i) const {
    const std::size_t end = lines_[cur_].end;
    if (i == end) return true;
    if (t_[i] != ' ') return false;
    while (i < end && t_[i] == ' ') ++i;
    return i == end || t_[i] == '#';
  }

  // After a value that ends on the current line: the next line with text must not be
  // indented past `parent` (it would go on the value, or be an error).
  bool end_of_value(long parent) {
    ++cur_;
    skip_blank();
    return cur_ >= lines_.size() || static_cast<long>(lines_[cur_].indent) <= parent;
  }

  bool inline_value(std::size_t pos, long parent, Node& out) {
    const std::size_t end = lines_[cur_].end;
    const char c = t_[pos];
    out.mark = mark(pos);
    out.kind = Node::Kind::scalar;
    std::size_t after = 0;
    if (c == '"') {
      if (!double_quoted(pos, end, out.scalar, after)) return false;
    } else if (c == '\'') {
      if (!single_quoted(pos, end, out.scalar, after)) return false;
    } else if (c == '[') {
      if (!flow_list(pos, end, out, after)) return false;
    } else if (c == '|' || c == '>') {
      return block_text(pos, parent, out);
    } else if (indicator(c) && !(c == '-' && pos + 1 < end && t_[pos + 1] != ' ')) {
      return false;  // `-5` is a text; `- x` after a key is not
    } else {
      // A plain value: to the end of the line or a comment; no ": " inside, no ':' at the end.
      std::size_t i = pos;
      std::size_t last = pos;  // just past the last non-space
      for (; i < end; ++i) {
        const char ch = t_[i];
        if (ch == '#' && t_[i - 1] == ' ') break;
        if (ch == ':' && (i + 1 == end || t_[i + 1] == ' ')) return false;
        if (ch != ' ') last = i + 1;
      }
      out.scalar.assign(t_.substr(pos, last - pos));
      if (null_word(out.scalar)) return false;
      after = end;
    }
    if (!rest_blank(after)) return false;
    return end_of_value(parent);
  }

  // "..." on one line with the escapes \" \\ \/ \n \t; `after` is just past the closing quote.
  bool double_quoted(std::size_t pos, std::size_t end, std::string& s, std::size_t& after) const {
    std::size_t i = pos + 1;
    std::size_t run = i;
    for (; i < end; ++i) {
      const char ch = t_[i];
      if (ch == '"') break;
      if (ch != '\\') continue;
      s.append(t_.substr(run, i - run));
      if (i + 1 >= end) return false;
      switch (t_[i + 1]) {
        case '"':
          s += '"';
          break;
        case '\\':
          s += '\\';
          break;
        case '/':
          s += '/';
          break;
        case 'n':
          s += '\n';
          break;
        case 't':
          s += '\t';
          break;
        default:
          return false;
      }
      ++i;
      run = i + 1;
    }
    if (i >= end) return false;  // over more lines, or never closed
    s.append(t_.substr(run, i - run));
    after = i + 1;
    return true;
  }

  // '...' on one line, '' for a quote.
  bool single_quoted(std::size_t pos, std::size_t end, std::string& s, std::size_t& after) const {
    std::size_t i = pos + 1;
    for (;;) {
      const std::size_t q = t_.find('\'', i);
      if (q == std::string_view::npos || q >= end) return false;
      s.append(t_.substr(i, q - i));
      if (q + 1 < end && t_[q + 1] == '\'') {
        s += '\'';
        i = q + 2;
        continue;
      }
      after = q + 1;
      return true;
    }
  }

  // [a, "b c", d] on one line: plain or quoted items, nothing nested.
  bool flow_list(std::size_t pos, std::size_t end, Node& out, std::size_t& after) {
    out.kind = Node::Kind::sequence;
    std::size_t i = pos + 1;
    const auto skip = [&] {
      while (i < end && t_[i] == ' ') ++i;
    };
    skip();
    if (i < end && t_[i] == ']') {
      after = i + 1;
      return true;
    }
    for (;;) {
      if (i >= end) return false;
      Node item;
      item.kind = Node::Kind::scalar;
      item.mark = mark(i);
      const char c = t_[i];
      if (c == '"') {
        if (!double_quoted(i, end, item.scalar, i)) return false;
      } else if (c == '\'') {
        if (!single_quoted(i, end, item.scalar, i)) return false;
      } else {
        if (indicator(c) && !(c == '-' && i + 1 < end && t_[i + 1] != ' ')) return false;
        const std::size_t start = i;
        std::size_t last = i;
        for (; i < end; ++i) {
          const char ch = t_[i];
          if (ch == ',' || ch == ']') break;
          // A '?' too: yaml-cpp 0.7 refuses `[hva?]`, which is valid YAML (its reading is
          // the reference).
          if (ch == ':' || ch == '#' || ch == '[' || ch == '{' || ch == '}' || ch == '"' ||
              ch == '\'' || ch == '?')
            return false;
          if (ch != ' ') last = i + 1;
        }
        item.scalar.assign(t_.substr(start, last - start));
        if (null_word(item.scalar)) return false;
      }
      out.items.push_back(std::move(item));
      skip();
      if (i >= end) return false;
      if (t_[i] == ']') {
        after = i + 1;
        return true;
      }
      if (t_[i] != ',') return false;
      ++i;
      skip();
      if (i < end && t_[i] == ']') return false;  // a trailing comma
    }
  }

  // `|`, `|-`, `>` or `>-` alone on its line, then lines at one indentation past `parent`,
  // none empty or with a trailing space among them (empty lines may follow the last one).
  bool block_text(std::size_t pos, long parent, Node& out) {
    // A text as the whole document: yaml-cpp reads lines at column 1 as no text (found by
    // tests/fuzz); left to it.
    if (parent < 0) return false;
    const std::size_t end = lines_[cur_].end;
    const bool literal = t_[pos] == '|';
    bool strip = false;
    std::size_t i = pos + 1;
    if (i < end && t_[i] == '-') {
      strip = true;
      ++i;
    }
    if (i != end) return false;
    ++cur_;
    if (cur_ >= lines_.size()) return false;
    const std::size_t indent = lines_[cur_].indent;
    if (static_cast<long>(indent) <= parent || lines_[cur_].begin + indent == lines_[cur_].end)
      return false;
    std::string& s = out.scalar;
    for (bool first = true; cur_ < lines_.size(); first = false) {
      const Line& l = lines_[cur_];
      if (l.begin + l.indent == l.end) {
        // An empty line: only at the end of the text (before a line indented less).
        if (l.end != l.begin) return false;  // spaces only
        std::size_t k = cur_ + 1;
        while (k < lines_.size() && lines_[k].begin == lines_[k].end) ++k;
        if (k < lines_.size() && lines_[k].indent >= indent) return false;
        cur_ = k;
        break;
      }
      if (l.indent < indent) break;
      if (l.indent > indent) return false;  // a more indented line
      if (t_[l.end - 1] == ' ') return false;
      if (!first) s += literal ? '\n' : ' ';
      s.append(t_.substr(l.begin + indent, l.end - l.begin - indent));
      ++cur_;
    }
    if (!strip) s += '\n';
    skip_blank();
    return cur_ >= lines_.size() || static_cast<long>(lines_[cur_].indent) <= parent;
  }

  std::string_view t_;
  int offset_;
  std::vector<Line> lines_;
  std::size_t cur_ = 0;
  static constexpr int kMaxDepth = 100;
  int depth_ = 0;
};

// A line starting a document or holding a directive: left to the other engines.
bool has_marker(std::string_view s) {
  if (s.starts_with("---") || s.starts_with("...") || s.starts_with("%")) return true;
  for (std::size_t pos = s.find("\n-"); pos != std::string_view::npos; pos = s.find("\n-", pos + 1))
    if (s.substr(pos + 1, 3) == "---") return true;
  for (std::size_t pos = s.find("\n."); pos != std::string_view::npos; pos = s.find("\n.", pos + 1))
    if (s.substr(pos + 1, 3) == "...") return true;
  return s.find("\n%") != std::string_view::npos;
}

}  // namespace

namespace detail {

bool parse_simple(std::string_view text, Node& out, int line_offset) {
  if (!simple_bytes(text) || has_marker(text)) return false;
  SimpleParser parser(text, line_offset);
  Node root;
  if (!parser.run(root)) return false;
  out = std::move(root);
  return true;
}

}  // namespace detail
}  // namespace ipcode::yaml
