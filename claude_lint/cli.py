"""The command line: ``claude-lint [OPTIONS] PATH...``, ``claude-lint rule CODE``, ``claude-lint rules``.

Thin on purpose: it parses options, builds a linter, and hands paths to :mod:`claude_lint.run`.
Exit status: 0 no errors, 1 errors found, 2 usage or load error.
"""
from __future__ import annotations

import os
import sys

import click

from .__about__ import __version__

API_VERSIONS = ("2023-06-01", "2026-10-21")
ENDPOINTS = ("auto", "messages", "count_tokens", "batch")


class _DefaultToCheck(click.Group):
    """``claude-lint FILE...`` means ``claude-lint check FILE...``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claude-lint")
def main():
    """Lint Claude Messages API requests before they are sent.

    claude-lint PATH... checks request bodies (.json files, .jsonl batch files, .har captures,
    directories, or - for stdin) and reports, for every problem, the status, error type and message the API would
    answer, and how to fix it.
    """


def _split(values) -> list:
    return [v for value in values for v in value.split(",") if v.strip()]


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-format", "-f", type=click.Choice(["text", "json", "sarif", "github"]),
              help="How findings are written [default: text; github when GITHUB_ACTIONS=true].")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of the findings.")
@click.option("--select", multiple=True, metavar="CODE", help="Only these rules (codes, prefixes such as CL2, names, ALL).")
@click.option("--ignore", multiple=True, metavar="CODE", help="Skip these rules (wins over --select).")
@click.option("--model", "default_model", metavar="ID", help="Lint against this model when a body names none.")
@click.option("--api-version", type=click.Choice(API_VERSIONS),
              help="The anthropic-version header the requests are sent with [default: 2023-06-01]; "
                   "in a .har capture each request's own header wins.")
@click.option("--endpoint", type=click.Choice(ENDPOINTS), default="auto", show_default=True,
              help="What a .json file holds; auto tells a batch create body from a Messages body.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option("--skip-non-requests", is_flag=True,
              help="Skip JSON documents that are not request bodies (for hooks that see every .json file).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files (written atomically).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that change what the request does.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as unified diffs instead of writing them.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Lint files in this many processes (0: one per CPU); output order does not change.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="Use this config file instead of the one found above each linted file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--base-url", "base_urls", multiple=True, metavar="URL",
              help="In .har captures, requests to this URL prefix are Claude API requests too (a gateway); repeatable.")
def check(paths, output_format, statistics, select, ignore, default_model, api_version, endpoint, color, exit_zero,
          skip_non_requests, fix, unsafe_fixes, show_diff, jobs, config_file, isolated, base_urls):
    """Lint request bodies: .json, .jsonl batch files, .har captures, directories, - for stdin."""
    from pathlib import Path

    from . import rules
    from .config import ConfigError, Resolver
    from .report import REPORTERS, DiffReporter, StatisticsReporter
    from .run import Linters, Options, print_load_error, run

    try:
        rules.select(_split(select), _split(ignore))
    except KeyError as exc:
        raise click.UsageError(f"unknown rule selector {exc.args[0]!r}") from None
    options = Options(endpoint=endpoint, api_version=api_version, skip_non_requests=skip_non_requests,
                      select=tuple(_split(select)), ignore=tuple(_split(ignore)), default_model=default_model,
                      fix="diff" if show_diff else ("write" if fix else None), unsafe_fixes=unsafe_fixes,
                      base_urls=tuple(base_urls))
    linters = Linters(options, Resolver(explicit=Path(config_file) if config_file else None, isolated=isolated))
    out = sys.stdout
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    reporter_class = DiffReporter if show_diff else StatisticsReporter if statistics else REPORTERS[output_format]
    reporter = reporter_class(out, color=_use_color(color, out))
    try:
        summary = run(paths, linters, reporter, on_load_error=print_load_error, jobs=jobs or os.cpu_count() or 1)
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    except KeyError as exc:
        raise click.UsageError(f"unknown rule selector {exc.args[0]!r}") from None
    if summary.load_errors:
        sys.exit(2)
    if show_diff:
        sys.exit(1 if summary.changed_files and not exit_zero else 0)
    sys.exit(1 if summary.errors and not exit_zero else 0)


def _use_color(choice: str, stream) -> bool:
    if choice != "auto":
        return choice == "always"
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


@main.command("schema")
@click.option("--write", is_flag=True, help="Write the schemas into DIRECTORY.")
@click.option("--check", "check_only", is_flag=True, help="Exit 1 when the files in DIRECTORY differ from the models.")
@click.option("--directory", default="schemas", show_default=True, type=click.Path(file_okay=False))
@click.argument("name", required=False)
def schema(write, check_only, directory, name):
    """Print (or --write) the JSON Schemas of the request bodies, generated from the models."""
    from pathlib import Path

    from .schemas import SCHEMAS, render

    if name is not None and name not in SCHEMAS:
        raise click.UsageError(f"no schema {name!r}; known: {', '.join(SCHEMAS)}")
    names = [name] if name else list(SCHEMAS)
    if not (write or check_only):
        for n in names:
            click.echo(render(n), nl=False)
        return
    stale = []
    for n in names:
        path = Path(directory) / n
        text = render(n)
        if check_only:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
        elif not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            click.echo(f"wrote {path}")
    if stale:
        click.echo("out of date (run `claude-lint schema --write`): " + ", ".join(stale), err=True)
        sys.exit(1)


@main.command("rule")
@click.argument("code")
def rule_docs(code):
    """Print the documentation of a rule (by code or name)."""
    from . import rules

    try:
        r = rules.get(code)
    except KeyError:
        raise click.UsageError(f"no rule {code!r}; `claude-lint rules` lists them") from None
    api = f"{r.status} {r.error_type}" if r.status else "no API error (advisory)"
    click.echo(f"{r.code} {r.name} ({r.severity}; {api}; {r.area}; evidence {r.evidence})\n")
    click.echo(r.docs)
    click.echo(f"\nEvidence: {r.source}")


@main.command("rules")
def list_rules():
    """List every rule."""
    from . import rules

    for r in rules.RULES.values():
        click.echo(f"{r.code}  {r.name:<40} {r.severity:<8} {r.evidence:<3} {r.area:<27} {r.summary}")


@main.command("explain", context_settings={"ignore_unknown_options": True})
@click.argument("error", nargs=-1, required=True)
@click.option("--output-format", "-f", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain_error(error, output_format):
    """Explain an API error: its message, its JSON body, or a log line with one (- reads stdin).

    Prints what it means, the likely causes, the fix and the rule to lint for; for a bare status
    (429, 529, ...) whether and how to retry. Exit status 1 when nothing matches.
    """
    import json

    from .explain import explain, render_text, to_dict

    text = sys.stdin.read() if error == ("-",) else " ".join(error)
    if not text.strip():
        raise click.UsageError("nothing to explain")
    result = explain(text)
    if output_format == "json":
        click.echo(json.dumps(to_dict(result), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result), nl=False)
    sys.exit(0 if result.matched else 1)


def run_main() -> None:
    """The console entry point: any unexpected failure is one line on stderr and exit status 2,
    never a traceback (set CLAUDE_LINT_TRACEBACK=1 to see it)."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("claude-lint: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - a bug; the message asks for a report
        if os.environ.get("CLAUDE_LINT_TRACEBACK"):
            raise
        click.echo(f"claude-lint: internal error: {type(exc).__name__}: {exc} (please report it)", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    run_main()
