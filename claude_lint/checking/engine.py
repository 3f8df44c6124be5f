"""The engine: models first, then rules, findings sorted in the order the API checks them."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Optional

from ..data import transport, versions
from ..data.catalog import Catalog, default_catalog
from ..diagnostic import ERROR, Diagnostic, RequestInvalid, dotted, value_text
from ..rules import RULES, BY_NAME
from ..rules.base import INHERIT, Finding, Phase, Rule
from .context import BATCH, BATCH_PARAMS, COUNT_TOKENS, MESSAGES, Context
from .compiled import accepts

ENDPOINT_SCOPES = {"messages": MESSAGES, "count_tokens": COUNT_TOKENS}
_NO_HTTP = (None, None, None)  # (headers, url, body size in bytes) of a body given alone
_INTERNAL = RULES["CL000"]


class Linter:
    """An immutable set of rules and facts; :meth:`validate` is pure and thread-safe."""

    def __init__(
        self,
        *,
        catalog: Optional[Catalog] = None,
        enabled: Optional[Iterable[str]] = None,
        today: Optional[_dt.date] = None,
        default_model: Optional[str] = None,
    ):
        self.catalog = catalog or default_catalog()
        self.enabled = frozenset(enabled) if enabled is not None else frozenset(RULES)
        self.today = today
        self.default_model = default_model
        self._order = {code: i for i, code in enumerate(RULES)}
        # Per scope, for a request with its HTTP context and for a body given alone (no header
        # rules): the rules grouped by what decides whether they run (the keys they need, their
        # shared test), so a request pays one test per group, not one per rule. Findings are
        # sorted by each rule's place in the API's order afterwards, so groups may run in any order.
        self._scoped = {}
        for scope in (MESSAGES, COUNT_TOKENS, BATCH_PARAMS, BATCH):
            chosen = [r for r in RULES.values() if scope in r.endpoints and r.check and r.code in self.enabled]
            self._scoped[scope, True] = _grouped(chosen, self._order)
            self._scoped[scope, False] = _grouped([r for r in chosen if r.phase != Phase.HEADERS], self._order)

    # --- public ---------------------------------------------------------------------------

    def validate(self, body: Any, *, endpoint: str = "messages", api_version: Optional[str] = None,
                 headers=None, url: Optional[str] = None, body_size: Optional[int] = None) -> list[Diagnostic]:
        """Every finding for ``body``. With ``headers`` (a mapping, or ``(name, value)`` pairs) and
        ``url``, the HTTP request is checked too (rules/headers.py); the ``anthropic-version``
        header then selects the rule set, and ``api_version`` only applies when the header does
        not name a version claude-lint knows. A URL that names one of the three endpoints decides
        ``endpoint``. ``body_size`` is the body's length in bytes as sent, when known (the SDK guard
        and the command know it): the size check then needs no walk over the body."""
        http = self._http(headers, url, body_size)
        version = self._version(api_version, http[0])
        if url is not None:
            endpoint = transport.endpoint_of_url(url) or endpoint
        if endpoint != "batch" and endpoint not in ENDPOINT_SCOPES:
            raise ValueError(f"unknown endpoint {value_text(endpoint)}; expected 'messages', 'count_tokens' or 'batch'")
        try:
            if endpoint == "batch":
                return self._batch(body, version, http)
            return self._finish(self._request(body, ENDPOINT_SCOPES[endpoint], version, (), http))
        except Exception as exc:  # a bug must become a finding, never an exception in the caller's send path
            return [self._internal(f"validation failed: {type(exc).__name__}: {exc}")]

    @staticmethod
    def _http(headers, url, body_size=None) -> tuple:
        return (None if headers is None else transport.normalize_headers(headers)), url, body_size

    @staticmethod
    def _version(api_version, headers):
        """The version the API applies: the header's when it names one claude-lint knows (the
        newest known one for a later date, which may be a version released since); otherwise
        ``api_version`` (a missing or invalid header is itself a finding, CL970/CL971)."""
        value = headers.get("anthropic-version") if headers else None
        if value is not None:
            value = value.strip(" \t")
            status = transport.version_status(value)
            if status == "known":
                return versions.VERSIONS[value]
            if status == "newer":
                return versions.LATEST_VERSION
        return versions.resolve(api_version)

    @staticmethod
    def _internal(message: str) -> Diagnostic:
        return diagnostic_of(_INTERNAL, Finding((), message))

    def validate_batch_line(self, item: Any, *, api_version: Optional[str] = None, headers=None,
                            url: Optional[str] = None) -> list[Diagnostic]:
        """One request of a batch (``{custom_id, params}``), with paths relative to it. ``headers``
        are those of the batch create call: its betas and version apply to the line; the header
        rules themselves are the create call's business and are not repeated per line."""
        http = self._http(headers, url)
        version = self._version(api_version, http[0])
        try:
            return self._finish(self._batch_item(item, version, (), http=http))
        except Exception as exc:
            return [self._internal(f"validation failed: {type(exc).__name__}: {exc}")]

    def check(self, body: Any, **options) -> list[Diagnostic]:
        diagnostics = self.validate(body, **options)
        if any(d.is_error for d in diagnostics):
            raise RequestInvalid(diagnostics)
        return diagnostics

    # --- stages ---------------------------------------------------------------------------

    def _request(self, body, scope, version, prefix, http=_NO_HTTP) -> list:
        if self.default_model and isinstance(body, dict) and "model" not in body:
            body = {**body, "model": self.default_model}  # a copy: the caller's body is never touched
        kind = "count_tokens" if scope == COUNT_TOKENS else "messages"
        # A key the version removed is an extra input whatever its value; the API never gets to
        # check its range or type (CL901 reports it).
        removed = version.removed_fields if kind == "messages" else frozenset()
        keyed = self._schema(kind, body, prefix, skip_keys=removed)
        model_id = body.get("model") if isinstance(body, dict) else None
        model = self.catalog.get(model_id) if isinstance(model_id, str) else None
        ctx = Context(body=body, scope=scope, version=version, catalog=self.catalog,
                      today=self.today, model=model, headers=http[0], url=http[1],
                      body_size=http[2] if scope != BATCH_PARAMS else None)
        keyed.extend(self._run_rules(scope, ctx, prefix))
        return keyed

    def _batch(self, body, version, http=_NO_HTTP) -> list[Diagnostic]:
        # What the front door checks (the HTTP request, then size) first, then the envelope, each
        # request in order, and what spans requests.
        ctx = Context(body=body, scope=BATCH, version=version, catalog=self.catalog,
                      today=self.today, model=None, headers=http[0], url=http[1], body_size=http[2])
        spanning = self._run_rules(BATCH, ctx, ())
        result = self._finish([k for k in spanning if k[0][0] <= Phase.SIZE])
        result += self._finish(self._schema("batch", body, ()))
        requests = body.get("requests") if isinstance(body, dict) else None
        if isinstance(requests, list):
            for i, item in enumerate(requests):
                result += self._finish(self._batch_item(item, version, ("requests", i), in_envelope=True, http=http))
        result += self._finish([k for k in spanning if k[0][0] > Phase.SIZE])
        return result

    def _batch_item(self, item, version, prefix, in_envelope=False, http=_NO_HTTP) -> list:
        # The create call names an item's own fields from the body's root (`requests.0.custom_id:
        # ...`, observed); errors inside `params` come back relative to `params` (api-rules B10).
        keyed = self._schema("batch_item", item, prefix, api_prefix=prefix if in_envelope else ())
        if isinstance(item, dict) and "params" in item:
            keyed.extend(self._request(item["params"], BATCH_PARAMS, version, prefix + ("params",), http))
        return keyed

    def _schema(self, kind, body, prefix, *, api_prefix=(), skip_keys=frozenset()) -> list:
        if accepts(kind, body):  # the compiled pass: nothing for the models to report
            return []
        from .schema import schema_findings  # the models load only when a body has a problem

        keyed = []
        for seq, (name, finding) in enumerate(schema_findings(kind, body, api_prefix)):
            rule = BY_NAME[name]
            if finding.loc and finding.loc[0] in skip_keys:
                continue
            if rule.code in self.enabled:
                keyed.append(((rule.phase, -1, seq), diagnostic_of(rule, finding, prefix)))
        return keyed

    def _run_rules(self, scope, ctx, prefix) -> list:
        keyed = []
        body = ctx.body
        # a set, so that each group's `needs` test looks up its one or two keys, not every key of the body
        keys = frozenset(body) if isinstance(body, dict) else frozenset()
        with_http = ctx.headers is not None or ctx.url is not None  # else the header rules have nothing
        for needs, when, members in self._scoped[scope, with_http]:
            if needs and needs.isdisjoint(keys):
                continue
            if when is not None:
                try:
                    if not when(ctx):
                        continue
                except Exception:
                    pass  # let the rules themselves run (and report)
            for rule, order in members:
                try:
                    found = rule.check(ctx)
                    if found is None:
                        continue
                    for seq, finding in enumerate(found):
                        keyed.append(((rule.phase, order, seq), diagnostic_of(rule, finding, prefix)))
                except Exception as exc:  # a bug in one rule must not hide the other findings
                    if _INTERNAL.code in self.enabled:
                        finding = Finding((), f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}")
                        keyed.append(((Phase.ADVISORY, len(self._order), 0), diagnostic_of(_INTERNAL, finding, prefix)))
        return keyed

    @staticmethod
    def _finish(keyed: list) -> list[Diagnostic]:
        seen, result = set(), []
        for _, diagnostic in sorted(keyed, key=lambda pair: pair[0]):
            if diagnostic not in seen:
                seen.add(diagnostic)
                result.append(diagnostic)
        return result


def _grouped(chosen: list, order: dict) -> tuple:
    """``((needs, when, ((rule, order), ...)), ...)``: rules that run under the same condition."""
    groups: dict = {}
    for r in chosen:
        groups.setdefault((r.needs, r.when), []).append((r, order[r.code]))
    return tuple((needs, when, tuple(members)) for (needs, when), members in groups.items())


def diagnostic_of(rule: Rule, finding: Finding, prefix: tuple = ()) -> Diagnostic:
    """The diagnostic for a rule's finding, with the rule's metadata and the path prefixed."""
    loc = prefix + tuple(finding.loc)
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=finding.severity or rule.severity,
        path=dotted(loc),
        message=finding.message,
        status=rule.status if finding.status == INHERIT else finding.status,
        error_type=rule.error_type if finding.error_type == INHERIT else finding.error_type,
        api_message=finding.api_message,
        fix=finding.fix,
        loc=loc,
        edit=finding.edit.prefixed(prefix) if finding.edit is not None else None,
    )
