/// Reading a REFI-QDA project (SPEC §12): a .qdpx archive (zip: one `.qde` XML file, found by
/// its extension under any name and case, and the sources under `sources/` or `Sources/`)
/// into a neutral model. The archive is opened with the limits of a .docx (archive.hpp: size
/// caps, zip bombs, `..` and absolute entry names refused); the XML with the safe parser (a
/// DOCTYPE or ENTITY declaration is refused). Element and attribute names are matched by local
/// name, so a missing or different namespace prefix is accepted; missing optional attributes
/// are empty. Positions are kept as written (code points by the standard; checking them
/// against the text is the importer's job).
/// Refused with invalid_data naming the archive and what is wrong: no `.qde` entry, two of
/// them, XML that is not well-formed, a root that is not `Project`, a code nested deeper than
/// 256 levels, two codes with one guid (a cycle or a copy), a position that is not a
/// non-negative integer. A text source whose text is not in the archive (`relative://` or
/// `absolute://` paths, a missing entry) is kept with `has_text` false and `why_no_text`.
#pragma once

#include "ipcode/base/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ipcode::office::qde {

struct User {
  std::string guid;
  std::string id;  // the optional short id (NVivo writes initials); may be empty
  std::string name;
};

struct Code {
  std::string guid;
  std::string name;
  bool codable = true;
  std::string color;  // as written ("#RRGGBB"), may be empty
  std::string description;
  std::vector<Code> children;
};

struct Coding {
  std::string guid;
  std::string creating_user;  // a user's guid, may be empty
  std::string code_guid;      // CodeRef@targetGUID
};

struct Selection {
  std::string guid;
  std::string name;
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::string creating_user;
  std::vector<Coding> codings;
};

struct Source {
  std::string guid;
  std::string name;
  std::string kind;                   // element name: TextSource, PictureSource, PDFSource, ...
  std::string plain_text_path;        // as written
  bool has_text = false;              // TextSource with its text found (file or inline)
  std::string why_no_text;            // translated, when a TextSource's text is not found
  std::string text;                   // the plain text's bytes as stored (BOM, CRLF as they are)
  std::vector<Selection> selections;  // PlainTextSelection only
  int other_selections = 0;           // selections of other kinds (left out)
};

struct Note {
  std::string guid;
  std::string name;
};

struct Project {
  std::string name;
  std::string origin;  // the writing tool, as it says
  std::string qde_entry;
  std::vector<User> users;
  std::vector<Code> codes;  // the code tree's roots
  std::vector<Source> sources;
  std::vector<Note> notes;
  int sets = 0;
  int cases = 0;
  int variables = 0;
  int graphs = 0;
  int links = 0;
};

/// Reads a .qdpx archive's bytes; `origin` names it in messages.
Result<Project> read_qdpx(std::string_view bytes, const std::string& origin);

/// Parses a project.qde's bytes alone (sources with a plainTextPath get no text); `origin`
/// names it in messages. For tests and the fuzzer.
Result<Project> parse_qde(std::string_view xml, const std::string& origin);

}  // namespace ipcode::office::qde
