"""Peak resident memory and CPU time of a process tree, sampled from /proc (Linux)."""

from __future__ import annotations

import os
import threading
import time


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    """utime + stime of one process (/proc/<pid>/stat fields 14 and 15, in clock ticks)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(_children(p))
    return out


def _role(pid: int, root: int) -> str:
    """main, forkserver (a child of main; its forks inherit its command line) or worker."""
    if pid == root:
        return "main"
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            parent = int(fh.read().rsplit(")", 1)[1].split()[1])
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read()
    except OSError:
        return "other"
    return "forkserver" if parent == root and b"multiprocessing.forkserver" in cmd else "worker"


class PeakSampler:
    """Samples the summed RSS of pid and its descendants every `interval` seconds until stopped."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.cpu: dict[int, float] = {}  # last CPU seconds seen per process of the tree
        self.peaks_kb: dict[int, int] = {}  # peak RSS per process of the tree
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            procs = _tree(self.pid)
            rss = {p: _rss_kb(p) for p in procs}
            self.peak_kb = max(self.peak_kb, sum(rss.values()))
            for p in procs:
                self.cpu[p] = max(self.cpu.get(p, 0.0), _cpu_seconds(p))
                self.peaks_kb[p] = max(self.peaks_kb.get(p, 0), rss[p])
                if p not in self.names:
                    self.names[p] = _role(p, self.pid)
            time.sleep(self.interval)

    @property
    def cpu_seconds(self) -> float:
        """CPU of every process seen in the tree (forkserver workers included), to the last sample."""
        return sum(self.cpu.values())

    def by_role(self) -> dict[str, list[int]]:
        """Peak RSS in MB of each process, grouped by role."""
        out: dict[str, list[int]] = {}
        for pid, kb in sorted(self.peaks_kb.items()):
            out.setdefault(self.names.get(pid, "other"), []).append(kb // 1024)
        return out

    def cpu_by_role(self) -> dict[str, float]:
        """CPU seconds of each role (all workers of the run summed)."""
        out: dict[str, float] = {}
        for pid, cpu in self.cpu.items():
            role = self.names.get(pid, "other")
            out[role] = round(out.get(role, 0.0) + cpu, 1)
        return out

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

