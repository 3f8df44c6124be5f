"""The request-body JSON Schema a user would hand to a schema validator today, from the official SDK.

    python make_schema.py [--out results/sdk-request.schema.json]

``TypeAdapter(anthropic.types.MessageCreateParams).json_schema()`` (the SDK's union of the
streaming and non-streaming TypedDicts), with only ``$schema`` (2020-12) and a provenance
``$comment`` added: exactly as strict as the SDK types, no stricter. About 160 KB, so it is
generated into the git-ignored results/ rather than committed.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build_schema() -> dict:
    import anthropic
    import pydantic
    from anthropic.types import MessageCreateParams
    from pydantic import TypeAdapter

    schema = TypeAdapter(MessageCreateParams).json_schema()
    return {
        # pydantic writes 2020-12 keywords ($defs, const) without naming the dialect; name it so that
        # check-jsonschema and jsonschema_rs pick the same draft.
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"bench/make_schema.py: anthropic=={anthropic.__version__} types.MessageCreateParams "
                    f"via pydantic=={pydantic.VERSION} TypeAdapter.json_schema()",
        **schema,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "results" / "sdk-request.schema.json")
    args = ap.parse_args()
    schema = build_schema()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(schema.get('$defs', {}))} $defs)")


if __name__ == "__main__":
    main()
