#!/usr/bin/env python3
"""Structural checks of a .docx written by ipcode (used by tests/e2e/report_docx.sh and
member_check.sh). Usage: docx_check.py FILE.docx COMMAND [ARGS]. Commands:
  parts                  every XML part parses (xml.dom.minidom); prints their names
  text                   the document's text, one paragraph per line
  styles                 the paragraph style id of each paragraph, one per line ("-" for none)
  tables                 each table as rows of cells joined by TAB, tables separated by a blank line
  style-attr ID XPATH    prints the attributes of the first element named XPATH in style ID
Exit 1 with a message when the archive or an XML part is broken."""
import sys
import zipfile
from xml.dom import minidom

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def parse(z, name):
    return minidom.parseString(z.read(name))


def text_of(node):
    out = []
    for t in node.getElementsByTagNameNS(W, "*"):
        if t.localName == "t" and t.firstChild is not None:
            out.append(t.firstChild.data)
        elif t.localName in ("br", "tab"):
            out.append(" ")
    return "".join(out)


def paragraphs(doc):
    body = doc.getElementsByTagNameNS(W, "body")[0]
    return body.getElementsByTagNameNS(W, "p")


def style_of(p):
    for ppr in p.childNodes:
        if ppr.localName == "pPr":
            for s in ppr.childNodes:
                if s.localName == "pStyle":
                    return s.getAttributeNS(W, "val")
    return "-"


def main():
    path, command, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            sys.exit(f"{path}: broken entry {bad}")
        names = z.namelist()
        parts = {n: parse(z, n) for n in names if n.endswith(".xml") or n.endswith(".rels")}
        doc = parts["word/document.xml"]
        if command == "parts":
            print("\n".join(names))
        elif command == "text":
            for p in paragraphs(doc):
                print(text_of(p))
        elif command == "styles":
            for p in paragraphs(doc):
                print(style_of(p))
        elif command == "tables":
            for tbl in doc.getElementsByTagNameNS(W, "tbl"):
                for tr in tbl.getElementsByTagNameNS(W, "tr"):
                    print("\t".join(text_of(tc) for tc in tr.getElementsByTagNameNS(W, "tc")))
                print()
        elif command == "style-attr":
            style_id, element = args
            for s in parts["word/styles.xml"].getElementsByTagNameNS(W, "style"):
                if s.getAttributeNS(W, "styleId") == style_id:
                    for e in s.getElementsByTagNameNS(W, element):
                        print(" ".join(f"{a.localName}={a.value}" for a in e.attributes.values()))
                        return
            sys.exit(f"no {element} in style {style_id}")
        else:
            sys.exit(f"unknown command {command}")


main()
