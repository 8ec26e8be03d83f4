import sys

from hanoi_info.cli import main

sys.exit(main())
