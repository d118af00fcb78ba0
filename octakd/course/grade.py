"""Grade a submission: every test in its own limited child process, Gradescope's results.json.

    results = grade(assignment_dir, submission_dir, json_path="results.json")

Order of work, each step able to end grading with a clean zero-score result and a reason:
1. find each student file in the submission (at its path, or anywhere below by its name);
2. refuse files that import the library's reference code (a static scan; the runner also
   blocks such imports at run time);
3. import the student's files once in a child: a syntax error, a crash or an infinite loop at
   module level fails every test with that reason, without spending a time limit per test;
4. run each test in a fresh folder, rebuilt from copies held in memory, so a submission that
   edits the tests, the grader's files or results.json changes nothing that counts.

results.json follows Gradescope's autograder specification: ``score``, ``execution_time``,
``output``, ``stdout_visibility``, and ``tests`` with ``name``, ``score``, ``max_score``,
``status``, ``output`` and ``visibility``.
"""
import json
import os
import shutil
import sys
import tempfile
import time

from ..io.files import _atomic_write
from .assignment import Assignment, forbidden_imports
from .sandbox import run_child

SKIP_DIRS = {".git", "__pycache__", ".ipynb_checkpoints", "node_modules"}


def find_in_submission(submission, relpath, max_files=20000):
    """The submitted copy of ``relpath``: at that path, else the shallowest file of that name."""
    direct = os.path.join(submission, relpath)
    if os.path.isfile(direct):
        return direct
    name, best, seen = os.path.basename(relpath), None, 0
    for dirpath, dirnames, filenames in os.walk(submission):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        seen += len(filenames)
        if name in filenames:
            depth = dirpath.count(os.sep)
            if best is None or depth < best[0]:
                best = (depth, os.path.join(dirpath, name))
        if seen > max_files:
            break
    return best[1] if best else None


def _read_files(root, relpaths):
    out = {}
    for rel in relpaths:
        with open(os.path.join(root, rel), "rb") as f:
            out[rel] = f.read()
    return out


def _support_files(a):
    """Everything a test needs besides the student's files: the tests and listed support files."""
    rels = [t.file for t in a.tests]
    rels += [f for f in a.manifest.get("support_files", []) if os.path.isfile(os.path.join(a.root, f))]
    return sorted(set(rels))


def _materialise(files):
    workdir = tempfile.mkdtemp(prefix="octakd-grade-")
    for rel, data in files.items():
        path = os.path.join(workdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    return workdir


def _result(test, score, output):
    return {"name": test.name, "score": score, "max_score": test.points,
            "status": "passed" if score >= test.points else "failed",
            "output": output, "visibility": test.visibility}


def grade(assignment_dir, submission_dir, json_path=None, time_limit=None, stream=None):
    """Grade ``submission_dir`` (a folder, or a single submitted file) against the assignment in
    ``assignment_dir``; print the table to
    ``stream`` (stdout by default), write results.json to ``json_path`` when given, and return
    the results dict."""
    stream = stream if stream is not None else sys.stdout
    start = time.monotonic()
    a = Assignment.load(assignment_dir, "octakd course grade")
    limit = float(time_limit) if time_limit else a.time_limit
    files = _read_files(a.root, _support_files(a))
    reason = None
    if not os.path.exists(submission_dir):
        reason = f"the submission '{submission_dir}' does not exist"
    else:
        for rel in a.student_files:
            if os.path.isfile(submission_dir):          # a single submitted file
                same = os.path.basename(submission_dir) == os.path.basename(rel)
                found = submission_dir if same or len(a.student_files) == 1 else None
            else:
                found = find_in_submission(submission_dir, rel)
            if found is None:
                reason = (f"{rel} was not found in the submission; upload the file named "
                          f"{os.path.basename(rel)} (keep its name)")
                break
            with open(found, "rb") as f:
                data = f.read(4 << 20)
            files[rel] = data
            hits = forbidden_imports(data.decode("utf-8", "replace"), rel, a.forbidden, a.allowed)
            if hits:
                where = ", ".join(f"line {line}: {mod}" for line, mod in hits[:3])
                reason = (f"{rel} imports the library's reference implementation ({where}); this "
                          f"assignment asks you to write that code yourself, so every test scores 0. "
                          f"numpy is fine; from octakd only {', '.join(a.allowed)}")
                break
    config = {"student_files": a.student_files, "allowed": a.allowed, "forbidden": a.forbidden}
    if reason is None:
        workdir = _materialise(files)
        try:
            outcome = run_child(workdir, [json.dumps({**config, "mode": "import"})], limit, a.memory_mb)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        if not outcome.passed:
            reason = f"importing {', '.join(a.student_files)} failed: {outcome.message}"
            if outcome.output.strip():
                reason += f"\n--- output ---\n{outcome.output}"
    results = []
    for test in a.tests:
        if reason is not None:
            results.append(_result(test, 0, reason))
            continue
        workdir = _materialise(files)
        try:
            outcome = run_child(workdir, [json.dumps({**config, "mode": "test", "test_file": test.file,
                                                      "function": test.function})],
                                limit, a.memory_mb)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        text = "passed" if outcome.passed else f"{outcome.status}: {outcome.message}"
        if outcome.output.strip():
            text += f"\n--- output ---\n{outcome.output}"
        results.append(_result(test, test.points if outcome.passed else 0, text))
    score = sum(r["score"] for r in results)
    summary = f"{a.name}: {score:g} of {a.max_score:g} points"
    if reason is not None:
        summary += f"\n{reason}"
    payload = {"score": score, "execution_time": round(time.monotonic() - start, 2),
               "output": summary, "stdout_visibility": "hidden", "tests": results}
    print(format_table(payload), file=stream)
    if json_path:
        _write_json(json_path, payload)
    return payload


def _write_json(path, payload):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    text = json.dumps(payload, indent=2)
    _atomic_write(path, lambda f: f.write(text.encode()), "octakd course grade")


def write_failure(path, reason):
    """results.json for a grading run that could not happen: score 0 and the reason."""
    try:
        _write_json(path, {"score": 0, "output": reason, "stdout_visibility": "hidden", "tests": []})
    except Exception:                   # the original error matters more than this one
        pass


def format_table(payload):
    """The per-test feedback table printed by ``octakd course grade``."""
    rows = payload["tests"]
    width = max([len(r["name"]) for r in rows] + [4])
    lines = [f"{'test':<{width}}  {'score':>9}  result", "-" * (width + 20)]
    for r in rows:
        lines.append(f"{r['name']:<{width}}  {r['score']:>4g}/{r['max_score']:<4g}  {r['status']}")
        if r["status"] != "passed":
            first = r["output"].splitlines()[0] if r["output"] else ""
            lines.append(f"    {first[:300]}")
    lines.append(payload["output"].splitlines()[0])
    return "\n".join(lines)
