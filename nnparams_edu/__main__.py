"""``python -m nnparams_edu``: see :mod:`nnparams_edu.cli`."""
import sys

from .cli import main

sys.exit(main())
