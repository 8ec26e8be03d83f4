"""``python -m hanoi_info.benchmarks [--quick] [name ...]``: run every benchmark
module (or the named ones), then print every target with PASS/FAIL.

Exit status: 1 if a benchmark failed (a build or command it measures exited
non-zero: that is an error, never a time); a target that is not met prints
FAIL but does not change the exit status."""

import importlib
import pkgutil
import sys

import hanoi_info.benchmarks as package
from hanoi_info.benchmarks import _report

arguments = sys.argv[1:]
flags = [argument for argument in arguments if argument.startswith("-")]
names = [argument for argument in arguments if not argument.startswith("-")]
names = names or sorted(module.name for module in pkgutil.iter_modules(package.__path__) if not module.name.startswith("_"))
failed = []
for name in names:
    print(f"== {name}", flush=True)
    status = importlib.import_module(f"hanoi_info.benchmarks.{name}").main(flags)
    if status:
        failed.append(name)
print()
print(_report.summary())
if failed:
    print(f"error: benchmark(s) failed: {', '.join(failed)} (see above)", file=sys.stderr)
sys.exit(1 if failed else 0)
