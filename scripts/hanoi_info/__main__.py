import sys

from hanoi_info.cli import main

# Guarded: worker processes started with 'forkserver' or 'spawn' import this
# module again (as __mp_main__) and must not run the command a second time.
if __name__ == "__main__":
    sys.exit(main())
