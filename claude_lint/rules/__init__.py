"""The rule registry: every rule, by code and by name, in the order the API checks a request."""
from __future__ import annotations

import importlib
import pkgutil

from .base import Rule, collect


def _modules():
    """Every rule module of this package: adding a module is all it takes to add rules."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name != "base":
            yield importlib.import_module(f"{__name__}.{info.name}")


def _build() -> dict:
    registry: dict[str, Rule] = {}
    names: set[str] = set()
    for module in _modules():
        rules = list(getattr(module, "SCHEMA_RULES", ())) + collect(vars(module))
        for r in rules:
            assert r.code not in registry, f"duplicate rule code {r.code}"
            assert r.name not in names, f"duplicate rule name {r.name}"
            registry[r.code] = r
            names.add(r.name)
    # The API checks in phases (size, schema, model, semantics); within a phase, by code.
    ordered = sorted(registry.values(), key=lambda r: (r.phase, r.code))
    return {r.code: r for r in ordered}


RULES: dict = _build()
BY_NAME: dict = {r.name: r for r in RULES.values()}


def get(code_or_name: str) -> Rule:
    """A rule by code (``CL201``) or name (``empty-messages``)."""
    key = code_or_name.strip()
    found = RULES.get(key.upper()) or BY_NAME.get(key.lower())
    if found is None:
        raise KeyError(code_or_name)
    return found


def select(select=None, ignore=None) -> frozenset:
    """Codes enabled by ``select`` and ``ignore`` (codes, code prefixes such as ``CL2``, names, ``ALL``).

    ``ignore`` wins over ``select``; an unknown selector raises ``KeyError``.
    """
    chosen = set(RULES) if not select else set().union(*(_expand(s) for s in select))
    for s in ignore or ():
        chosen -= _expand(s)
    return frozenset(chosen)


def _expand(selector: str) -> set:
    key = selector.strip()
    if key.upper() == "ALL":
        return set(RULES)
    if key.lower() in BY_NAME:
        return {BY_NAME[key.lower()].code}
    prefix = key.upper()
    matched = {code for code in RULES if code.startswith(prefix)} if prefix.startswith("CL") else set()
    if not matched:
        raise KeyError(selector)
    return matched
