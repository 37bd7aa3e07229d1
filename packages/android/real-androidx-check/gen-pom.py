#!/usr/bin/env python3
"""Writes one Maven module of the check from a template in poms/ (each step compiles a different set of source
directories against a different androidx set, so the poms are generated rather than kept in git).

usage: ANDROID_ALL=<android-all version> gen-pom.py TEMPLATE OUT_POM NAME LABEL DEPS_FRAGMENT SRC_DIR [SRC_DIR ...]
  NAME           artifactId of the module
  LABEL          what the module runs against, for its comment and the tests' output (e.g. "2.10.0")
  DEPS_FRAGMENT  <dependency> lines written by resolve-androidx.py
Placeholders: @NAME@ @LABEL@ @WORK_DEPS@ @SOURCE_DIRS@ @REPO_ROOT@ @CHECK_DIR@ @TARGET@ (absolute paths of this
machine, resolved here so that the templates hold none), @ANDROID_ALL@ (run.sh's, which also fetches it), and
@<property>@ for each property of packages/android/pom.xml (kotlin.version, ...), so that the check builds with the
versions the JVM build pins, read from the one place that pins them.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

template, out, name, label, fragment, *source_dirs = sys.argv[1:]
if not source_dirs:
    sys.exit("gen-pom.py: no source directories")
for d in source_dirs:
    if not os.path.isdir(d):
        sys.exit(f"gen-pom.py: not a directory: {d}")
android_all = os.environ.get("ANDROID_ALL") or sys.exit("gen-pom.py: set ANDROID_ALL (run.sh does)")

check_dir = os.path.dirname(os.path.abspath(__file__))
repo_root = os.path.abspath(os.path.join(check_dir, "..", "..", ".."))
parent_pom = os.path.join(repo_root, "packages", "android", "pom.xml")
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
properties = ET.parse(parent_pom).getroot().find("m:properties", ns)
values = {f"@{p.tag.split('}', 1)[1]}@": (p.text or "").strip() for p in properties}
values.update({
    "@NAME@": name,
    "@LABEL@": label,
    "@ANDROID_ALL@": android_all,
    "@WORK_DEPS@": open(fragment).read().rstrip("\n"),
    "@SOURCE_DIRS@": "\n".join(f"                <sourceDir>{os.path.abspath(d)}</sourceDir>" for d in source_dirs),
    "@REPO_ROOT@": repo_root,
    "@CHECK_DIR@": check_dir,
    "@TARGET@": os.path.join(check_dir, "target"),
})
text = open(template).read()
for key, value in values.items():
    text = text.replace(key, value)
left = sorted(set(re.findall(r"@[\w.-]+@", text)))
if left:
    sys.exit(f"gen-pom.py: {template} names placeholders nothing fills: {', '.join(left)}")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    f.write(text)
