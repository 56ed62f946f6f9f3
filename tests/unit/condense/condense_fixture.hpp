// A small hand-built round for the condense tests: a codebook of two themes and the units
// each test adds, without the loader.
#pragma once

#include "../support/codebook_builder.hpp"
#include "ipcode/codebook/codebook.hpp"
#include "ipcode/loader/study.hpp"

#include <string>
#include <utility>
#include <vector>

namespace condense_test {

// Node indices of sample_round()'s codebook, in codebook order.
struct Ids {
  static constexpr int inngaaelse = 0;   // theme
  static constexpr int samtykke = 1;     //   group
  static constexpr int underskrift = 2;  //     subgroup
  static constexpr int forstaar = 3;     //     subgroup
  static constexpr int innhold = 4;      //   group
  static constexpr int maal = 5;         //     subgroup
  static constexpr int bruk = 6;         // theme
  static constexpr int erfaring = 7;     //   group
  static constexpr int mestring = 8;     //     subgroup
};

inline void add_node(ipcode::codebook::Codebook& cb, const std::string& id,
                     ipcode::codebook::Level level, int parent) {
  ipcode::test::add_node(cb, id, id, level, parent);
}

inline ipcode::loader::RoundData sample_round() {
  using ipcode::codebook::Level;
  ipcode::loader::RoundData round;
  round.spec.id = "r1";
  auto& cb = round.codebook;
  cb.name = "test";
  add_node(cb, "inngaaelse", Level::theme, -1);
  add_node(cb, "samtykke", Level::group, 0);
  add_node(cb, "underskrift", Level::subgroup, 1);
  add_node(cb, "forstaar", Level::subgroup, 1);
  add_node(cb, "innhold", Level::group, 0);
  add_node(cb, "maal", Level::subgroup, 4);
  add_node(cb, "bruk", Level::theme, -1);
  add_node(cb, "erfaring", Level::group, 6);
  add_node(cb, "mestring", Level::subgroup, 7);
  return round;
}

inline void add_unit(ipcode::loader::RoundData& round, std::string id, std::string informant,
                     std::vector<int> codes,
                     std::string text = "Planen ble laget av de ansatte på kontoret.",
                     bool interviewer = false) {
  ipcode::loader::Unit u;
  u.id = std::move(id);
  u.transcript = 0;
  u.informant = std::move(informant);
  u.interviewer = interviewer;
  u.text = std::move(text);
  u.codes = std::move(codes);
  round.units.push_back(std::move(u));
}

}  // namespace condense_test
