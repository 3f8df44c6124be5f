"""The whole-process floor: read and orjson-parse every file given (directories: every *.json under
them), and nothing else. `xargs -a LIST python parse_floor.py` is what claude-lint is compared with."""
import os
import sys

import orjson


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for directory, _, names in os.walk(path):
                for name in sorted(names):
                    if name.endswith(".json"):
                        yield os.path.join(directory, name)
        else:
            yield path


for p in files(sys.argv[1:]):
    with open(p, "rb") as f:
        orjson.loads(f.read())
