"""A questionnaire with markup and script in every free-text answer and in its waiver."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from checker.load import fields

from ..conftest import EXAMPLES

PAYLOAD = ('<script>document.title="PWNED"</script><img src=x '
           'onerror="document.body.setAttribute(\'data-pwned\',\'1\')"> | *bold* [x](javascript:'
           'alert(1)) & </td></table><!-- `code` $x$ ~~s~~ @someone')


def hostile_yaml() -> str:
    data: dict[str, Any] = yaml.safe_load(
        (EXAMPLES / "m365-copilot-admin.yaml").read_text("utf-8"))
    for path, spec in fields.fields().items():
        if spec.kind != "text":
            continue
        node = data
        *parents, leaf = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = f"{leaf}: {PAYLOAD}"
    data["title"] = PAYLOAD
    for waiver in data.get("waivers") or ():
        waiver["reason"] = f"reason {PAYLOAD}"
        waiver["approved_by"] = f"approver {PAYLOAD}"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write_hostile(directory: Path) -> Path:
    path = directory / "hostile.yaml"
    path.write_text(hostile_yaml(), encoding="utf-8")
    return path
