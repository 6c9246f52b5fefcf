"""Figures of the code's shape (issue 11): lines in views against services per app, view class
lengths, files over 400 lines, rule-profile reads outside a rules home, the app import graph and
its cycles. `python bench/architecture.py [src/dangvu]` prints them as JSON.

Static (ast) only: nothing is imported, so it can measure any checkout.
"""

from __future__ import annotations

import ast
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

APPS = (
    "core",
    "accounts",
    "organizations",
    "members",
    "meetings",
    "admissions",
    "evaluations",
    "imports",
    "reports",
    "demo",
)
DOMAIN = {"members", "meetings", "admissions", "evaluations", "imports", "reports", "demo"}
PROFILE_READS = {"rule_value", "values_on", "profile_on"}
# Where reading the rule profile is the point: the profile itself and its pages.
PROFILE_HOMES = ("core/profiles.py", "core/views.py", "core/forms.py", "core/rule_defaults.py")


def python_files(root: Path):
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts or "__pycache__" in path.parts:
            continue
        yield path


def kind(rel: str) -> str | None:
    parts = rel.split("/")
    name = parts[-1]
    if "views" in parts[:-1] or name == "views.py" or name.endswith("_views.py"):
        return "views"
    if (
        "services" in parts[:-1]
        or "reorganization" in parts[1:-1]
        or name in ("services.py", "lifecycle.py", "transfers.py", "reorganization.py")
        or parts[-2:-1] == ["services"]
    ):
        return "services"
    return None


def in_rules_home(rel: str, strict: bool = True) -> bool:
    """A rules home is an app's `rules/` package; `strict=False` also counts the `rules.py`
    and `policy.py` modules of the layout before issue 11 (to measure it fairly)."""
    parts = rel.split("/")
    if "rules" in parts[1:-1] or rel in PROFILE_HOMES:
        return True
    return not strict and parts[-1] in ("rules.py", "policy.py")


def is_view_class(node: ast.ClassDef) -> bool:
    names = []
    for base in node.bases:
        if isinstance(base, ast.Name):
            names.append(base.id)
        elif isinstance(base, ast.Attribute):
            names.append(base.attr)
    return any(n.endswith(("View", "Mixin")) or n == "View" for n in names) and not any(
        n.endswith(("Form", "FilterSet", "Serializer", "ViewSet")) for n in names
    )


def module_name(root: Path, path: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join(base + ([node.module] if node.module else []))


def measure(root: Path, strict: bool = True) -> dict:
    lines_by_kind: dict[str, dict[str, int]] = defaultdict(lambda: {"views": 0, "services": 0})
    view_lengths: list[int] = []
    big_files: list[tuple[str, int]] = []
    profile_reads: list[str] = []
    app_edges: dict[tuple[str, str], int] = defaultdict(int)
    module_edges: dict[str, set[str]] = defaultdict(set)
    hidden_imports = 0
    modules = {module_name(root, p) for p in python_files(root)}
    for path in python_files(root):
        rel = path.relative_to(root).as_posix()
        app = rel.split("/")[0]
        text = path.read_text(encoding="utf-8")
        n_lines = text.count("\n")
        if n_lines > 400:
            big_files.append((rel, n_lines))
        k = kind(rel)
        if k and app in APPS:
            lines_by_kind[app][k] += n_lines
        tree = ast.parse(text)
        module = module_name(root, path)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and k == "views" and is_view_class(node):
                view_lengths.append(node.end_lineno - node.lineno + 1)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not in_rules_home(
                rel, strict
            ):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Call):
                        f = sub.func
                        name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", "")
                        if name in PROFILE_READS:
                            profile_reads.append(f"{rel}:{node.name}")
                            break
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                target = resolve(module, node, path.name == "__init__.py")
                targets = [target] + [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for target in targets:
                if not target.startswith("dangvu."):
                    continue
                other = target.split(".")[1]
                if other != app and other in APPS:
                    app_edges[(app, other)] += 1
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != module:
                    module_edges[module].add(target)
        for func in ast.walk(tree):
            if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                hidden_imports += sum(
                    isinstance(n, ast.Import | ast.ImportFrom)
                    and any(
                        (getattr(n, "module", None) or "").startswith("dangvu")
                        or getattr(n, "level", 0)
                        or any(a.name.startswith("dangvu") for a in n.names)
                        for _ in [0]
                    )
                    for n in ast.walk(func)
                )
    app_graph: dict[str, set[str]] = defaultdict(set)
    for a, b in app_edges:
        app_graph[a].add(b)
    return {
        "lines_views_vs_services": dict(sorted(lines_by_kind.items())),
        "view_classes": len(view_lengths),
        "median_view_class_lines": statistics.median(view_lengths) if view_lengths else 0,
        "view_classes_over_40_lines": sum(n > 40 for n in view_lengths),
        "files_over_400_lines": sorted(big_files, key=lambda x: -x[1]),
        "profile_reads_outside_rules_homes": sorted(set(profile_reads)),
        "app_imports": {f"{a} -> {b}": n for (a, b), n in sorted(app_edges.items())},
        "upward_arrows": sorted(
            f"{a} -> {b}"
            for (a, b) in app_edges
            if (a == "core" and b != "core") or (a == "organizations" and b in DOMAIN)
        ),
        "app_cycles": sorted(_cycles(app_graph)),
        "module_cycles": sorted(_cycles(module_edges))[:50],
        "imports_inside_functions": hidden_imports,
    }


def _cycles(graph: dict[str, set[str]]) -> list[str]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[str] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(" ↔ ".join(sorted(component)))

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            strong(v)
    return found


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = Path(args[0] if args else Path(__file__).parents[1] / "src" / "dangvu")
    figures = measure(root.resolve(), strict="--old-layout" not in sys.argv)
    print(json.dumps(figures, ensure_ascii=False, indent=1))
