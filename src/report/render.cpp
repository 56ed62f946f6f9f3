// render_each: every file `ipcode condense` writes, one at a time, so that `condense` can write
// them in one atomic step and `verify` can compare them with out/ without writing anything,
// and neither holds every output in memory at once (SPEC §13: a large study's report.html
// alone can be larger than its corpus).

#include "docx_render.hpp"
#include "ipcode/base/hash.hpp"
#include "ipcode/base/parallel.hpp"
#include "ipcode/report/report.hpp"
#include "report_common.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace ipcode::report {
namespace {

// Hashes and writes the pieces of a large report on a second thread while the next pieces are
// rendered, so that the two halves of the work overlap (SPEC §13). The bytes and their order
// are the same as when done in turn; at most two pieces wait, so memory stays bounded.
class Pipeline {
 public:
  using Take = std::function<Status(std::string_view)>;
  explicit Pipeline(Take take) : take_(std::move(take)), worker_([this] { run(); }) {}
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;
  ~Pipeline() { (void)close(); }

  Status push(std::string_view piece) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return queue_.size() < 2 || failed_.has_value(); });
    if (failed_) return *failed_;
    queue_.emplace_back(piece);
    ready_.notify_one();
    return Ok{};
  }

  // Waits until every piece is taken; the first error of `take`, if any.
  Status close() {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    ready_.notify_one();
    if (worker_.joinable()) worker_.join();
    if (failed_) return *failed_;
    return Ok{};
  }

 private:
  void run() {
    for (;;) {
      std::string piece;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return !queue_.empty() || closing_; });
        if (queue_.empty()) return;
        piece = std::move(queue_.front());
        queue_.pop_front();
      }
      room_.notify_one();
      Status st = Ok{};
      try {
        st = take_(piece);
      } catch (const std::exception& e) {
        st = Error{ErrorKind::internal, e.what()};
      }
      if (!st) {
        std::lock_guard lock(mutex_);
        failed_ = st.error();
        queue_.clear();
        room_.notify_all();
        return;
      }
    }
  }

  Take take_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<std::string> queue_;
  std::optional<Error> failed_;
  bool closing_ = false;
  std::thread worker_;  // last: starts when everything above is ready
};

// Hands each file to the writer and keeps only its hash, for manifest.json.
class Emitter {
 public:
  explicit Emitter(OutputWriter& writer) : writer_(writer) {}

  // A file rendered whole (all but the round reports are small).
  Status operator()(const std::string& path, const std::string& bytes) {
    if (auto st = writer_.begin(path); !st) return st;
    if (auto st = writer_.write(bytes); !st) return st;
    hashes_[path] = sha256_hex(bytes);
    return writer_.end();
  }

  // A file rendered in pieces, hashed piece by piece as it goes to the writer (on a second
  // thread unless IPCODE_THREADS=1).
  Status pieces(const std::string& path, const std::function<void(detail::Pieces&)>& render) {
    if (auto st = writer_.begin(path); !st) return st;
    Sha256 sha;
    const auto take = [this, &sha](std::string_view piece) {
      sha.update(piece);
      return writer_.write(piece);
    };
    if (worker_count() > 1) {
      Pipeline pipeline(take);
      detail::Pieces out([&pipeline](std::string_view piece) { return pipeline.push(piece); });
      render(out);
      const Status rendered = out.finish();
      const Status taken = pipeline.close();
      if (!taken) return taken;
      if (!rendered) return rendered;
    } else {
      detail::Pieces out(take);
      render(out);
      if (auto st = out.finish(); !st) return st;
    }
    hashes_[path] = sha.hex();
    return writer_.end();
  }

  // manifest.json: not in the list of hashes it is made from.
  Status last(const std::string& path, const std::string& bytes) {
    if (auto st = writer_.begin(path); !st) return st;
    if (auto st = writer_.write(bytes); !st) return st;
    return writer_.end();
  }

  const std::map<std::string, std::string>& hashes() const { return hashes_; }

 private:
  OutputWriter& writer_;
  std::map<std::string, std::string> hashes_;
};

// Joins the pieces of each file and hands the file whole to a Sink.
class SinkWriter final : public OutputWriter {
 public:
  explicit SinkWriter(const Sink& sink) : sink_(sink) {}

  Status begin(const std::string& path) override {
    path_ = path;
    bytes_.clear();
    return Ok{};
  }
  Status write(std::string_view bytes) override {
    bytes_ += bytes;
    return Ok{};
  }
  Status end() override { return sink_(path_, std::exchange(bytes_, std::string())); }

 private:
  const Sink& sink_;
  std::string path_;
  std::string bytes_;
};

// The files of one round, out/<round>/..., in a fixed order.
Status render_round(const loader::Study& study, const loader::RoundData& round,
                    const condense::RoundAnalysis& a, const Options& options, Emitter& emit) {
  const std::string dir = round.spec.id + "/";
  using codebook::Level;
  const std::pair<const char*, Level> matrices[] = {
      {"matrix-informant-theme.csv", Level::theme},
      {"matrix-informant-group.csv", Level::group},
      {"matrix-informant-subgroup.csv", Level::subgroup}};
  // As large as the coded text: streamed in pieces like the reports.
  const auto units = [&round, &a](detail::Pieces& out) { units_csv(round, a, out); };
  if (auto st = emit.pieces(dir + "units.csv", units); !st) return st;
  for (const auto& [name, level] : matrices) {
    if (auto st = emit(dir + name, matrix_csv(round, a, level)); !st) return st;
  }
  if (auto st = emit(dir + "matrix-refs.md", matrix_refs_md(study, round, a)); !st) return st;
  if (auto st = emit(dir + "overview.csv", overview_csv(round, a)); !st) return st;
  if (auto st = emit(dir + "cooccurrence.csv", cooccurrence_csv(round, a)); !st) return st;
  for (const std::string& attr : options.split_by) {
    const std::string name = dir + "prevalence-by-" + attr + ".csv";
    if (auto st = emit(name, prevalence_csv(study, round, a, attr)); !st) return st;
  }
  {
    // One document model for both formats. Rendered whole, the reports would be larger than
    // the corpus (the appendix quotes every unit in context): they go out in pieces.
    const detail::Doc doc = detail::round_doc(study, round, a, options);
    const auto md = [&doc](detail::Pieces& out) { detail::render_markdown(doc, out); };
    const auto html = [&doc](detail::Pieces& out) { detail::render_html(doc, out); };
    if (auto st = emit.pieces(dir + "report.md", md); !st) return st;
    if (auto st = emit.pieces(dir + "report.html", html); !st) return st;
    if (options.docx) {
      // Held whole: a zip entry is compressed from its whole text.
      auto docx = detail::render_docx(doc, options.date);
      if (!docx) return docx.error();
      if (auto st = emit(dir + "report.docx", *docx); !st) return st;
    }
  }
  if (options.xlsx) {
    // libxlsxwriter needs a temporary file; when it cannot be made the output cannot be
    // written (exit 73), which is not a bug in ipcode (exit 70).
    std::string xlsx;
    try {
      xlsx = matrices_xlsx(round, a);
    } catch (const std::runtime_error& e) {
      return Error{ErrorKind::cannot_write, e.what()};
    }
    if (auto st = emit(dir + "matrices.xlsx", xlsx); !st) return st;
  }
  if (options.member_check) {
    for (const std::string& informant : detail::member_check_informants(study, round, a)) {
      const detail::Doc letter = detail::member_check_doc(study, round, a, informant);
      const std::string base = dir + "member-check/" + detail::member_check_file(informant);
      if (auto st = emit(base + ".md", detail::render_markdown(letter)); !st) return st;
      auto docx = detail::render_docx(letter, options.date);
      if (!docx) return docx.error();
      if (auto st = emit(base + ".docx", *docx); !st) return st;
    }
  }
  return Ok{};
}

}  // namespace

Status render_each(const loader::Study& study, const std::vector<condense::RoundAnalysis>& analyses,
                   const Options& options, OutputWriter& writer) {
  Emitter emit(writer);
  for (std::size_t i = 0; i < analyses.size(); ++i) {
    const condense::RoundAnalysis& a = analyses[i];
    const loader::RoundData* round = a.round;
    if (round == nullptr && i < study.rounds.size()) round = &study.rounds[i];
    if (round == nullptr) continue;
    if (auto st = render_round(study, *round, a, options, emit); !st) return st;
  }
  // With --round the cross-round files would hold one round only: not written.
  if (options.load.round.empty()) {
    if (auto st = emit("rounds.csv", rounds_csv(study, analyses)); !st) return st;
    if (auto st = emit("report.html", cross_report_html(study, analyses, options)); !st) return st;
  }
  // Last: the manifest hashes every other output.
  return emit.last("manifest.json", manifest_json(study, emit.hashes(), options));
}

Status render_each(const loader::Study& study, const std::vector<condense::RoundAnalysis>& analyses,
                   const Options& options, const Sink& sink) {
  SinkWriter writer(sink);
  return render_each(study, analyses, options, writer);
}

std::map<std::string, std::string> render_all(const loader::Study& study,
                                              const std::vector<condense::RoundAnalysis>& analyses,
                                              const Options& options) {
  std::map<std::string, std::string> out;
  // A sink that keeps every file cannot fail.
  (void)render_each(study, analyses, options, [&out](const std::string& path, std::string bytes) {
    out[path] = std::move(bytes);
    return Status(Ok{});
  });
  return out;
}

}  // namespace ipcode::report
