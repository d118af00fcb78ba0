"""An assignment folder: its manifest, its tests and their points.

    DIR/assignment.json      {"name", "title", "student_files": ["layers.py"], "time_limit": 60,
                              "memory_mb": 2048, "allowed_imports": [...], "notebooks": [...]}
    DIR/<student files>      code with solutions between ### BEGIN SOLUTION / ### END SOLUTION
    DIR/tests/public/*.py    tests the students get (Gradescope visibility "visible")
    DIR/tests/hidden/*.py    tests only the autograder has ("after_published")
    DIR/README.md            for students;  DIR/INSTRUCTOR.md  notes left out of the student build

A test is a function ``test_*`` of a test file, worth the points of its ``@points(n)``
decorator (1 without one); its name in the feedback is the first line of its docstring. Tests
are found by reading the files' syntax trees: the grader never imports them itself.
"""
import ast
import json
import os

from ..errors import OctakdFileError, OctakdValueError

MANIFEST = "assignment.json"
VISIBILITY = {"public": "visible", "hidden": "after_published"}
DEFAULT_ALLOWED = ["octakd.gradcheck", "octakd.testing", "octakd.course.checks"]


class Test:
    def __init__(self, file, function, points, title, visibility):
        self.file, self.function, self.points = file, function, points
        self.title, self.visibility = title, visibility

    @property
    def name(self):
        return f"{self.title} ({os.path.basename(self.file)}::{self.function})"


class Assignment:
    """A loaded assignment folder (``Assignment.load(DIR)``)."""

    def __init__(self, root, manifest):
        self.root = root
        self.manifest = manifest
        self.name = manifest["name"]
        self.student_files = list(manifest["student_files"])
        self.time_limit = float(manifest.get("time_limit", 60))
        self.memory_mb = int(manifest.get("memory_mb", 2048))
        self.allowed = list(manifest.get("allowed_imports", DEFAULT_ALLOWED))
        self.forbidden = list(manifest.get("forbidden_imports", ["octakd"]))
        self.tests = discover_tests(root)

    @classmethod
    def load(cls, root, where="octakd course"):
        path = os.path.join(root, MANIFEST)
        if not os.path.isfile(path):
            raise OctakdFileError(f"{where}: '{root}' is not an assignment folder (no {MANIFEST}); "
                                  f"make one with `octakd course new NAME DIR`")
        try:
            with open(path, encoding="utf-8") as f:
                manifest = json.load(f)
        except (OSError, ValueError) as exc:
            raise OctakdFileError(f"{where}: cannot read '{path}' ({exc})") from None
        for key in ("name", "student_files"):
            if key not in manifest:
                raise OctakdValueError(f"{where}: '{path}' has no \"{key}\"")
        return cls(root, manifest)

    @property
    def max_score(self):
        return sum(t.points for t in self.tests)


def _points(func):
    for dec in func.decorator_list:
        if (isinstance(dec, ast.Call) and getattr(dec.func, "id", getattr(dec.func, "attr", None)) == "points"
                and dec.args and isinstance(dec.args[0], ast.Constant)
                and isinstance(dec.args[0].value, (int, float))):
            return dec.args[0].value
    return 1


def discover_tests(root):
    """[Test] of tests/public then tests/hidden, files and functions in source order."""
    tests = []
    for kind in ("public", "hidden"):
        folder = os.path.join(root, "tests", kind)
        if not os.path.isdir(folder):
            continue
        for fname in sorted(os.listdir(folder)):
            if not (fname.startswith("test_") and fname.endswith(".py")):
                continue
            rel = os.path.join("tests", kind, fname)
            with open(os.path.join(root, rel), encoding="utf-8") as f:
                try:
                    tree = ast.parse(f.read(), rel)
                except SyntaxError as exc:
                    raise OctakdValueError(f"octakd course: {rel}:{exc.lineno}: {exc.msg}") from None
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                    doc = (ast.get_docstring(node) or node.name).strip().splitlines()[0]
                    tests.append(Test(rel, node.name, _points(node), doc, VISIBILITY[kind]))
    return tests


def forbidden_imports(source, filename, forbidden, allowed):
    """Static scan of a student's file: [(line, module)] of imports of the reference code
    (``import octakd.layers``, ``from octakd import ...``, ``__import__('octakd...')``)."""
    try:
        tree = ast.parse(source, filename)
    except SyntaxError:
        return []                                   # the import step reports syntax errors

    def allowed_name(name):
        return any(name == a or name.startswith(a + ".") for a in allowed)

    def bad(name):
        return any(name == f or name.startswith(f + ".") for f in forbidden) and not allowed_name(name)

    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            hits += [(node.lineno, a.name) for a in node.names if bad(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from octakd import gradcheck` is fine when octakd.gradcheck is allowed
            hits += [(node.lineno, f"{node.module}.{a.name}") for a in node.names
                     if bad(node.module) and bad(f"{node.module}.{a.name}")]
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and getattr(node.func, "id", getattr(node.func, "attr", None)) in (
                  "__import__", "import_module") and bad(str(node.args[0].value))):
            hits.append((node.lineno, node.args[0].value))
    return hits
