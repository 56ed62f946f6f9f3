#!/usr/bin/env python3
"""Collects seed corpora for the libFuzzer targets (tests/fuzz/targets/) from the repository:
   tests/fuzz/collect_seeds.py SOURCE_DIR OUT_DIR
writes OUT_DIR/<target>/<sha1> for every target, from tests/data, tests/cli/*/*/study,
examples/ and codebooks/. Small files only (the corpora are not committed)."""
import hashlib
import os
import re
import sys

MAX_BYTES = 64 * 1024
TARGETS = ["transcript", "yaml", "codebook", "coding", "condensation", "manifest", "match",
           "pattern", "anon", "docx", "qde"]
PATTERNS = [b"plan", b"signer*", b"=IP", b'"=IP"', b"individuell plan", b"skriv* under",
            b"koordinator*", b"\xc3\xa6re", b"f\xc3\xb8lte*", b"=NAV*", b"ikke hva",
            b"a* b c"]


def add(out, target, data):
    if not data or len(data) > MAX_BYTES:
        return
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def quotes(transcript):
    """A few quotes taken from the transcript's speech: part of a line, two lines, a gap."""
    speech = []
    for line in transcript.split(b"\n"):
        m = re.match(rb"^\s*[A-Za-z0-9\xc3\xa6\xc3\xb8\xc3\xa5]{1,12}:\s+(.*)$", line)
        if m and len(m.group(1).split()) >= 6:
            speech.append(m.group(1).strip())
    found = []
    for i, s in enumerate(speech[:: max(1, len(speech) // 4)][:4]):
        words = s.split()
        found.append(b" ".join(words[1:5]))
        found.append(b" ".join(words[:2]) + b" (\xe2\x80\xa6) " + b" ".join(words[-2:]))
        found.append(b" ".join(words[:3]) + b" [brukeren] " + b" ".join(words[3:5]))
    return found


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: collect_seeds.py SOURCE_DIR OUT_DIR")
    src, out = sys.argv[1], sys.argv[2]
    for t in TARGETS:
        os.makedirs(os.path.join(out, t), exist_ok=True)
    keywords = set(PATTERNS)
    texts = []
    roots = [os.path.join(src, d) for d in ("tests/data", "tests/cli", "examples", "codebooks")]
    for root in roots:
        for folder, _, files in os.walk(root):
            rel = os.path.relpath(folder, src).replace(os.sep, "/") + "/"
            if rel.startswith("tests/cli/") and "/study/" not in rel:
                continue
            for name in sorted(files):
                path = os.path.join(folder, name)
                if os.path.getsize(path) > MAX_BYTES:
                    continue
                with open(path, "rb") as f:
                    data = f.read()
                if name.endswith((".docx", ".odt")):
                    add(out, "docx", data)
                if name.endswith((".qdpx", ".qde")):
                    add(out, "qde", data)
                if name.endswith(".yaml"):
                    add(out, "yaml", data)
                    if name == "ipcode.yaml":
                        add(out, "manifest", data)
                    elif name.startswith("codebook") or "codebooks/" in rel or "codebook" in rel:
                        add(out, "codebook", data)
                        for m in re.finditer(rb"keywords:\s*\[(.*)\]", data):
                            for k in m.group(1).split(b","):
                                keywords.add(k.strip())
                    elif "/condensation/" in rel:
                        add(out, "condensation", data)
                    elif "/coding/" in rel:
                        add(out, "coding", data)
                elif name.endswith((".txt", ".md")) and ("/transcripts/" in rel or
                                                         rel.startswith("tests/data/")):
                    add(out, "transcript", data)
                    add(out, "anon", data)
                    texts.append(data)
                    for q in quotes(data):
                        add(out, "match", q + b"\0" + data)
    for i, k in enumerate(sorted(keywords)):
        text = texts[i % len(texts)][:2048] if texts else b""
        add(out, "pattern", k + b"\n" + text)
    for t in TARGETS:
        n = len(os.listdir(os.path.join(out, t)))
        print(f"collect_seeds: {t}: {n} seeds")


if __name__ == "__main__":
    main()
