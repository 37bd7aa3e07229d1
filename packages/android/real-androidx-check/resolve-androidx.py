#!/usr/bin/env python3
"""Resolves androidx artifacts (AARs and jars) and their transitive compile/runtime deps from Google's Maven
repository (then Maven Central), Gradle-style: the highest version requested anywhere wins, [x] ranges are read
as x. Maven itself cannot do this: it does not put AARs on a classpath, and "nearest wins" would pick other
versions than an app's Gradle build. Kotlin stdlib and kotlinx-coroutines are left out: the poms pin them
(2.4.10 / 1.11.0, as packages/android/pom.xml does).

Each resolved artifact's classes (an AAR's classes.jar + libs/*.jar, or the jar) is written into a Maven
repository layout under REPO as  aar-classes.<groupId>:<artifactId>:<version>  (jar, pom without deps: the
resolution is already done), and a <dependencies> fragment listing all of them is written to OUT_FRAGMENT, with a
report (artifacts, then every dependency edge) next to it as OUT_FRAGMENT.txt. Downloads are kept in CACHE_DIR
(404s too, as empty files).

usage: resolve-androidx.py REPO OUT_FRAGMENT CACHE_DIR g:a:v [g:a:v ...]
"""
import io, os, re, sys, zipfile, urllib.request, urllib.error
import xml.etree.ElementTree as ET

REPOS = ["https://dl.google.com/dl/android/maven2/", "https://repo.maven.apache.org/maven2/"]
SKIP_GROUPS = ("org.jetbrains.kotlin",)
SKIP = re.compile(r"^(org\.jetbrains\.kotlinx:kotlinx-coroutines-.*|org\.jetbrains:annotations)$")

repo_dir, fragment, cache = sys.argv[1], sys.argv[2], sys.argv[3]
roots = sys.argv[4:]
os.makedirs(cache, exist_ok=True)


def fetch(path):
    local = os.path.join(cache, path.replace("/", "_"))
    if os.path.exists(local):
        return open(local, "rb").read() if os.path.getsize(local) else None
    for base in REPOS:
        try:
            with urllib.request.urlopen(base + path, timeout=60) as r:
                data = r.read()
            open(local, "wb").write(data)
            return data
        except urllib.error.HTTPError as e:
            if e.code != 404:
                raise
    open(local, "wb").close()  # remember the 404
    return None


def vkey(v):
    return [int(p) if p.isdigit() else -1 for p in re.split(r"[.\-]", v)]


def strip_ns(root):
    for el in root.iter():
        if "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
    return root


def pom(g, a, v):
    data = fetch(f"{g.replace('.', '/')}/{a}/{v}/{a}-{v}.pom")
    if data is None:
        raise SystemExit(f"POM not found anywhere: {g}:{a}:{v}")
    return strip_ns(ET.fromstring(data))


def props_of(root, g, v):
    props = {"project.version": v, "project.groupId": g, "pom.version": v}
    pe = root.find("properties")
    if pe is not None:
        for p in pe:
            props[p.tag] = (p.text or "").strip()
    parent = root.find("parent")
    if parent is not None:
        pv = parent.findtext("version")
        props.setdefault("project.parent.version", pv)
        pr = pom(parent.findtext("groupId"), parent.findtext("artifactId"), pv)
        for k, val in props_of(pr, parent.findtext("groupId"), pv).items():
            props.setdefault(k, val)
    return props


def subst(s, props):
    for _ in range(5):
        s = re.sub(r"\$\{([^}]+)\}", lambda m: props.get(m.group(1), m.group(0)), s)
    return s


def managed(root, props):
    out = {}
    dm = root.find("dependencyManagement/dependencies")
    if dm is not None:
        for d in dm.findall("dependency"):
            out[(subst(d.findtext("groupId"), props), d.findtext("artifactId"))] = subst(d.findtext("version") or "", props)
    parent = root.find("parent")
    if parent is not None:
        pr = pom(parent.findtext("groupId"), parent.findtext("artifactId"), parent.findtext("version"))
        for k, val in managed(pr, props_of(pr, parent.findtext("groupId"), parent.findtext("version"))).items():
            out.setdefault(k, val)
    return out


def deps(g, a, v):
    root = pom(g, a, v)
    props = props_of(root, g, v)
    mgmt = managed(root, props)
    packaging = root.findtext("packaging") or "jar"
    out = []
    ds = root.find("dependencies")
    for d in (ds.findall("dependency") if ds is not None else []):
        scope = d.findtext("scope") or "compile"
        if scope not in ("compile", "runtime") or (d.findtext("optional") or "").strip() == "true":
            continue
        dg, da = subst(d.findtext("groupId"), props), subst(d.findtext("artifactId"), props)
        dv = subst(d.findtext("version") or mgmt.get((dg, da), ""), props).strip("[]() ")
        dv = dv.split(",")[0]
        if not dv:
            raise SystemExit(f"no version for {dg}:{da} in {g}:{a}:{v}")
        out.append((dg, da, dv))
    return packaging, out


chosen = {}      # (g, a) -> version
packagings = {}  # (g, a) -> packaging
edges = []
queue = [tuple(r.split(":")) for r in roots]
while queue:
    g, a, v = queue.pop(0)
    if g in SKIP_GROUPS or SKIP.match(f"{g}:{a}"):
        continue
    cur = chosen.get((g, a))
    if cur is not None and vkey(cur) >= vkey(v):
        continue
    chosen[(g, a)] = v
    packagings[(g, a)], ds = deps(g, a, v)
    for d in ds:
        edges.append(f"{g}:{a}:{v} -> {':'.join(d)}")
        queue.append(d)

os.makedirs(repo_dir, exist_ok=True)
lines = []
report = []
for (g, a), v in sorted(chosen.items()):
    base = f"{g.replace('.', '/')}/{a}/{v}/{a}-{v}"
    jars = []
    packaging = packagings[(g, a)]
    if packaging == "aar" or fetch(base + ".jar") is None:
        aar = fetch(base + ".aar")
        if aar is None:
            if packaging == "pom":
                report.append(f"{g}:{a}:{v} (pom only)")
                continue
            raise SystemExit(f"neither jar nor aar: {g}:{a}:{v}")
        z = zipfile.ZipFile(io.BytesIO(aar))
        for n in z.namelist():
            if n == "classes.jar" or (n.startswith("libs/") and n.endswith(".jar")):
                jars.append((n.replace("/", "_").replace(".jar", ""), z.read(n)))
        report.append(f"{g}:{a}:{v} aar -> {[n for n, _ in jars]}")
    else:
        jars.append(("classes", fetch(base + ".jar")))
        report.append(f"{g}:{a}:{v} jar")
    for i, (name, data) in enumerate(jars):
        rg, ra = "aar-classes." + g, a if i == 0 else f"{a}--{name}"
        d = os.path.join(repo_dir, rg.replace(".", "/"), ra, v)
        os.makedirs(d, exist_ok=True)
        open(os.path.join(d, f"{ra}-{v}.jar"), "wb").write(data)
        open(os.path.join(d, f"{ra}-{v}.pom"), "w").write(
            f'<project><modelVersion>4.0.0</modelVersion><groupId>{rg}</groupId><artifactId>{ra}</artifactId>'
            f'<version>{v}</version></project>\n')
        lines.append(f"    <dependency><groupId>{rg}</groupId><artifactId>{ra}</artifactId><version>{v}</version></dependency>")

open(fragment, "w").write("\n".join(lines) + "\n")
open(fragment + ".txt", "w").write("\n".join(report) + "\n\nedges:\n" + "\n".join(edges) + "\n")
print("\n".join(report))
