"""Where each language stands: current, stale and missing translations."""

from __future__ import annotations

from dataclasses import dataclass

from hanoi_info.corpus import Corpus


@dataclass(frozen=True)
class LanguageStatus:
    code: str
    native_name: str
    current: tuple[str, ...]
    stale: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.current) + len(self.stale) + len(self.missing)

    @property
    def percent_current(self) -> int:
        return round(100 * len(self.current) / self.total) if self.total else 100


def status_report(corpus: Corpus) -> tuple[LanguageStatus, ...]:
    sources = corpus.source_paths()
    report = []
    for language in corpus.languages[1:]:
        buckets: dict[str, list[str]] = {"current": [], "stale": [], "missing": []}
        for norm_path in sources:
            buckets[corpus.status(norm_path, language.code)].append(norm_path)
        report.append(
            LanguageStatus(
                language.code,
                language.native_name,
                tuple(buckets["current"]),
                tuple(buckets["stale"]),
                tuple(buckets["missing"]),
            )
        )
    return tuple(report)


def format_status(report: tuple[LanguageStatus, ...], verbose: bool = False) -> str:
    lines = [f"{'language':<12} {'current':>8} {'stale':>6} {'missing':>8}   done"]
    for status in report:
        lines.append(
            f"{status.code + ' ' + status.native_name:<12} {len(status.current):>8} {len(status.stale):>6} "
            f"{len(status.missing):>8}   {status.percent_current:>3}%"
        )
        if verbose:
            lines.extend(f"    stale    docs/{path}" for path in status.stale)
            lines.extend(f"    missing  docs/{path}" for path in status.missing)
    return "\n".join(lines)
