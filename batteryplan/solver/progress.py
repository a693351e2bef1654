"""Watching a HiGHS run: what it is doing (progress) and Ctrl-C (interruption).

``watching(h)`` wraps one ``h.run()`` (``solver.highs.run``). Inside it:

- **Ctrl-C** sets a flag instead of raising: HiGHS's interrupt callbacks (simplex, interior point, MIP) see it
  and set ``user_interrupt``, HiGHS returns at its next callback (the longest gaps between callbacks measured
  on a 49.5 k-row China slice: 0.06 s in dual simplex, 0.8 s in IPX, 1.4 s in HiPO, about once per interior
  point iteration), and ``Interrupted`` is raised once ``run()`` is back, before any result is written. Some
  phases call no callback (presolve, HiPO's analysis: 4.4 s there, the start of crossover):
  the flag is also watched by a thread woken by the signal itself (``signal.set_wakeup_fd``), and where the
  command line asked for it (``configure(force_exit_after=...)``) that thread ends the process with exit
  status 130 if HiGHS has not returned by then. Nothing is half-written then: results are written only
  after ``run()`` returns, and always to a temporary name first.
- **Progress**: HiGHS's console log is read from a pipe put on file descriptor 1 for the run (HiGHS's
  logging callback and its ``log_file`` miss HiPO's lines, which HiPO prints to the console only; HiGHS
  flushes each line, so they arrive as they are written). A thread reads the phase (presolve, simplex,
  interior point, crossover, branch and bound), iteration, primal and dual objective and gap from them; the
  description goes to the configured display (one updating line on a terminal, plain lines every
  ``PLAIN_EVERY_S`` otherwise) or to a sink (a sweep sends it to its parent process). ``-v`` also echoes
  HiGHS's own log lines (to standard error). A user who set ``output_flag=true`` keeps HiGHS's console log
  as it was, and gets no progress line.

A solve run from a thread other than the main one cannot install signal handlers: there, only the progress
part works (Ctrl-C reaches the main thread, whose code decides).
"""
from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import re
import select
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING, Callable, Iterator, TextIO

if TYPE_CHECKING:
    import highspy

PLAIN_EVERY_S = 15.0        # a redirected log gets a progress line at most this often (and at each new phase)
TTY_EVERY_S = 0.25          # a terminal's line is redrawn at most this often
SINK_EVERY_S = 1.0          # a sweep worker sends progress to its parent at most this often
EXIT_INTERRUPTED = 130      # the shell's status for a process ended by Ctrl-C (128 + SIGINT)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped a solve; HiGHS has returned and nothing of this solve was written."""


# -- what HiGHS is doing -----------------------------------------------------------------------------------

_NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
# an interior point iteration line of HiPO or IPX: iter, primal obj, dual obj, pinf, dinf, gap, time
_IPM_ROW = re.compile(rf"^\s*(\d+)\s+({_NUM})\s+({_NUM})\s+({_NUM})\s+({_NUM})\s+({_NUM})\s+({_NUM})\s*$")
# a simplex iteration line: iteration, objective, then infeasibilities "Pr: n(sum); Du: n(sum)" and time
_SIMPLEX_ROW = re.compile(rf"^\s*(\d+)\s+({_NUM})\s+(?:(Ph1|Pr|Du):.*?)?\s*({_NUM})s\s*$")
_PRIMAL_INF = re.compile(r"Pr: (\d+)\(")
# phases by the log line that starts them (first match wins)
_PHASES = (("Presolving model", "presolve"), ("Running HiPO", "interior point (HiPO)"),
           ("IPX model has", "interior point (IPX)"), ("Running crossover", "crossover"),
           ("Constructing starting basis", "crossover"), ("Using dual simplex", "dual simplex"),
           ("Using primal simplex", "primal simplex"), ("Using PDLP", "PDLP"),
           ("Solving MIP model", "branch and bound"), ("Performed postsolve", "postsolve"),
           ("Solving the original LP from the solution after postsolve", "clean-up"))


@dataclasses.dataclass
class State:
    """What a running solve is doing, as far as HiGHS has said."""
    started: float = dataclasses.field(default_factory=time.perf_counter)
    phase: str = "starting"
    iteration: int | None = None
    primal: float | None = None            # primal objective (interior point), or the objective (simplex)
    dual: float | None = None
    gap: float | None = None               # relative primal-dual gap (interior point), MIP gap
    primal_infeasibilities: int | None = None

    def set_phase(self, phase: str) -> bool:
        if phase == self.phase:
            return False
        self.phase, self.iteration, self.primal, self.dual, self.gap = phase, None, None, None, None
        self.primal_infeasibilities = None
        return True

    def read_log(self, line: str) -> bool:
        """Update from one HiGHS log line; True if the phase changed."""
        for start, phase in _PHASES:
            if line.lstrip().startswith(start):
                return self.set_phase(phase)
        m = _IPM_ROW.match(line)
        if m and self.phase.startswith("interior point"):
            self.iteration = int(m.group(1))
            self.primal, self.dual, self.gap = float(m.group(2)), float(m.group(3)), float(m.group(6))
            return False
        m = _SIMPLEX_ROW.match(line)
        if m and (self.phase.endswith("simplex") or self.phase in ("clean-up", "crossover")):
            self.iteration, self.primal = int(m.group(1)), float(m.group(2))
            inf = _PRIMAL_INF.search(line)
            self.primal_infeasibilities = int(inf.group(1)) if inf else 0
        return False

    def describe(self) -> str:
        parts = [self.phase]
        if self.iteration is not None:
            parts.append(f"iteration {self.iteration:,}")
        if self.dual is not None:
            parts.append(f"primal {self.primal:.6g}, dual {self.dual:.6g}")
        elif self.primal is not None:
            parts.append(f"objective {self.primal:.6g}")
        if self.gap is not None:
            parts.append(f"gap {self.gap:.2g}")
        if self.primal_infeasibilities:
            parts.append(f"{self.primal_infeasibilities:,} primal infeasibilities")
        return ", ".join(parts) + f"; {_clock(time.perf_counter() - self.started)}"


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


# -- where progress goes ---------------------------------------------------------------------------------

class Display:
    """Progress on a stream: one line redrawn in place on a terminal; plain lines (no carriage returns) at
    most every PLAIN_EVERY_S, and at each new phase, when the stream is a file or a pipe."""

    def __init__(self, stream: TextIO | None = None, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.last = -math.inf
        self.width = 0

    def show(self, text: str, new_phase: bool = False) -> None:
        now = time.monotonic()
        if not new_phase and now - self.last < (TTY_EVERY_S if self.tty else PLAIN_EVERY_S):
            return
        self.last = now
        if self.tty:
            self.stream.write("\r" + text.ljust(self.width))
            self.width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def line(self, text: str) -> None:
        """A whole line (HiGHS's own log with -v), above the updating one."""
        self.end()
        self.stream.write(text + "\n")
        self.stream.flush()

    def end(self) -> None:
        if self.tty and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
            self.last = -math.inf


@dataclasses.dataclass
class Settings:
    display: Display | None = None
    echo_log: bool = False
    label: str = "solving"
    force_exit_after: float | None = None       # seconds after Ctrl-C; None: wait for HiGHS however long
    exit_message: str = "interrupted"
    sink: Callable[[str, bool], None] | None = None   # (text, new phase): instead of the display (sweeps)


_settings = Settings()


def configure(**changes) -> Settings:
    """Set how solves in this process show progress and take Ctrl-C (the command line calls this once)."""
    global _settings
    _settings = dataclasses.replace(_settings, **changes)
    return _settings


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """Within: ``configure`` changes last only until the block ends (one command line invocation)."""
    global _settings
    old = _settings
    try:
        yield
    finally:
        _settings = old


@contextlib.contextmanager
def reporting(sink: Callable[[str, bool], None] | None = None, label: str | None = None) -> Iterator[None]:
    """Within: progress of solves goes to `sink` (if given) and is prefixed by `label` (a scenario)."""
    global _settings
    old = _settings
    _settings = dataclasses.replace(old, sink=sink or old.sink, label=label or old.label)
    try:
        yield
    finally:
        _settings = old


# -- one run ---------------------------------------------------------------------------------------------

class Watch:
    """One ``h.run()`` being watched: the state, whether Ctrl-C came, and the callbacks."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.state = State()
        self.stop = threading.Event()           # Ctrl-C came
        self.done = threading.Event()           # run() returned
        self.last_sent = -math.inf

    # HiGHS calls this; it must never raise (an exception would unwind through HiGHS)
    def on_interrupt_check(self, e: "highspy.HighsCallbackEvent") -> None:
        try:
            if self.stop.is_set():
                e.interrupt()
        except Exception:  # noqa: BLE001 -- never let an exception into HiGHS
            pass

    def on_line(self, line: str) -> None:
        """One line of HiGHS's console log (from the reading thread)."""
        new_phase = self.state.read_log(line)
        if self.settings.echo_log:
            self._echo(line)
        self._report(new_phase)

    def _echo(self, line: str) -> None:
        d = self.settings.display
        if d is not None and self.settings.sink is None:
            d.line(line)

    def _report(self, new_phase: bool) -> None:
        if self.state.phase == "starting":
            return
        text = f"{self.settings.label}: {self.state.describe()}"
        if self.settings.sink is not None:
            now = time.monotonic()
            if new_phase or now - self.last_sent >= SINK_EVERY_S:
                self.last_sent = now
                self.settings.sink(text, new_phase)
        elif self.settings.display is not None:
            self.settings.display.show(text, new_phase)

    @property
    def shows_progress(self) -> bool:
        s = self.settings
        return s.display is not None or s.sink is not None or s.echo_log

    def raise_if_interrupted(self) -> None:
        if self.stop.is_set():
            raise Interrupted(self.settings.exit_message)


@contextlib.contextmanager
def watching(h: "highspy.Highs") -> Iterator[Watch]:
    """Watch one ``h.run()`` (see the module docstring). Restores HiGHS's options, the callbacks and the
    SIGINT handler on the way out; call ``Watch.raise_if_interrupted`` after it."""
    w = Watch(_settings)
    for cb in (h.cbSimplexInterrupt, h.cbIpmInterrupt, h.cbMipInterrupt):
        cb += w.on_interrupt_check
    log = w.shows_progress and not _option(h, "output_flag")        # else: the user's own console log
    try:
        with _sigint(w), (_console_log(h, w.on_line) if log else contextlib.nullcontext()):
            try:
                yield w
            finally:
                w.done.set()
    finally:
        for cb in (h.cbSimplexInterrupt, h.cbIpmInterrupt, h.cbMipInterrupt):
            cb -= w.on_interrupt_check
        if w.settings.display is not None and w.settings.sink is None:
            w.settings.display.end()


def _option(h: "highspy.Highs", key: str) -> object:
    """An option's value (highspy returns (status, value))."""
    got = h.getOptionValue(key)
    return got[1] if isinstance(got, tuple) else got


@contextlib.contextmanager
def _console_log(h: "highspy.Highs", on_line: Callable[[str], None]) -> Iterator[None]:
    """HiGHS's console log, line by line, to `on_line` (called from a reading thread), not to the console:
    its output is switched on for the run and file descriptor 1 is a pipe meanwhile."""
    restore = {key: _option(h, key) for key in ("output_flag", "log_to_console")}
    sys.stdout.flush()
    r, wfd = os.pipe()
    saved = os.dup(1)
    os.dup2(wfd, 1)
    os.close(wfd)

    def read() -> None:
        with os.fdopen(r, "r", encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    on_line(line.rstrip("\n"))
                except Exception:  # noqa: BLE001 -- a progress display must not end the solve
                    pass

    reader = threading.Thread(target=read, name="batteryplan-highs-log", daemon=True)
    reader.start()
    h.setOptionValue("output_flag", True)
    h.setOptionValue("log_to_console", True)
    try:
        yield
    finally:
        for key, value in restore.items():
            h.setOptionValue(key, value)
        sys.stdout.flush()
        os.dup2(saved, 1)             # the pipe's last writer is gone: the reader sees its end
        os.close(saved)
        reader.join(timeout=5.0)


@contextlib.contextmanager
def _sigint(w: Watch) -> Iterator[None]:
    """Ctrl-C sets ``w.stop`` (no exception inside HiGHS); a thread woken by the signal ends the process after
    ``force_exit_after`` seconds if HiGHS has not returned by then (only where that is configured)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    r, wfd = os.pipe()
    os.set_blocking(wfd, False)
    os.set_blocking(r, False)
    old_fd = signal.set_wakeup_fd(wfd, warn_on_full_buffer=False)
    old_handler = signal.signal(signal.SIGINT, lambda signum, frame: w.stop.set())
    watcher = threading.Thread(target=_watch_signal, args=(w, r), name="batteryplan-ctrl-c", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        w.done.set()
        signal.signal(signal.SIGINT, old_handler)
        signal.set_wakeup_fd(old_fd)
        with contextlib.suppress(BlockingIOError):
            os.write(wfd, b"\0")             # wake the watcher now rather than at its next poll
        watcher.join()
        os.close(r)
        os.close(wfd)


def _watch_signal(w: Watch, r: int) -> None:
    while not w.done.is_set():
        ready, _, _ = select.select([r], [], [], 1.0)
        if not ready:
            continue
        data = os.read(r, 64)
        if signal.SIGINT not in data:
            continue
        first = not w.stop.is_set()
        w.stop.set()
        after = w.settings.force_exit_after
        if after is None:
            continue
        if not first or not w.done.wait(after):   # a second Ctrl-C, or HiGHS has not returned in time
            if w.done.is_set():
                return
            if w.settings.display is not None:
                w.settings.display.end()
            sys.stderr.write(w.settings.exit_message + "\n")
            sys.stderr.flush()
            os._exit(EXIT_INTERRUPTED)
