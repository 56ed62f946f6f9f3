// The YAML layer: yaml::parse, and its three engines, which must build the same tree (marks
// included) whenever the simple or the fast one accepts the document (see tests/unit/base/test_yaml_engines.cpp).
#include "fuzz_common.hpp"
#include "ipcode/base/yaml.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using ipcode::yaml::Node;

void dump(const Node& n, std::string& out, int depth = 0) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  out += std::to_string(n.mark.line) + ":" + std::to_string(n.mark.col) + " ";
  switch (n.kind) {
    case Node::Kind::null:
      out += "null\n";
      break;
    case Node::Kind::scalar:
      out += "scalar [" + n.scalar + "]\n";
      break;
    case Node::Kind::sequence:
      out += "sequence\n";
      for (const auto& item : n.items) dump(item, out, depth + 1);
      break;
    case Node::Kind::map:
      out += "map\n";
      for (const auto& [k, v] : n.entries) {
        dump(k, out, depth + 1);
        dump(v, out, depth + 2);
      }
      break;
  }
}

std::string dump(const Node& n) {
  std::string out;
  dump(n, out);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ipcode;
  const auto text = fuzz::as_text(data, size);
  yaml::Node fast;
  const bool fast_ok = yaml::detail::parse_fast(text, fast);
  yaml::Node ref;
  Diagnostics ref_diags;
  const bool ref_ok = yaml::detail::parse_reference(text, "f.yaml", ref, ref_diags);
  // libfyaml may accept a document yaml-cpp refuses: yaml-cpp 0.7 refuses some valid YAML
  // (a '?' inside a flow list: `[hva?]`), and the fast engine hands libfyaml's known
  // leniencies (control characters, bytes that are not UTF-8) to yaml-cpp before it starts.
  // Where both accept, the trees must be the same, marks included (docs/decisions.md).
  if (fast_ok && ref_ok) {
    const std::string a = dump(fast);
    const std::string b = dump(ref);
    if (a != b) {
      std::fprintf(stderr, "the engines differ\n--- parse_fast\n%s--- parse_reference\n%s",
                   a.c_str(), b.c_str());
      // CI's short run reports a new disagreement without failing (IPCODE_FUZZ_YAML_DIFF=report):
      // each is a case to hand to yaml-cpp, found faster than one CI run can fix them. A long
      // run (README) stops at the first, and the regressions are replayed strictly.
      static const bool report = [] {
        const char* v = std::getenv("IPCODE_FUZZ_YAML_DIFF");
        return v != nullptr && std::string_view(v) == "report";
      }();
      if (!report) std::abort();
    }
  }
  // The simple engine reads a subset and hands on whatever it is unsure of: where it reads a
  // document, yaml-cpp must read it too, into the same tree. No leniency here: a difference is
  // a bug of the simple engine, which is ipcode's own code.
  yaml::Node simple;
  const bool simple_ok = yaml::detail::parse_simple(text, simple);
  if (simple_ok) {
    if (!ref_ok) {
      std::fprintf(stderr, "the simple engine reads what yaml-cpp refuses\n");
      std::abort();
    }
    const std::string a = dump(simple);
    const std::string b = dump(ref);
    if (a != b) {
      std::fprintf(stderr, "the engines differ\n--- parse_simple\n%s--- parse_reference\n%s",
                   a.c_str(), b.c_str());
      std::abort();
    }
  }
  yaml::Node both;
  Diagnostics diags;
  const bool ok = yaml::parse(text, "f.yaml", both, diags, 3);
  if (ok != (simple_ok || fast_ok || ref_ok)) std::abort();
  return 0;
}
