"""Shape of the dbt DAG from a manifest: how many models, the longest chain of models, and what a mart
depends on. Used by the structure tests (python_checks/test_project_structure.py) and by hand:

    python scripts/dag_stats.py [target/manifest.json]
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def load_manifest(path: Path = REPO / "target" / "manifest.json") -> dict[str, Any]:
    return json.loads(path.read_text())


def parents(manifest: dict[str, Any]) -> dict[str, list[str]]:
    """Each model, seed, source and snapshot with the nodes it reads."""
    graph: dict[str, list[str]] = {}
    for node_id, node in manifest["nodes"].items():
        if node["resource_type"] in ("model", "seed", "snapshot"):
            graph[node_id] = list(node.get("depends_on", {}).get("nodes", []))
    for source_id in manifest["sources"]:
        graph[source_id] = []
    return graph


def upstream(graph: dict[str, list[str]], node_id: str) -> set[str]:
    """Every node the given node reads, directly or not (itself excluded)."""
    seen: set[str] = set()
    stack = list(graph[node_id])
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(graph.get(current, []))
    return seen


def longest_model_chain(graph: dict[str, list[str]]) -> list[str]:
    """The longest path of models (seeds and sources not counted), from its first model to its last."""

    @cache
    def chain_to(node_id: str) -> tuple[str, ...]:
        best: tuple[str, ...] = ()
        for parent in graph.get(node_id, []):
            candidate = chain_to(parent)
            if len(candidate) > len(best):
                best = candidate
        return best + ((node_id,) if node_id.startswith("model.") else ())

    return list(max((chain_to(n) for n in graph), key=len))


def model_path(manifest: dict[str, Any], node_id: str) -> str:
    return manifest["nodes"][node_id]["original_file_path"]


def main() -> None:
    manifest = load_manifest(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "target" / "manifest.json")
    graph = parents(manifest)
    models = [n for n in graph if n.startswith("model.")]
    chain = longest_model_chain(graph)
    print(f"models: {len(models)}")
    print(f"longest chain: {len(chain)} models: " + " -> ".join(n.split(".")[-1] for n in chain))
    for mart in ("fct_account_health_weekly", "fct_flat_export_health"):
        node_id = f"model.customer_health.{mart}"
        above = upstream(graph, node_id)
        kinds = {kind: sum(1 for n in above if n.startswith(kind + ".")) for kind in ("model", "seed", "source")}
        print(f"upstream of {mart}: {kinds['model']} models, {kinds['seed']} seeds, {kinds['source']} sources")


if __name__ == "__main__":
    main()
