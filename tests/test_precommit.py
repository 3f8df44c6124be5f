"""The pre-commit hook, installed with the real pre-commit into a throwaway repository.

The hook is declared in this checkout's `.pre-commit-hooks.yaml`; the test copies that declaration
into a `repo: local` hook whose environment installs this checkout, so what runs is the manifest
as shipped and the code as it is now.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

GOOD = {"model": "claude-sonnet-4-6", "max_tokens": 256, "messages": [{"role": "user", "content": "Hi"}]}
BAD = {**GOOD, "messages": [{"role": "user", "content": [{"type": "text", "text": ""}]}]}


def test_manifest_declares_the_hook_plainly():
    [hook] = yaml.safe_load(MANIFEST.read_text())
    assert hook["id"] == "claude-lint" and hook["language"] == "python"
    assert hook["entry"].startswith("claude-lint")
    assert "require_serial" not in hook  # files are independent; let pre-commit batch them


def test_files_pattern_selects_request_fixtures_not_other_files():
    import re

    [hook] = yaml.safe_load(MANIFEST.read_text())
    pattern = re.compile(hook["files"])
    assert pattern.search("tests/fixtures/request.json") and pattern.search("batches/run.jsonl")
    assert not pattern.search("README.md") and not pattern.search("src/app.py")


def _git(repo, *args, env):
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path):
    pre_commit = [sys.executable, "-m", "pre_commit"]
    if subprocess.run([*pre_commit, "--version"], capture_output=True).returncode != 0:
        pytest.skip("pre-commit is not installed")
    path = tmp_path / "repo"
    path.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t", "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    [hook] = yaml.safe_load(MANIFEST.read_text())
    config = {"repos": [{"repo": "local", "hooks": [{**hook, "additional_dependencies": [str(ROOT)]}]}]}
    (path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    assert _git(path, "init", "-q", env=env).returncode == 0
    _git(path, "config", "commit.gpgsign", "false", env=env)
    installed = subprocess.run([*pre_commit, "install"], cwd=path, env=env, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    # the hook script runs pre-commit from this interpreter
    return path, env


def test_commit_is_refused_on_a_bad_fixture_and_accepted_on_a_good_one(repo):
    path, env = repo
    (path / "package.json").write_text(json.dumps({"name": "not-a-request"}))
    (path / "fixture.json").write_text(json.dumps(BAD, indent=2))
    _git(path, "add", ".", env=env)
    refused = _git(path, "commit", "-m", "bad fixture", env=env)
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert "fixture.json:10:19: CL203" in output, output
    assert "messages: text content blocks must be non-empty" in output
    assert "package.json" not in output  # not a request: skipped, not reported

    (path / "fixture.json").write_text(json.dumps(GOOD, indent=2))
    _git(path, "add", ".", env=env)
    accepted = _git(path, "commit", "-m", "good fixture", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
