#include "cli/condense_run.hpp"

#include "ipcode/base/strings.hpp"

#include <cstdlib>
#include <ctime>

namespace ipcode::cli {

std::optional<std::string> date_from_environment() {
  const char* value = std::getenv("SOURCE_DATE_EPOCH");
  if (value == nullptr || *value == '\0') return std::string();
  const auto seconds = parse_int(value);
  if (!seconds) return std::nullopt;
  const std::time_t t = static_cast<std::time_t>(*seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return std::string(buf);
}

std::vector<condense::RoundAnalysis> analyse_all(const loader::Study& study,
                                                 const report::Options& options) {
  std::vector<condense::RoundAnalysis> out;
  for (const auto& round : study.rounds) out.push_back(condense::analyse(round, options.load));
  return out;
}

}  // namespace ipcode::cli
