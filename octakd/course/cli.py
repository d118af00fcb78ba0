"""``octakd course list | new NAME DIR | build DIR OUT | grade DIR SUBMISSION [--json F]``."""
import sys

from ..errors import OctakdError


def _list(args):
    from .build import builtin_names
    for name in builtin_names():
        print(name)
    return 0


def _new(args):
    from .build import new
    new(args.name, args.dir)
    print(f"wrote the instructor's copy of {args.name!r} to {args.dir}; next: "
          f"octakd course build {args.dir} OUT")
    return 0


def _build(args):
    from .build import build
    student, zip_path = build(args.dir, args.out)
    print(f"student handout: {student}\nautograder (upload to Gradescope): {zip_path}")
    return 0


def _grade(args):
    from .grade import grade, write_failure
    try:
        grade(args.dir, args.submission, args.json, args.time_limit)
    except OctakdError as exc:
        if args.json:                   # Gradescope then shows the reason instead of an error
            write_failure(args.json, f"grading could not run: {exc}")
        raise
    return 0


def _run(func):
    def run(args):
        try:
            return func(args)
        except OctakdError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    return run


def add_commands(sub):
    """Add ``octakd course ...`` to the subparsers of the ``octakd`` command."""
    p = sub.add_parser("course", help="assignments: list, new, build the student and autograder "
                       "copies, grade a submission",
                       description="A course kit: assignments whose students write forward and "
                                   "backward passes, built into a student handout and a Gradescope "
                                   "autograder, and graded in isolated processes (docs/course.md).")
    course = p.add_subparsers(dest="course_command", required=True)
    c = course.add_parser("list", help="the built-in assignments, one name a line",
                          description="List the built-in assignments, one name a line.")
    c.set_defaults(func=_run(_list))
    c = course.add_parser("new", help="copy the instructor's version of an assignment into DIR",
                          description="Copy the instructor's version of an assignment into DIR.")
    c.add_argument("name", help="an assignment name from 'octakd course list'")
    c.add_argument("dir", help="the folder to create")
    c.set_defaults(func=_run(_new))
    c = course.add_parser("build", help="write OUT/student/ and OUT/autograder/ (Gradescope)",
                          description="Write the student handout (solutions stripped) to "
                                      "OUT/student/ and the Gradescope autograder to OUT/autograder/.")
    c.add_argument("dir", help="the instructor's assignment folder")
    c.add_argument("out", help="the output folder")
    c.set_defaults(func=_run(_build))
    c = course.add_parser("grade", help="grade a submission folder; per-test table and results.json",
                          description="Grade a submission folder: a per-test table, and "
                                      "Gradescope's results.json with --json.")
    c.add_argument("dir", help="the assignment folder (instructor's copy or autograder/assignment)")
    c.add_argument("submission", help="the folder with the student's files")
    c.add_argument("--json", help="where to write Gradescope's results.json")
    c.add_argument("--time-limit", type=float, help="seconds per test (default: the assignment's)")
    c.set_defaults(func=_run(_grade))


def main(argv=None):
    import argparse
    parser = argparse.ArgumentParser(prog="octakd")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["course", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)
