"""aicheck: check a proposed use of generative AI by a Danish public authority against its rules.

The public API is imported lazily so that `aicheck --version` and light commands stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "evaluate",
    "load_packs",
    "load_use_case",
]

if TYPE_CHECKING:
    from checker.batch.api import evaluate, load_packs, load_use_case


def __getattr__(name: str) -> Any:
    if name in {"evaluate", "load_packs", "load_use_case"}:
        from checker.batch import api

        return getattr(api, name)
    raise AttributeError(name)
