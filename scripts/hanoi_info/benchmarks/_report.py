"""The targets the benchmarks print, each with PASS/FAIL beside the measured
value, collected for the summary at the end of ``make bench``. Targets are
printed, not asserted: a FAIL does not change the exit status (a failed build
does)."""

from __future__ import annotations

from dataclasses import dataclass

TARGETS: list["Target"] = []


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    limit: str
    passed: bool | None  # None: not measured in this run

    def line(self) -> str:
        verdict = {True: "PASS", False: "FAIL", None: "n/a "}[self.passed]
        return f"  {verdict}  {self.name}: {self.measured} (target {self.limit})"


def target(name: str, measured: str, limit: str, passed: bool | None) -> Target:
    """Record a target and print its line."""
    result = Target(name, measured, limit, passed)
    TARGETS.append(result)
    print(result.line(), flush=True)
    return result


def summary() -> str:
    if not TARGETS:
        return ""
    return "targets\n" + "\n".join(result.line() for result in TARGETS)
