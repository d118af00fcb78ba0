"""The child side of grading: run one test function (or just import the student's files) and
report the verdict on the result pipe. Started by sandbox.run_child as

    python -I runner.py PACKAGE_ROOT WORKDIR TOKEN_FD RESULT_FD CONFIG_JSON

CONFIG_JSON: {"mode": "import" | "test", "student_files": [...], "allowed": [...],
"forbidden": [...], "test_file": ..., "function": ...}. This file imports nothing from
octakd.course, so the grader's own modules are not on the path of student code.
"""
import builtins
import errno
import importlib
import importlib.util
import json
import os
import sys
import traceback


def main():
    package_root, workdir, token_fd, result_fd, config = sys.argv[1:6]
    with os.fdopen(int(token_fd), "rb") as f:
        token = f.readline().decode().strip()
    result = int(result_fd)
    config = json.loads(config)
    sys.path[:] = [workdir, package_root] + [p for p in sys.path[1:] if "site-packages" in p
                                             or "lib/python" in p]

    def report(status, message=""):
        text = str(message)[:4000].replace("\n", "\\n")
        os.write(result, f"{token} {status} {text}\n".encode("utf-8", "replace"))
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)          # no atexit handlers, no finalisers of student objects

    student = {os.path.realpath(os.path.join(workdir, f)) for f in config["student_files"]}
    _guard_imports(student, config.get("forbidden", []), config.get("allowed", []))
    try:
        if config["mode"] == "import":
            for f in config["student_files"]:
                if f.endswith(".py"):
                    importlib.import_module(os.path.splitext(os.path.basename(f))[0])
            report("passed")
        spec = importlib.util.spec_from_file_location("graded_test_module",
                                                      os.path.join(workdir, config["test_file"]))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        getattr(module, config["function"])()
    except AssertionError as exc:
        report("failed", str(exc) or "an assertion failed: " + _where(exc, student))
    except NotImplementedError as exc:
        report("failed", f"not implemented yet: {_where(exc, student, True)} raises "
                         f"NotImplementedError{(' (' + str(exc) + ')') if str(exc) else ''}; "
                         f"write your code where the stub is")
    except ImportError as exc:
        report("error", f"{type(exc).__name__}: {exc}")
    except MemoryError:
        report("error", "MemoryError: the code ran out of memory (the limit is set by the grader)")
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            report("error", "stopped: the code wrote more output than the grader allows (printing "
                            "in a loop?)")
        report("error", f"{type(exc).__name__}: {exc}\n{_where(exc, student)}")
    except RecursionError:
        report("error", "RecursionError: maximum recursion depth exceeded " + _where(None, student))
    except BaseException as exc:                 # SystemExit and KeyboardInterrupt too
        if isinstance(exc, SystemExit):
            report("error", f"the code called exit({exc.code!r}); a submission must not end the "
                            f"process")
        report("error", f"{type(exc).__name__}: {exc}\n{_where(exc, student)}")
    report("passed")


def _where(exc, student, function_only=False):
    """The innermost frame in the student's files, as 'file.py:line in func'."""
    frames = traceback.extract_tb(exc.__traceback__) if exc is not None else []
    mine = [f for f in frames if os.path.realpath(f.filename) in student] or frames[-1:]
    if not mine:
        return ""
    f = mine[-1]
    if function_only:
        return f"{f.name}() in {os.path.basename(f.filename)}"
    return f"at {os.path.basename(f.filename)}:{f.lineno} in {f.name}(): {(f.line or '').strip()}"


def _guard_imports(student, forbidden, allowed):
    """Refuse, at run time, imports of the library's reference code from the student's files."""
    real_import = builtins.__import__
    real_import_module = importlib.import_module

    def refused(name, caller_file):
        if not caller_file or os.path.realpath(caller_file) not in student:
            return False
        hit = any(name == f or name.startswith(f + ".") for f in forbidden)
        ok = any(name == a or name.startswith(a + ".") for a in allowed)
        return hit and not ok

    def message(name, caller_file):
        return (f"{os.path.basename(caller_file)} imports {name}, the library's reference "
                f"implementation of what this assignment asks you to write; that scores 0. "
                f"Write it yourself (numpy is fine; allowed from octakd: "
                f"{', '.join(allowed) or 'nothing'})")

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
        caller = (globals or {}).get("__file__")
        if level == 0 and refused(name, caller):
            names = [f"{name}.{item}" for item in (fromlist or ()) if item != "*"]
            if not names or any(refused(n, caller) for n in names):
                raise ImportError(message(name, caller))
        return real_import(name, globals, locals, fromlist, level)

    def guarded_import_module(name, package=None):
        caller = sys._getframe(1).f_globals.get("__file__")
        if refused(name, caller):
            raise ImportError(message(name, caller))
        return real_import_module(name, package)

    builtins.__import__ = guarded_import
    importlib.import_module = guarded_import_module


if __name__ == "__main__":
    main()
