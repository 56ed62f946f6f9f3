#!/usr/bin/env python3
"""Groups fuzz_yaml findings (inputs on which libfyaml and yaml-cpp build different trees, or
that crash) into classes, to find the few rules a batch of hundreds needs.

    tests/fuzz/triage_yaml.py build/tests/fuzz/fuzz_yaml DIR_OR_FILE... [--show N]

Replays every input with the replay build of the target (a normal build with IPCODE_TESTS;
it prints both dumps when they differ), compares the two dumps node by node and groups the
inputs by a signature of the first node that differs (its kind on each side, whether only a
trailing line break differs, whether the mark differs). Prints how many replay clean, then
each group, largest first, with the first N inputs (default 2) and their differing lines.
"""
import collections
import os
import re
import subprocess
import sys

NODE = re.compile(r"( *)(\d+):(\d+) (\w+)(?: \[(.*))?$", re.S)


def coarse(line):
    if line is None:
        return "<end>"
    m = NODE.match(line)
    if not m:
        return "?"
    if m.group(4) != "scalar":
        return m.group(4)
    value = m.group(5)
    if value == "]":
        return "scalar-empty"
    if value.endswith("\n]"):
        return "scalar-ends-nl"
    return "scalar"


def nodes(dump):
    """The dump's node lines; a scalar's value may span lines."""
    dump = dump[:-1] if dump.endswith("\n") else dump
    return re.split(r"\n(?= *\d+:\d+ )", dump)


def signature(a, b):
    if a and b and a.endswith("\n]") and a[:-2] + "]" == b:
        return "libfyaml keeps a trailing line break"
    if a and b and b.endswith("\n]") and b[:-2] + "]" == a:
        return "yaml-cpp keeps a trailing line break"
    mark = lambda s: NODE.match(s).group(1, 2, 3) if s and NODE.match(s) else None
    same_mark = a is not None and b is not None and mark(a) == mark(b)
    return "%s | %s%s" % (coarse(a), coarse(b), "" if same_mark else " (mark differs)")


def main(argv):
    show = 2
    if "--show" in argv:
        i = argv.index("--show")
        show = int(argv[i + 1])
        del argv[i : i + 2]
    if len(argv) < 3:
        sys.exit(__doc__)
    binary, paths = argv[1], []
    for a in argv[2:]:
        if os.path.isdir(a):
            paths += sorted(os.path.join(a, f) for f in os.listdir(a))
        else:
            paths.append(a)
    groups = collections.defaultdict(list)
    clean = 0
    for p in paths:
        r = subprocess.run([binary, p], capture_output=True)
        err = r.stderr.decode("utf-8", "replace")
        if "the engines differ" not in err:
            if r.returncode == 0:
                clean += 1
            else:
                groups["crash (exit %d)" % r.returncode].append((p, None, None))
            continue
        body = err.split("--- parse_fast\n", 1)[1]
        fast, ref = body.split("--- parse_reference\n", 1)
        ref = ref.split("replay:", 1)[0]
        fl, rl = nodes(fast), nodes(ref)
        i = 0
        while i < min(len(fl), len(rl)) and fl[i] == rl[i]:
            i += 1
        a = fl[i] if i < len(fl) else None
        b = rl[i] if i < len(rl) else None
        groups[signature(a, b)].append((p, a, b))
    print("clean: %d of %d" % (clean, len(paths)))
    for sig, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print("== %4d  %s" % (len(items), sig))
        for p, a, b in items[:show]:
            print("    " + p)
            if a is not None or b is not None:
                print("      libfyaml: " + repr(a)[:150])
                print("      yaml-cpp: " + repr(b)[:150])


if __name__ == "__main__":
    main(sys.argv)
