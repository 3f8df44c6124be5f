"""Loading: text to data, keeping the text so that positions can be found for findings."""
from .documents import Document, LoadError
from .sources import STDIN, iter_paths, load

__all__ = ["Document", "LoadError", "STDIN", "iter_paths", "load"]
