"""Rasa sends the domain (some 400 kB) with an action call only when the action asks for it
(endpoints: enable_selective_domain). No action of ours asks, so none may read it."""

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_both_profiles_send_no_domain_to_the_action_server():
    for endpoints in (ROOT / "endpoints.yml", ROOT / "profiles/production/endpoints.yml"):
        config = yaml.safe_load(endpoints.read_text())
        assert config["action_endpoint"]["enable_selective_domain"] is True, endpoints


def test_no_action_reads_its_domain_argument():
    readers = []
    for path in sorted((ROOT / "actions").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            reads = isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
            if reads and node.id == "domain":
                readers.append(f"{path.name}:{node.lineno}")
    assert readers == [], f"these read the domain: declare send_domain in the domain: {readers}"
