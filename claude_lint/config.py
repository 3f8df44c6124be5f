"""Configuration, the way ruff does it: ``[tool.claude-lint]`` in ``pyproject.toml`` or the top level
of ``claude-lint.toml`` / ``.claude-lint.toml``, found by walking up from each linted file; the
nearest file wins, and command-line options override it.

    [tool.claude-lint]
    select = ["ALL"]
    ignore = ["CL603"]
    default-model = "claude-sonnet-4-6"     # for bodies that name no model
    api-version = "2023-06-01"
    base-url = ["https://llm-gateway.internal/anthropic"]   # .har captures: Claude requests sent there too
    exclude = ["fixtures/legacy/*"]
    [tool.claude-lint.per-file-ignores]
    "tests/fixtures/bad_*.json" = ["ALL"]
    [[tool.claude-lint.extend-models]]      # proxies, Bedrock/Vertex ids, private deployments
    id = "my-gateway/sonnet"
    like = "claude-sonnet-4-6"              # behaves like this catalog model
    max-output-tokens = 64000
"""
from __future__ import annotations

import dataclasses
import os
import re
import sys
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILES = ("claude-lint.toml", ".claude-lint.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "per-file-ignores", "default-model", "extend-models", "exclude", "api-version", "base-url"}
_MODEL_KEYS = {"id", "like", "max-output-tokens", "context-window"}


class ConfigError(Exception):
    def __init__(self, file, message, line=None, column=None):
        self.file, self.message, self.line, self.column = str(file), message, line, column
        super().__init__(str(self))

    def __str__(self):
        where = self.file + (f":{self.line}:{self.column or 1}" if self.line else "")
        return f"{where}: error: {self.message}"


@dataclass(frozen=True)
class Settings:
    root: Optional[Path] = None  # the directory of the config file; globs are relative to it
    select: tuple = ()
    ignore: tuple = ()
    per_file_ignores: tuple = ()  # ((glob, (selector, ...)), ...)
    default_model: Optional[str] = None
    extend_models: tuple = ()  # ModelInfo
    exclude: tuple = ()
    api_version: Optional[str] = None
    base_urls: tuple = ()

    def ignored_for(self, file: str) -> tuple:
        """Selectors ignored for ``file`` by ``per-file-ignores``."""
        if not self.per_file_ignores:
            return ()  # resolving the path costs system calls: not for nothing
        relative = self.relative(file)
        return tuple(s for pattern, selectors in self.per_file_ignores if _glob(relative, pattern) for s in selectors)

    def excludes(self, file: str) -> bool:
        if not self.exclude:
            return False
        relative = self.relative(file)
        return any(_glob(relative, pattern) for pattern in self.exclude)

    def relative(self, file: str) -> str:
        path = Path(file).resolve()
        if self.root is not None:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return Path(file).as_posix()


def _glob(path: str, pattern: str) -> bool:
    pattern = pattern.strip("/")
    return fnmatch(path, pattern) or fnmatch(path, pattern + "/*") or fnmatch(Path(path).name, pattern)


def find(start: Path) -> Optional[Path]:
    """The nearest config file at or above ``start`` (a pyproject.toml counts only with our table)."""
    directory = start if start.is_dir() else start.parent
    for candidate in [directory.resolve(), *directory.resolve().parents]:
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_table(path)):
                return path
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        return "claude-lint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


def load(path: Path) -> Settings:
    """Read and check one config file; unknown keys and wrong types are a :class:`ConfigError`."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read: {exc}") from None
    table = data.get("tool", {}).get("claude-lint", {}) if path.name == "pyproject.toml" else data
    for key in table:
        if key not in _KEYS:
            line, column = _position(text, key)
            raise ConfigError(path, f"unknown config key {key!r}; known keys: {', '.join(sorted(_KEYS))}", line, column)
    settings = Settings(
        root=path.parent.resolve(),
        select=_strings(table, "select", path, text),
        ignore=_strings(table, "ignore", path, text),
        per_file_ignores=_per_file_ignores(table, path, text),
        default_model=_string(table, "default-model", path, text),
        extend_models=_models(table, path, text),
        exclude=_strings(table, "exclude", path, text),
        api_version=_string(table, "api-version", path, text),
        base_urls=(_string(table, "base-url", path, text),) if isinstance(table.get("base-url"), str)
        else _strings(table, "base-url", path, text),
    )
    _check_selectors(settings, path, text)
    return settings


def _check_selectors(settings: Settings, path, text) -> None:
    from . import rules
    from .data.versions import VERSIONS

    selectors = settings.select + settings.ignore + tuple(s for _, group in settings.per_file_ignores for s in group)
    for selector in selectors:
        try:
            rules.select([selector])
        except KeyError:
            line, column = _position_of_value(text, selector)
            raise ConfigError(path, f"unknown rule selector {selector!r}", line, column) from None
    if settings.api_version is not None and settings.api_version not in VERSIONS:
        _fail(path, text, "api-version", f"unknown version {settings.api_version!r}; known: {', '.join(VERSIONS)}")


def _position_of_value(text: str, value: str) -> tuple:
    start = text.find(f'"{value}"')
    if start == -1:
        start = text.find(f"'{value}'")
    if start == -1:
        return None, None
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


def _position(text: str, key: str) -> tuple:
    m = re.search(rf'^[ \t]*(?:"{re.escape(key)}"|{re.escape(key)})[ \t]*=|[.\[]{re.escape(key)}[\].=\s]', text, re.M)
    if not m:
        return None, None
    start = m.start() + (len(m.group()) - len(m.group().lstrip()))
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def _fail(path, text, key, message):
    line, column = _position(text, key)
    raise ConfigError(path, f"{key}: {message}", line, column)


def _strings(table, key, path, text) -> tuple:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _fail(path, text, key, "expected a list of strings")
    return tuple(value)


def _string(table, key, path, text) -> Optional[str]:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        _fail(path, text, key, "expected a string")
    return value


def _per_file_ignores(table, path, text) -> tuple:
    value = table.get("per-file-ignores", {})
    if not isinstance(value, dict):
        _fail(path, text, "per-file-ignores", "expected a table of glob = [codes]")
    result = []
    for pattern, selectors in value.items():
        if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
            _fail(path, text, pattern, "expected a list of rule codes")
        result.append((pattern, tuple(selectors)))
    return tuple(result)


def _models(table, path, text) -> tuple:
    from .data.catalog import ModelInfo, default_catalog

    value = table.get("extend-models", [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        _fail(path, text, "extend-models", "expected an array of tables")
    models = []
    for entry in value:
        for key in entry:
            if key not in _MODEL_KEYS:
                _fail(path, text, key, f"unknown model key; known: {', '.join(sorted(_MODEL_KEYS))}")
        if not isinstance(entry.get("id"), str):
            _fail(path, text, "extend-models", "every model needs an `id` string")
        base = ModelInfo(id=entry["id"])
        if "like" in entry:
            like = default_catalog().get(entry["like"])
            if like is None:
                _fail(path, text, "like", f"{entry['like']!r} is not a model of the catalog")
            base = dataclasses.replace(like, id=entry["id"], aliases=(), cloud_ids=())
        changes = {}
        for key, attr in (("max-output-tokens", "max_output_tokens"), ("context-window", "context_window")):
            if key in entry:
                if not isinstance(entry[key], int) or isinstance(entry[key], bool) or entry[key] <= 0:
                    _fail(path, text, key, "expected a positive integer")
                changes[attr] = entry[key]
        models.append(dataclasses.replace(base, **changes))
    return tuple(models)


@dataclass
class Resolver:
    """Settings per linted file, each config file read once."""

    explicit: Optional[Path] = None  # --config
    isolated: bool = False  # --isolated: no config at all
    _by_dir: dict = field(default_factory=dict)
    _by_given: dict = field(default_factory=dict)
    _by_file: dict = field(default_factory=dict)

    def for_file(self, file: str) -> Settings:
        if self.isolated:
            return Settings()
        if self.explicit is not None:
            return self._read(self.explicit)
        # by the directory as given first: resolving a path costs system calls, and each file is
        # asked about several times (exclude, linter, base URL)
        given = "" if file.startswith("<") else os.path.dirname(file)
        settings = self._by_given.get(given)
        if settings is None:
            directory = Path.cwd() if file.startswith("<") else Path(file).resolve().parent
            if directory not in self._by_dir:
                found = find(directory)
                self._by_dir[directory] = self._read(found) if found else Settings()
            settings = self._by_given[given] = self._by_dir[directory]
        return settings

    def _read(self, path: Path) -> Settings:
        if path not in self._by_file:
            self._by_file[path] = load(path)
        return self._by_file[path]
