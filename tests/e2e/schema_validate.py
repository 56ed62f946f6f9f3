#!/usr/bin/env python3
"""The JSON Schemas of `ipcode schema` against the real files and the real loader.

   usage: schema_validate.py IPCODE SRC_DIR      (run by schema_validate.sh)

1. The schemas are valid draft 2020-12 schemas; `ipcode schema` and `ipcode init` write the
   same bytes; the nb and en schemas differ only in their texts.
2. Every YAML file of the studies in examples/ and tests/data/ (and the shipped codebooks, and
   the studies `ipcode init` writes) that `ipcode check` accepts validates against its schema.
   Files `check` reports an error in (a test's broken input) are left out.
3. Every YAML file `ipcode init` writes starts with the yaml-language-server line, and its path
   leads to the right schema.
4. A study written with Norwegian key aliases passes `check` and the schemas (the aliases come
   from the loaders' own tables).
5. Broken files (unknown key, bad id, wrong enum value, missing key, ...) fail the schema, and
   `ipcode check` reports an error in them too.
Ends with an "N passed, M failed" line.
"""
import copy
import fnmatch
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import yaml

IPCODE, SRC = os.path.realpath(sys.argv[1]), os.path.realpath(sys.argv[2])
ENV = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
ENV["LC_ALL"] = "C.UTF-8"
passed = failed = 0


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)
    return cond


class Yaml12Loader(yaml.SafeLoader):
    """YAML as ipcode and yaml-language-server read it (YAML 1.2 core schema): dates stay text,
    and only true/false are booleans (yes/no/on/off are text)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def read_text(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.lstrip("\ufeff")


def load_yaml(path):
    return yaml.load(read_text(path), Loader=Yaml12Loader)


def ipcode(*args, cwd=None):
    return subprocess.run([IPCODE, *args], cwd=cwd, env=ENV, capture_output=True, text=True)


work = tempfile.mkdtemp()
try:
    # --- 1. the schemas themselves -------------------------------------------------------
    for lang in ("en", "nb"):
        r = ipcode("-q", "--lang", lang, "init", os.path.join(work, "init-" + lang))
        ok(r.returncode == 0, f"init --lang {lang}: {r.stderr}")
    r = ipcode("-q", "--lang", "nb", "init", "--example", os.path.join(work, "init-example"))
    ok(r.returncode == 0, f"init --example: {r.stderr}")
    names = ["codebook.schema.json", "coding.schema.json", "condensation.schema.json",
             "ipcode.schema.json"]
    schemas = {}
    for lang in ("en", "nb"):
        folder = os.path.join(work, "init-" + lang, "schemas")
        ok(sorted(os.listdir(folder)) == names, f"{lang}: init wrote {os.listdir(folder)}")
        for name in names:
            s = json.load(open(os.path.join(folder, name), encoding="utf-8"))
            try:
                jsonschema.Draft202012Validator.check_schema(s)
                ok(True, "")
            except jsonschema.SchemaError as e:
                ok(False, f"{lang}/{name} is not a valid draft 2020-12 schema: {e.message}")
            schemas[lang, name] = s

    def shape(node):  # the schema without its texts
        if isinstance(node, dict):
            return {k: shape(v) for k, v in node.items() if k not in ("description", "title")}
        if isinstance(node, list):
            return [shape(v) for v in node]
        return node

    for name in names:
        ok(shape(schemas["en", name]) == shape(schemas["nb", name]),
           f"{name}: the nb and en schemas differ in more than their texts")
    ok("Another name for 'units'" in json.dumps(schemas["en", "coding.schema.json"]),
       "the English aliases' descriptions")
    ok("Et annet navn for 'units'" in json.dumps(schemas["nb", "coding.schema.json"],
                                                 ensure_ascii=False),
       "the bokmål aliases' descriptions")

    # `ipcode schema` writes what init wrote, and a second run changes nothing.
    study = os.path.join(work, "init-nb")
    shutil.rmtree(os.path.join(study, "schemas"))
    r = ipcode("--lang", "nb", "-C", study, "schema")
    ok(r.returncode == 0, f"schema: {r.stderr}")
    for name in names:
        ok(json.load(open(os.path.join(study, "schemas", name), encoding="utf-8")) ==
           schemas["nb", name], f"schema and init differ in {name}")

    validators = {name: jsonschema.Draft202012Validator(schemas["en", name]) for name in names}
    kind_schema = {"manifest": "ipcode.schema.json", "codebook": "codebook.schema.json",
                   "coding": "coding.schema.json", "condensation": "condensation.schema.json"}

    def errors(kind, doc):
        return [e.message for e in validators[kind_schema[kind]].iter_errors(doc)]

    # --- 2. every accepted YAML file of the repository's studies -------------------------
    def as_list(v):
        if v is None:
            return []
        return [str(x) for x in v] if isinstance(v, list) else [str(v)]

    def pick(d, *keys):
        for k in keys:
            if isinstance(d, dict) and k in d:
                return d[k]
        return None

    def classify(root):
        """Study-relative YAML path -> kind, from the manifest as the loader reads it."""
        kinds = {"ipcode.yaml": "manifest"}
        m = load_yaml(os.path.join(root, "ipcode.yaml")) or {}
        files = sorted(os.path.relpath(p, root) for p in
                       glob.glob(os.path.join(root, "**", "*.y*ml"), recursive=True))
        files = [f for f in files if not f.startswith(("out/", "schemas/"))]
        for c in as_list(pick(m, "codebook", "kodebok")):
            kinds[c] = "codebook"
        rounds = pick(m, "rounds", "runder")
        if rounds is None:
            rounds = [{"coding": "coding/**"}]
        for rd in rounds or []:
            for c in as_list(pick(rd, "codebook", "kodebok")):
                kinds[c] = "codebook"
            for c in as_list(pick(rd, "condensation", "kondensering")):
                kinds[c] = "condensation"
            for pattern in as_list(pick(rd, "coding", "koding")):
                for f in files:
                    if fnmatch.fnmatch(f, pattern) or fnmatch.fnmatch(f, pattern.replace("**", "*/*")):
                        kinds.setdefault(f, "coding")
        return {f: k for f, k in kinds.items() if f in files or f == "ipcode.yaml"}

    def files_with_errors(root):
        r = ipcode("-C", root, "check")
        bad = set()
        for line in r.stderr.splitlines():
            m = re.match(r"^(.+?):\d+:\d+: error: ", line)
            if m:
                bad.add(m.group(1))
        return bad

    studies = sorted({os.path.dirname(p) for p in
                      glob.glob(os.path.join(SRC, "examples", "**", "ipcode.yaml"), recursive=True) +
                      glob.glob(os.path.join(SRC, "tests", "data", "**", "ipcode.yaml"), recursive=True)})
    studies += [os.path.join(work, d) for d in ("init-en", "init-nb", "init-example")]
    validated = 0
    for root in studies:
        bad = files_with_errors(root)
        for rel, kind in sorted(classify(root).items()):
            if rel in bad:
                continue
            errs = errors(kind, load_yaml(os.path.join(root, rel)))
            ok(not errs, f"{os.path.relpath(root, SRC) if root.startswith(SRC) else rel}/{rel} "
                         f"is accepted by ipcode check but not by {kind_schema[kind]}: {errs[:3]}")
            validated += 1
    for path in sorted(glob.glob(os.path.join(SRC, "codebooks", "*.yaml"))):
        if ipcode("codebook", "show", path).returncode != 0:
            continue
        errs = errors("codebook", load_yaml(path))
        ok(not errs, f"{os.path.relpath(path, SRC)} does not validate: {errs[:3]}")
        validated += 1
    ok(validated >= 60, f"only {validated} files were validated")
    print(f"{validated} YAML files that ipcode check accepts validate against the schemas")

    # --- 3. the yaml-language-server line in every YAML file init writes -----------------
    for d in ("init-en", "init-example"):
        root = os.path.join(work, d)
        kinds = classify(root)
        for rel, kind in sorted(kinds.items()):
            first = open(os.path.join(root, rel), encoding="utf-8").readline().rstrip("\n")
            m = re.match(r"^# yaml-language-server: \$schema=(\S+)$", first)
            if ok(m, f"{d}/{rel} starts with {first!r}"):
                target = os.path.normpath(os.path.join(root, os.path.dirname(rel), m.group(1)))
                ok(target == os.path.join(root, "schemas", kind_schema[kind]),
                   f"{d}/{rel}: the line names {m.group(1)}")
        ok(len(kinds) >= (3 if d == "init-en" else 20), f"{d}: only {len(kinds)} YAML files")

    # A pseudonymised copy keeps the schemas as they are (ipcode's own text, never scanned), so
    # its YAML files still find them; no "not copied" warning for them.
    copy_dir = os.path.join(work, "anon-copy")
    r = ipcode("-C", os.path.join(work, "init-example"), "anon", "--apply", "--to", copy_dir)
    ok(r.returncode == 0 and "schema.json" not in r.stderr, f"anon --apply: {r.stderr}")
    for name in names:
        a = os.path.join(work, "init-example", "schemas", name)
        b = os.path.join(copy_dir, "schemas", name)
        ok(os.path.exists(b) and open(a, "rb").read() == open(b, "rb").read(),
           f"anon --apply did not copy schemas/{name} unchanged")

    # --- 4. a study written with the Norwegian aliases -----------------------------------
    nb = os.path.join(work, "alias")
    shutil.copytree(os.path.join(SRC, "tests", "data", "mini"), nb)
    files = {
        "ipcode.yaml": """ipcode: 1
tittel: Minimal studie
språk: nb
kodebok: codebook.yaml
beskrivelse: Alle nøkler på norsk.
deltakere:
  - id: B1
    rolle: bruker
    pseudonym: Åse
    egenskaper: {kjønn: K, alder: 40-49}
  - id: B2
    rolle: bruker
  - id: B10
    rolle: ansatt
runder:
  - id: r1
    tittel: Første runde
    periode: 2025-01
    transkripsjoner: transcripts/r1/*.txt
    koding: coding/r1/*.yaml
    kondensering: condensation/r1.yaml
rapport:
  attribusjon: rolle
anon:
  tillat: [NAV]
""",
        "codebook.yaml": """navn: mini
versjon: 1
språk: nb
nivåer:
  tema: Hovedkategori
  kodegruppe: Underkategori
  subgruppe: Kode
temaer:
  - id: inngaaelse
    etikett: Inngåelse av planen
    kodegrupper:
      - id: samtykke
        etikett: Informert samtykke
        beskrivelse: Hva brukeren vet.
        inklusjon: Utsagn om samtykke.
        eksklusjon: Utsagn om innholdet.
        eksempler: [Jeg skrev under]
        farge: "#1b9e77"
        nøkkelord: [samtykke, "skriv* under"]
        subgrupper:
          - id: underskrift
            etikett: Skriver under uten å vite hva
          - id: forstaar
            etikett: Forstår hva planen er
  - id: medvirkning
    etikett: Brukermedvirkning
    kategorier:
      - id: maal
        etikett: Mål og tiltak
        undergrupper:
          - id: egne-maal
            etikett: Egne mål
""",
        "coding/r1/B1.yaml": """transkripsjon: r1-B1
koder: KH
meningsenheter:
  - id: B1-01
    linjer: 8-9
    sitat: jeg bare skriver under på alt (…) Det er de som skriver den
    koder: [underskrift]
    notat: Gjentas senere.
  - sitat: Målet mitt er å få en egen leilighet
    kode: egne-maal
""",
        "condensation/r1.yaml": """runde: r1
subgrupper:
  underskrift:
    kondensat: Jeg skriver under på alt, men jeg vet ikke hva. Det er de som skriver den.
    sitat: B1-01
    analyse: Flere beskrev underskriften som en formalitet.
    normer:
      - kilde: Forskrift om individuell plan
        tekst: Planen skal ikke lages uten at brukeren samtykker.
  egne-maal:
    kondensat: Målet mitt er å få en egen leilighet, og målene skal være mine egne.
    sitat: B10-01
kodegrupper:
  samtykke:
    analyse: Samtykke ble forstått ulikt.
""",
    }
    for rel, text in files.items():
        with open(os.path.join(nb, rel), "w", encoding="utf-8") as f:
            f.write(text)
    r = ipcode("-C", nb, "check")
    ok(r.returncode == 0 and ": error: " not in r.stderr,
       f"the Norwegian-keyed study: check says {r.stderr}")
    for rel, kind in sorted(classify(nb).items()):
        errs = errors(kind, load_yaml(os.path.join(nb, rel)))
        ok(not errs, f"Norwegian keys in {rel}: {errs[:3]}")

    # --- 5. broken files: the schema and ipcode check both refuse them -------------------
    def mutate(doc, path, value=None, delete=False, rename=None):
        d = copy.deepcopy(doc)
        node = d
        for p in path[:-1]:
            node = node[p]
        if rename:
            node[rename] = node.pop(path[-1])
        elif delete:
            del node[path[-1]]
        else:
            node[path[-1]] = value
        return d

    mini = os.path.join(SRC, "tests", "data", "mini")
    base = {rel: load_yaml(os.path.join(mini, rel)) for rel in
            ("ipcode.yaml", "codebook.yaml", "coding/r1/B2.yaml", "condensation/r1.yaml")}
    cases = [
        ("unknown key in a unit", "coding/r1/B2.yaml", dict(path=["units", 0, "codes"], rename="kodes")),
        ("unknown top-level key", "coding/r1/B2.yaml", dict(path=["units_"], value=[])),
        ("unit without codes", "coding/r1/B2.yaml", dict(path=["units", 0, "codes"], delete=True)),
        ("unit without lines or quote", "coding/r1/B2.yaml", dict(path=["units", 0, "quote"], delete=True)),
        ("coding file without transcript", "coding/r1/B2.yaml", dict(path=["transcript"], delete=True)),
        ("lines that are no range", "coding/r1/B2.yaml", dict(path=["units", 1, "lines"], value="8-x")),
        ("line 0", "coding/r1/B2.yaml", dict(path=["units", 1, "lines"], value=0)),
        ("a code with a capital", "coding/r1/B2.yaml", dict(path=["units", 0, "codes"], value=["Forstaar"])),
        ("node id with a capital", "codebook.yaml", dict(path=["themes", 0, "id"], value="Inngaaelse")),
        ("node id with æøå", "codebook.yaml", dict(path=["themes", 1, "groups", 0, "id"], value="mål")),
        ("node without label", "codebook.yaml", dict(path=["themes", 0, "label"], delete=True)),
        ("colour by name", "codebook.yaml", dict(path=["themes", 0, "groups", 0, "color"], value="green")),
        ("subgroups under a subgroup", "codebook.yaml",
         dict(path=["themes", 0, "groups", 0, "subgroups", 0, "subgroups"], value=[])),
        ("codebook without name", "codebook.yaml", dict(path=["codebook"], delete=True)),
        ("unknown attribution", "ipcode.yaml", dict(path=["report", "attribution"], value="navn")),
        ("unknown report language", "ipcode.yaml", dict(path=["language"], value="de")),
        ("format version 2", "ipcode.yaml", dict(path=["ipcode"], value=2)),
        ("informant id with a space", "ipcode.yaml", dict(path=["informants", 0, "id"], value="B 1")),
        ("round without transcripts", "ipcode.yaml", dict(path=["rounds", 0, "transcripts"], delete=True)),
        ("unknown key in a round", "ipcode.yaml", dict(path=["rounds", 0, "folder"], value="x")),
        ("unknown key in a subgroup text", "condensation/r1.yaml",
         dict(path=["subgroups", "underskrift", "kondensatt"], value="x")),
        ("norm without text", "condensation/r1.yaml",
         dict(path=["subgroups", "underskrift", "norms", 0, "text"], delete=True)),
        ("feedback verdict not agrees/disagrees/nuances", "condensation/r1.yaml",
         dict(path=["subgroups", "underskrift", "feedback"],
              value=[{"from": "B1", "verdict": "delvis", "text": "Ja."}])),
    ]
    for n, (what, rel, change) in enumerate(cases):
        doc = mutate(base[rel], **change)
        ok(errors("condensation" if rel.startswith("condensation") else
                  "coding" if rel.startswith("coding") else
                  "codebook" if rel == "codebook.yaml" else "manifest", doc),
           f"{what}: the schema accepts it")
        study = os.path.join(work, f"broken-{n}")
        shutil.copytree(mini, study)
        with open(os.path.join(study, rel), "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
        ok(rel in files_with_errors(study), f"{what}: ipcode check finds no error in {rel}")
finally:
    shutil.rmtree(work, ignore_errors=True)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
