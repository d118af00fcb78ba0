"""``octakd course new`` and ``octakd course build``: the instructor's copy, the student
handout and Gradescope's autograder.

    OUT/student/      the student files with solutions replaced by stubs, the public tests,
                      README.md, assignment.json, notebooks as .ipynb (made with jupytext);
                      no hidden tests, no INSTRUCTOR.md
    OUT/autograder/   setup.sh and run_autograder (Gradescope's entry points), the assignment
                      (tests, manifest; no solutions), a copy of the octakd package, and
                      autograder.zip holding all of it with setup.sh and run_autograder at
                      its root, ready to upload.
"""
import json
import os
import sys
import shutil
import stat
import zipfile

from ..errors import OctakdFileError, OctakdValueError
from .assignment import MANIFEST, Assignment
from .markers import has_solutions, strip_solutions

BUILTIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "assignments")
INSTRUCTOR_ONLY = {"INSTRUCTOR.md", "solutions", "__pycache__", ".ipynb_checkpoints"}

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, when it builds the grading image.
set -e
apt-get update -qq && apt-get install -y -qq python3 python3-pip > /dev/null || true
pip3 install --quiet numpy scipy numba pillow soundfile
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission: the zip is unpacked in $ROOT/source, the
# submission is in $ROOT/submission and the results go to $ROOT/results/results.json.
# AUTOGRADER_ROOT and OCTAKD_RESULTS override those paths (for testing outside Gradescope).
ROOT="${AUTOGRADER_ROOT:-/autograder}"
RESULTS="${OCTAKD_RESULTS:-$ROOT/results/results.json}"
mkdir -p "$(dirname "$RESULTS")"
cd "$ROOT/source"
PYTHONPATH="$ROOT/source" python3 -m octakd.course grade "$ROOT/source/assignment" \\
    "$ROOT/submission" --json "$RESULTS"
"""


def builtin_names():
    """The built-in assignments, sorted."""
    return sorted(d for d in os.listdir(BUILTIN)
                  if os.path.isfile(os.path.join(BUILTIN, d, MANIFEST)))


def _empty_target(path, where):
    if os.path.exists(path) and (not os.path.isdir(path) or os.listdir(path)):
        raise OctakdFileError(f"{where}: '{path}' already exists and is not an empty folder; "
                              f"choose a new folder")


def _ignore(_, names):
    return [n for n in names if n in ("__pycache__", ".ipynb_checkpoints") or n.endswith(".pyc")]


def new(name, target):
    """Copy the instructor's version of built-in assignment ``name`` into ``target``."""
    where = "octakd course new"
    names = builtin_names()
    if name not in names:
        raise OctakdValueError(f"{where}: unknown assignment {name!r}; the built-in ones are "
                               f"{', '.join(names)} (octakd course list)")
    _empty_target(target, where)
    if os.path.isdir(target):
        os.rmdir(target)
    shutil.copytree(os.path.join(BUILTIN, name), target, ignore=_ignore)
    return target


def _student_copy(a, out):
    os.makedirs(out)
    for dirpath, dirnames, filenames in os.walk(a.root):
        rel_dir = os.path.relpath(dirpath, a.root)
        parts = [] if rel_dir == "." else rel_dir.split(os.sep)
        if any(p in INSTRUCTOR_ONLY for p in parts) or parts[:2] == ["tests", "hidden"]:
            dirnames[:] = []
            continue
        dirnames[:] = [d for d in dirnames if d not in INSTRUCTOR_ONLY]
        for fname in filenames:
            if fname in INSTRUCTOR_ONLY or fname.endswith(".pyc"):
                continue
            rel = os.path.normpath(os.path.join(rel_dir, fname))
            src, dst = os.path.join(a.root, rel), os.path.join(out, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if fname.endswith(".py") or fname.endswith(".md"):
                with open(src, encoding="utf-8") as f:
                    text = f.read()
                if has_solutions(text):
                    text = strip_solutions(text, rel)
                with open(dst, "w", encoding="utf-8") as f:
                    f.write(text)
            else:
                shutil.copy2(src, dst)
    for rel in a.manifest.get("notebooks", []):
        _notebook(os.path.join(out, rel))


def _notebook(path):
    """A jupytext 'percent' script -> .ipynb beside it (the script is kept for diffs)."""
    try:
        import jupytext
    except ImportError:
        print(f"octakd course build: jupytext is not installed, so {os.path.basename(path)} is "
              f"not turned into a notebook (pip install 'octakd[course]')", file=sys.stderr)
        return
    notebook = jupytext.read(path)
    jupytext.write(notebook, os.path.splitext(path)[0] + ".ipynb")


def _autograder(a, out):
    source = os.path.join(out, "assignment")
    os.makedirs(source)
    for rel in [MANIFEST, "conftest.py", *a.manifest.get("support_files", []),
                *sorted({t.file for t in a.tests})]:
        src = os.path.join(a.root, rel)
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(os.path.join(source, rel)), exist_ok=True)
            shutil.copy2(src, os.path.join(source, rel))
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shutil.copytree(package, os.path.join(out, "octakd"), ignore=_ignore)
    for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
        path = os.path.join(out, name)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    zip_path = os.path.join(out, "autograder.zip")
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for dirpath, dirnames, filenames in os.walk(out):
            dirnames.sort()
            for fname in sorted(filenames):
                full = os.path.join(dirpath, fname)
                if full == zip_path:
                    continue
                info = zipfile.ZipInfo.from_file(full, os.path.relpath(full, out))
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(full, "rb") as f:
                    z.writestr(info, f.read())
    return zip_path


def build(assignment_dir, out):
    """Write OUT/student and OUT/autograder (with autograder.zip). Returns (student, zip)."""
    where = "octakd course build"
    a = Assignment.load(assignment_dir, where)
    _empty_target(out, where)
    for rel in a.student_files:
        path = os.path.join(a.root, rel)
        if not os.path.isfile(path):
            raise OctakdFileError(f"{where}: {rel} (listed in {MANIFEST}) is missing")
        with open(path, encoding="utf-8") as f:
            strip_solutions(f.read(), rel)              # fail early on unbalanced markers
    student, grader = os.path.join(out, "student"), os.path.join(out, "autograder")
    _student_copy(a, student)
    manifest_path = os.path.join(student, MANIFEST)
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    manifest.pop("instructor_notes", None)
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    zip_path = _autograder(a, grader)
    return student, zip_path
