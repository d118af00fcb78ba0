"""Run one test of a submission in a child process with limits, and read back its verdict.

The child is ``python -I runner.py ...`` (see runner.py) in its own session, with:

- a wall-clock time limit (the whole process group is killed with SIGKILL when it passes),
  and a CPU-time limit (RLIMIT_CPU) a little above it;
- an address-space limit (RLIMIT_AS), so a runaway allocation fails with MemoryError;
- a file-size limit (RLIMIT_FSIZE), which also caps what it prints: stdout and stderr go to
  files, and a child that writes past the cap is killed by SIGXFSZ;
- stdin from /dev/null, a minimal environment, no core dumps.

The verdict comes back on a pipe, prefixed by a random token the child reads from a second
pipe before it imports any student code. Exiting with status 0, writing results.json or
printing "PASS" therefore gives no points: only the runner's own report, after the test
function returned, does.
"""
import os
import resource
import secrets
import signal
import subprocess
import sys
import tempfile
import time

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runner.py")
PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOWN_OUTPUT = 2000          # characters of the child's output shown in the feedback


class Outcome:
    """What happened to one child: status is 'passed', 'failed', 'error', 'timeout' or 'killed'."""

    def __init__(self, status, message, output="", seconds=0.0):
        self.status, self.message, self.output, self.seconds = status, message, output, seconds

    @property
    def passed(self):
        return self.status == "passed"


def _limits(cpu_seconds, memory_mb, output_mb):
    def apply():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        if memory_mb:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
        resource.setrlimit(resource.RLIMIT_FSIZE, (output_mb << 20, output_mb << 20))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def _read_head(path, limit=SHOWN_OUTPUT):
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
            size = os.fstat(f.fileno()).st_size
    except OSError:
        return ""
    text = data[:limit].decode("utf-8", "replace")
    if size > limit:
        text += f"\n... ({size - limit} more bytes of output not shown)"
    return text


def run_child(workdir, args, time_limit=60.0, memory_mb=2048, output_mb=8):
    """Run ``runner.py WORKDIR ARGS...`` in ``workdir``; return an Outcome."""
    token = secrets.token_hex(16)
    token_r, token_w = os.pipe()
    result_r, result_w = os.pipe()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": workdir, "LANG": "C.UTF-8",
           "PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "NUMBA_NUM_THREADS": "1",
           "NUMBA_CACHE_DIR": os.path.join(workdir, ".numba_cache"), "MPLBACKEND": "Agg"}
    out_path = os.path.join(tempfile.mkdtemp(prefix="octakd-out-"), "output.txt")
    start = time.monotonic()
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-I", RUNNER, PACKAGE_ROOT, workdir, str(token_r), str(result_w), *args],
            cwd=workdir, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env,
            pass_fds=(token_r, result_w), start_new_session=True,
            preexec_fn=_limits(int(time_limit) + 2, memory_mb, output_mb))
    os.close(token_r)
    os.close(result_w)
    os.write(token_w, token.encode() + b"\n")
    os.close(token_w)
    timed_out = False
    try:
        code = proc.wait(timeout=time_limit)
    except subprocess.TimeoutExpired:
        timed_out = True
        code = None
    try:                                # the child and anything it started
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if code is None:
        code = proc.wait()
    seconds = time.monotonic() - start
    os.set_blocking(result_r, False)
    chunks = []
    try:
        while True:
            chunk = os.read(result_r, 65536)
            if not chunk or sum(map(len, chunks)) > 1 << 20:
                break
            chunks.append(chunk)
    except BlockingIOError:
        pass
    os.close(result_r)
    output = _read_head(out_path)
    try:
        os.remove(out_path)
        os.rmdir(os.path.dirname(out_path))
    except OSError:
        pass
    if timed_out:
        return Outcome("timeout", f"did not finish within the time limit of {time_limit:g} s "
                       f"(an infinite loop, or far too slow?); the test was stopped", output, seconds)
    report = None
    for line in b"".join(chunks).decode("utf-8", "replace").splitlines():
        head, _, rest = line.partition(" ")
        if head == token:
            report = rest
    if report is None:
        return Outcome("killed", _death_reason(code, output_mb, memory_mb), output, seconds)
    status, _, message = report.partition(" ")
    message = message.replace("\\n", "\n")
    if status not in ("passed", "failed", "error"):
        return Outcome("error", f"the test runner reported {status!r}", output, seconds)
    return Outcome(status, message, output, seconds)


def _death_reason(code, output_mb, memory_mb):
    if code is not None and code < 0:
        sig = -code
        if sig == signal.SIGXFSZ:
            return (f"stopped: wrote more than {output_mb} MB (printing in a loop?); the output "
                    f"limit is {output_mb} MB")
        if sig == signal.SIGXCPU:
            return "stopped: used more CPU time than the time limit allows"
        if sig == signal.SIGKILL:
            return "stopped: killed (out of memory, or the time limit)"
        return f"crashed: killed by signal {signal.Signals(sig).name}"
    return (f"the test process ended (exit status {code}) before the test finished: did the code "
            f"call exit(), os._exit() or sys.exit()? That ends the test without a result, which "
            f"scores 0")
