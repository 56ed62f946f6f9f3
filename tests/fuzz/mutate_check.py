#!/usr/bin/env python3
"""Mutation fuzzing of `ipcode check` (and now and then status, condense, verify) over a study.

Each iteration copies the study (without out/) to a temporary folder, applies 1-4 random
mutations to its YAML files and transcripts, runs ipcode on the copy and classifies the result.
A failure is: death by a signal, a sanitizer report on stderr, exit 70 or any exit code outside
SPEC §7's {0, 1, 65, 66, 73}, or a timeout. Each failing study is kept as a reproducer under
OUT/crashes/<seed>-<iteration>/ together with the command and its stderr.

Iteration i draws from random.Random(f"{seed}:{i}"), so a run is the same for a given seed
whatever --jobs is, and `--only i` replays one iteration. Run through mutate_check.sh.
"""

import argparse
import concurrent.futures
import math
import os
import re
import shutil
import signal
import subprocess
import random
import sys
import tempfile

ALLOWED_EXIT = {0, 1, 65, 66, 73}
SANITIZER_RE = re.compile(
    r"ERROR: (Address|Leak|Memory|Thread|UndefinedBehavior)Sanitizer|runtime error:|"
    r"AddressSanitizer|UndefinedBehaviorSanitizer|_GLIBCXX_ASSERTIONS|Assertion .* failed")
# Which files a mutation may touch, with their weights: coding files carry most of the logic.
CATEGORIES = [
    ("manifest", 1, lambda p: p == "ipcode.yaml"),
    ("codebook", 2, lambda p: "/" not in p and p.startswith("codebook") and p.endswith(".yaml")),
    ("coding", 4, lambda p: p.startswith("coding/") and p.endswith(".yaml")),
    ("condensation", 2, lambda p: p.startswith("condensation/") and p.endswith(".yaml")),
    ("transcript", 3, lambda p: p.startswith("transcripts/")),
]
INVALID_UTF8 = [b"\xff", b"\xfe", b"\xc3", b"\xe2\x80", b"\xc0\xaf", b"\xed\xa0\x80",
                b"\xf4\x90\x80\x80", b"\x80\x80", b"\xf0\x9f\x98", b"\xef\xbb\xbf"]
ODD_NUMBERS = [b"0", b"-1", b"-0", b"1e9", b"4294967296", b"99999999999999999999",
               b"9223372036854775807", b"2-1", b"5-", b"-5", b"1..3", b"3-3-3", b"0x10",
               b"1.5", b".nan", b"~", b"''", b"[]", b"{}", b"[1, 2]"]


def study_files(study):
    """Relative paths of the mutable files, sorted, grouped by category."""
    files = []
    for root, dirs, names in os.walk(study):
        dirs[:] = sorted(d for d in dirs if os.path.relpath(os.path.join(root, d), study) != "out")
        for n in sorted(names):
            files.append(os.path.relpath(os.path.join(root, n), study).replace(os.sep, "/"))
    groups = []
    for name, weight, match in CATEGORIES:
        members = [f for f in files if match(f)]
        if members:
            groups.append((name, weight, members))
    return groups


def pick_file(rng, groups):
    total = sum(w for _, w, _ in groups)
    r = rng.randrange(total)
    for _, weight, members in groups:
        if r < weight:
            return rng.choice(members)
        r -= weight
    raise AssertionError


def line_spans(data):
    spans, start = [], 0
    for i, b in enumerate(data):
        if b == 0x0A:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(data):
        spans.append((start, len(data)))
    return spans or [(0, len(data))]


def span_length(rng, n):
    """Mostly short ranges, sometimes long ones."""
    limit = rng.choice([4, 16, 64, 512])
    return max(1, min(n, rng.randint(1, limit)))


def mutate(rng, data):
    """Returns (new data, a short description)."""
    n = len(data)
    kind = rng.choice(["flip", "flip", "delete", "delete", "dup_range", "dup_line", "tab", "nul",
                       "utf8", "long_line", "truncate", "delete_line", "swap_lines", "number",
                       "empty_value", "indent"])
    pos = rng.randint(0, n)
    if kind == "flip" and n:
        pos = rng.randrange(n)
        byte = data[pos] ^ (1 << rng.randrange(8)) if rng.random() < 0.7 else rng.randrange(256)
        return data[:pos] + bytes([byte]) + data[pos + 1:], f"flip byte {pos}"
    if kind == "delete" and n:
        pos = rng.randrange(n)
        k = span_length(rng, n - pos)
        return data[:pos] + data[pos + k:], f"delete {k} bytes at {pos}"
    if kind == "dup_range" and n:
        pos = rng.randrange(n)
        k = span_length(rng, n - pos)
        at = rng.randint(0, n)
        return data[:at] + data[pos:pos + k] + data[at:], f"copy {k} bytes from {pos} to {at}"
    lines = line_spans(data)
    if kind == "dup_line":
        a, b = rng.choice(lines)
        times = rng.choice([1, 1, 2, 10])
        return data[:b] + data[a:b] * times + data[b:], f"duplicate line at {a} x{times}"
    if kind == "tab":
        if rng.random() < 0.6:
            pos = rng.choice(lines)[0]
        return data[:pos] + b"\t" * rng.randint(1, 3) + data[pos:], f"tab at {pos}"
    if kind == "nul":
        return data[:pos] + b"\0" * rng.randint(1, 4) + data[pos:], f"NUL at {pos}"
    if kind == "utf8":
        seq = rng.choice(INVALID_UTF8)
        return data[:pos] + seq + data[pos:], f"bytes {seq!r} at {pos}"
    if kind == "long_line":
        unit = rng.choice([b"a", b"ord ", b"\xc3\xa6\xc3\xb8\xc3\xa5 ", b"(\xe2\x80\xa6) ", b"- ",
                           b"[", b"{", b": ", b"'", b'"'])
        k = rng.choice([1000, 10000, 100000])
        return data[:pos] + unit * (k // len(unit)) + data[pos:], f"long run of {unit!r} at {pos}"
    if kind == "truncate":
        return data[:pos], f"truncate at {pos}"
    if kind == "delete_line":
        a, b = rng.choice(lines)
        return data[:a] + data[b:], f"delete line at {a}"
    if kind == "swap_lines" and len(lines) > 1:
        i = rng.randrange(len(lines) - 1)
        (a1, b1), (a2, b2) = lines[i], lines[i + 1]
        return data[:a1] + data[a2:b2] + data[a1:b1] + data[b2:], f"swap lines at {a1}"
    if kind == "number":
        digits = [m.span() for m in re.finditer(rb"\d+(-\d+)?", data)]
        if digits:
            a, b = rng.choice(digits)
            new = rng.choice(ODD_NUMBERS)
            return data[:a] + new + data[b:], f"number at {a} -> {new!r}"
    if kind == "empty_value":
        values = [m.span(1) for m in re.finditer(rb": ([^\n]+)", data)]
        if values:
            a, b = rng.choice(values)
            new = rng.choice([b"", b"''", b"~", b"|", b">-", b"[", b"{", b"*x", b"&x", b"!!binary"])
            return data[:a] + new + data[b:], f"value at {a} -> {new!r}"
    if kind == "indent":
        a, _ = rng.choice(lines)
        if rng.random() < 0.5:
            return data[:a] + b" " * rng.randint(1, 4) + data[a:], f"indent line at {a}"
        k = len(data[a:]) - len(data[a:].lstrip(b" "))
        return data[:a] + data[a + min(k, rng.randint(1, 4)):], f"dedent line at {a}"
    # The chosen kind did not apply (e.g. an empty file): append garbage instead.
    return data + b"\0\xff\t", "append garbage"


def mutate_study(rng, work, groups):
    notes = []
    for _ in range(rng.randint(1, 4)):
        rel = pick_file(rng, groups)
        path = os.path.join(work, rel)
        with open(path, "rb") as f:
            data = f.read()
        data, what = mutate(rng, data)
        with open(path, "wb") as f:
            f.write(data)
        notes.append(f"{rel}: {what}")
    return notes


def make_env():
    env = dict(os.environ)
    # ASan and UBSan exit 1 by default, which is also check's "problems found": make a report
    # unmistakable (stderr is searched too), and keep stack traces for deduplication.
    for var, extra in (("ASAN_OPTIONS", "exitcode=86:detect_leaks=1:handle_abort=1"),
                       ("UBSAN_OPTIONS", "exitcode=87:print_stacktrace=1:halt_on_error=1")):
        given = env.get(var, "")
        keys = {kv.split("=")[0] for kv in given.split(":") if kv}
        env[var] = ":".join([given] * bool(given) +
                            [kv for kv in extra.split(":") if kv.split("=")[0] not in keys])
    env.setdefault("IPCODE_THREADS", "1")  # the iterations run in parallel instead
    env["LC_ALL"] = "C.UTF-8"
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


ENV = make_env()


def frames(stderr):
    """The first five function names of the first stack in a sanitizer report."""
    names = []
    for m in re.finditer(r"^\s*#\d+ 0x[0-9a-f]+ in (.+)$", stderr, re.M):
        # Drop the location: " /path/file.cpp:12:3", " ../x.cpp:69" or " (/lib/libc.so.6+0x1f)".
        fn = re.sub(r" (\S+:\d+(:\d+)?|\(\S+\+0x[0-9a-f]+\))$", "", m.group(1)).strip()
        if re.match(r"__interceptor|__asan|__ubsan|__sanitizer|__pthread_kill|__GI_|raise\b|"
                    r"abort\b|std::__glibcxx_assert_fail|std::__replacement_assert", fn):
            continue  # the sanitizer's or abort()'s own frames say nothing about the bug
        names.append(fn)
        if len(names) == 5:
            break
    return names


def classify(cmd, rc, stderr, timed_out):
    """None when the run is fine, else (signature, detail)."""
    if timed_out:
        return f"timeout in {cmd}", ("over the time limit (CPU seconds, or 6x that in wall time)"
                                     " or killed by SIGKILL")
    san = SANITIZER_RE.search(stderr)
    if san:
        kind = re.search(r"ERROR: \w+Sanitizer: ([\w-]+)|runtime error: ([^\n]*)", stderr)
        if kind:
            what = kind.group(1) or re.sub(r"0x[0-9a-f]+|\d+", "N", kind.group(2))
        else:
            what = san.group(0)
        assertion = re.search(r"Assertion '([^']*)' failed", stderr)
        if assertion:  # _GLIBCXX_ASSERTIONS: abort() after the message
            what = f"assertion '{assertion.group(1)}'"
        top = frames(stderr)
        short = [re.sub(r"\(.*", "", f) for f in top[:3]]
        return f"sanitizer {what} at {' < '.join(short)}", "\n".join(top)
    if rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = str(-rc)
        return f"signal {name} in {cmd}", ""
    if rc not in ALLOWED_EXIT:
        last = [line for line in stderr.splitlines() if line.strip()]
        msg = re.sub(r"\d+", "N", last[-1]) if last else ""
        return f"exit {rc} in {cmd}: {msg[:160]}", ""
    return None


def run(args, study, cmd):
    """Runs `ipcode -C STUDY CMD`: (exit code, stderr, timed out).

    The time limit is on CPU time (ulimit -t: SIGXCPU), so that a loaded machine does not turn
    slow runs into false hangs; a generous wall-clock limit catches runs that hang asleep."""
    limit = max(1, math.ceil(args.timeout))
    argv = ["sh", "-c", 'ulimit -t "$0" && exec "$@"', str(limit), args.binary, "-C", study] + cmd
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=ENV, timeout=max(60, 6 * limit))
        stderr = p.stderr.decode("utf-8", "replace")
        return p.returncode, stderr, p.returncode in (-signal.SIGXCPU, -signal.SIGKILL)
    except subprocess.TimeoutExpired as e:
        return -9, (e.stderr or b"").decode("utf-8", "replace"), True


def copy_study(src, dest, with_out):
    shutil.copytree(src, dest, ignore=lambda d, names: ["out"] if not with_out and
                    os.path.samefile(d, src) and "out" in names else [])


def full_groups(rng, study, groups):
    """What a full iteration mutates. Most mutations of inputs stop condense and verify at the
    loader (exit 65), so a third mutate only out/ (verify reads manifest.json and compares) and
    a third only the condensation files (free text, where a flipped byte often stays valid)."""
    outputs = []
    for root, _, names in os.walk(os.path.join(study, "out")):
        outputs += [os.path.relpath(os.path.join(root, n), study) for n in names]
    outputs.sort()  # os.walk's order is the file system's
    manifest = [p for p in outputs if p == os.path.join("out", "manifest.json")]
    mode = rng.random()
    if outputs and mode < 1 / 3:
        return [("out-manifest", 3, manifest)] * bool(manifest) + [("outputs", 1, outputs)]
    condensation = [g for g in groups if g[0] == "condensation"]
    if condensation and mode < 2 / 3:
        return condensation
    return groups + [("out-manifest", 1, manifest)] * bool(manifest)


def run_iteration(args, i, groups):
    rng = random.Random(f"{args.seed}:{i}")
    work = tempfile.mkdtemp(prefix=f"ipcode-fuzz-{args.seed}-{i}-")
    study = os.path.join(work, "study")
    full = bool(args.full_every) and i % args.full_every == 0
    try:
        # A full iteration starts from the study with the out/ of an unmutated condense, so that
        # verify compares real outputs with mutated inputs (or a mutated manifest.json).
        copy_study(args.template, study, with_out=full)
        if full:
            groups = full_groups(rng, study, groups)
        notes = mutate_study(rng, study, groups)
        commands = [["check"]] + ([["status"], ["verify"], ["condense"]] if full else [])
        codes = []
        for cmd in commands:
            rc, stderr, timed_out = run(args, study, cmd)
            codes.append(f"{cmd[0]} {'timeout' if timed_out else rc}")
            verdict = classify(" ".join(cmd), rc, stderr, timed_out)
            if verdict:
                return i, codes, verdict, save(args, i, study, cmd, rc, stderr, notes)
        return i, codes, None, None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def save(args, i, study, cmd, rc, stderr, notes):
    dest = os.path.join(args.out, "crashes", f"{args.seed}-{i}")
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(study, dest)
    with open(os.path.join(dest, "FUZZ-NOTES.txt"), "w", encoding="utf-8") as f:
        f.write(f"command: {' '.join(cmd)}\nexit: {rc}\nmutations:\n")
        f.writelines(f"  {n}\n" for n in notes)
        f.write("stderr:\n" + stderr[-20000:])
    return dest, " ".join(cmd)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("source_dir")
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0, help="CPU seconds per command (default 10)")
    ap.add_argument("--full-every", type=int, default=10,
                    help="every Nth iteration also runs status, verify and condense (0: never)")
    ap.add_argument("--out", default=None,
                    help="where crashes/<seed>-<i>/ reproducers go (default: a new temporary folder)")
    ap.add_argument("--study", default=None,
                    help="the study to mutate (default: SOURCE_DIR/examples/individuell-plan)")
    ap.add_argument("--only", type=int, default=None, help="run just this iteration")
    args = ap.parse_args()
    args.binary = os.path.abspath(args.binary)
    args.source_dir = os.path.abspath(args.source_dir)
    args.study = os.path.abspath(args.study or
                                 os.path.join(args.source_dir, "examples", "individuell-plan"))
    if not os.access(args.binary, os.X_OK) or not os.path.isfile(
            os.path.join(args.study, "ipcode.yaml")):
        sys.exit(f"mutate_check: need an ipcode binary and a study with ipcode.yaml "
                 f"(got {args.binary}, {args.study})")
    args.out = os.path.abspath(args.out or tempfile.mkdtemp(prefix="ipcode-fuzz-out-"))
    groups = study_files(args.study)
    iterations = [args.only] if args.only is not None else range(args.iterations)
    print(f"fuzzing {args.binary} on {args.study}: seed {args.seed}, "
          f"{len(iterations)} iterations, {args.jobs} jobs", flush=True)

    failures, tally = {}, {}
    passed = failed = 0
    scratch = tempfile.TemporaryDirectory(prefix="ipcode-fuzz-template-")
    args.template = os.path.join(scratch.name, "study")
    copy_study(args.study, args.template, with_out=False)
    if args.full_every:
        rc, stderr, timed_out = run(args, args.template, ["condense"])
        verdict = classify("condense", rc, stderr, timed_out)
        if verdict:
            failed += 1
            failures[verdict[0]] = [(-1, args.study)]
            print(f"FAIL unmutated study: {verdict[0]}\n{stderr[-4000:]}", flush=True)
        elif rc != 0:
            print(f"note: the unmutated study's condense exits {rc}; verify runs without out/")

    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mutate_check.sh")
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_iteration, args, i, groups) for i in iterations]
        for fut in futures:  # in iteration order, so the output is the same for any --jobs
            i, codes, verdict, saved = fut.result()
            for c in codes:
                tally[c] = tally.get(c, 0) + 1
            if verdict is None:
                passed += 1
                continue
            failed += 1
            signature, detail = verdict
            dest, cmd = saved
            failures.setdefault(signature, []).append((i, dest))
            print(f"FAIL iteration {i}: {signature}", flush=True)
            if detail:
                print("  " + detail.replace("\n", "\n  "))
            print(f"  reproducer: {dest} (mutations and stderr in FUZZ-NOTES.txt)")
            print(f"  reproduce:  {args.binary} -C {dest} {cmd}")
            print(f"  replay:     {script} {args.binary} {args.source_dir} "
                  f"--seed {args.seed} --full-every {args.full_every} --only {i}", flush=True)
    scratch.cleanup()
    print("exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(tally.items())))
    if failures:
        print(f"{len(failures)} distinct failures:")
        for signature, hits in sorted(failures.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print(f"  {len(hits):4d} x {signature}  (first: iteration {hits[0][0]})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
