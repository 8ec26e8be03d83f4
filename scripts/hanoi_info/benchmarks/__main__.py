"""``python -m hanoi_info.benchmarks [name ...]``: run every benchmark module (or the named ones)."""

import importlib
import pkgutil
import sys

import hanoi_info.benchmarks as package

names = sys.argv[1:] or sorted(module.name for module in pkgutil.iter_modules(package.__path__) if not module.name.startswith("_"))
for name in names:
    print(f"== {name}", flush=True)
    importlib.import_module(f"hanoi_info.benchmarks.{name}").main()
