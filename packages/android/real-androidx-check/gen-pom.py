#!/usr/bin/env python3
"""Writes one Maven module of the check from a template in poms/ (each step compiles a different set of source
directories against a different androidx set, so the poms are generated rather than kept in git).

usage: gen-pom.py TEMPLATE OUT_POM NAME LABEL DEPS_FRAGMENT SRC_DIR [SRC_DIR ...]
  NAME           artifactId of the module
  LABEL          what the module runs against, for its comment and the tests' output (e.g. "2.10.0")
  DEPS_FRAGMENT  <dependency> lines written by resolve-androidx.py
Placeholders: @NAME@ @LABEL@ @WORK_DEPS@ @SOURCE_DIRS@ @REPO_ROOT@ @CHECK_DIR@ @TARGET@ (absolute paths of this
machine, resolved here so that the templates hold none).
"""
import os
import sys

template, out, name, label, fragment, *source_dirs = sys.argv[1:]
if not source_dirs:
    sys.exit("gen-pom.py: no source directories")
for d in source_dirs:
    if not os.path.isdir(d):
        sys.exit(f"gen-pom.py: not a directory: {d}")

check_dir = os.path.dirname(os.path.abspath(__file__))
values = {
    "@NAME@": name,
    "@LABEL@": label,
    "@WORK_DEPS@": open(fragment).read().rstrip("\n"),
    "@SOURCE_DIRS@": "\n".join(f"                <sourceDir>{os.path.abspath(d)}</sourceDir>" for d in source_dirs),
    "@REPO_ROOT@": os.path.abspath(os.path.join(check_dir, "..", "..", "..")),
    "@CHECK_DIR@": check_dir,
    "@TARGET@": os.path.join(check_dir, "target"),
}
text = open(template).read()
for key, value in values.items():
    text = text.replace(key, value)
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    f.write(text)
