"""Facts about the API as data: the model catalog, API versions and endpoints."""
from __future__ import annotations

import os


def packaged_text(name: str) -> str:
    """The text of a data file shipped in this package (the model catalog, the compiled schemas)."""
    # Read beside this module: importlib.resources costs about 10 ms of imports at every start
    # (tempfile, shutil, hashlib), more than the file itself. It remains the way for an install
    # whose files are not on disk (a zip).
    try:
        with open(os.path.join(os.path.dirname(__file__), name), encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        from importlib import resources

        return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
