// A small study written to a fresh temporary folder, for loader tests that need real files:
// one round r1, a codebook of two groups, two transcripts (B1 with front matter, B2 without),
// and whatever coding and condensation files a test adds. Removed again when it goes.
#pragma once

#include "ipcode/base/diagnostic.hpp"
#include "ipcode/loader/study.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace loader_test {

// Line numbers of B1.txt, for the tests to refer to.
struct B1 {
  static constexpr int question = 5;     // I: Hva skjedde da planen ble laget?
  static constexpr int signed_ = 6;      // B1: Jeg skrev under på planen.
  static constexpr int unknown = 7;      //     Jeg visste ikke hva det var.
  static constexpr int followup = 8;     // I: Og så?
  static constexpr int coordinator = 9;  // B1: Så fikk jeg en koordinator.
  static constexpr int calls = 10;       //     Hun ringer meg hver uke.
  static constexpr int last = 12;        // B1: Det er fint.
};

class TempStudy {
 public:
  TempStudy() {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("ipcode-loader-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    write("codebook.yaml", R"(codebook: test
version: 1
themes:
  - id: tema
    label: Tema
    groups:
      - id: samtykke
        label: Samtykke
        subgroups:
          - id: underskrift
            label: Underskrift
          - id: forstaar
            label: Forstår
      - id: relasjon
        label: Relasjon
        subgroups:
          - id: koordinator
            label: Koordinator
)");
    write("transcripts/B1.txt", R"(---
id: r1-B1
informant: B1
---
I: Hva skjedde da planen ble laget?
B1: Jeg skrev under på planen.
Jeg visste ikke hva det var.
I: Og så?
B1: Så fikk jeg en koordinator.
Hun ringer meg hver uke.
I: Hva tenker du om det?
B1: Det er fint.
)");
    write("transcripts/B2.txt", "I: Hvordan var møtet?\nB2: Jeg skrev under på planen.\n");
  }
  ~TempStudy() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TempStudy(const TempStudy&) = delete;
  TempStudy& operator=(const TempStudy&) = delete;

  void write(const std::string& rel, const std::string& text) const {
    const auto path = root_ / rel;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }

  /// Loads the study; the manifest names condensation.yaml only when a test wrote one.
  ipcode::loader::Study load(ipcode::Diagnostics& diags,
                             const ipcode::loader::Options& options = {}) const {
    const bool condensation = std::filesystem::exists(root_ / "condensation.yaml");
    write("ipcode.yaml", std::string("ipcode: 1\ntitle: T\nlanguage: nb\ncodebook: codebook.yaml\n"
                                     "rounds:\n  - id: r1\n    transcripts: transcripts/*.txt\n"
                                     "    coding: coding/*.yaml\n") +
                             (condensation ? "    condensation: condensation.yaml\n" : ""));
    return ipcode::loader::load(root_, options, diags);
  }

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace loader_test
