"""Reading the .po catalogues in tests."""

import re
from pathlib import Path


def po_entries(path: Path) -> list[dict]:
    """A small .po reader: msgid, msgstr (all forms joined) and flags of each entry."""
    entries, current, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current:
                entries.append(current)
            current, field = None, None
            continue
        current = current or {"flags": "", "msgid": "", "msgstr": "", "obsolete": False}
        if line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#,"):
            current["flags"] += line
        elif match := re.match(r"(msgid_plural|msgid|msgstr(?:\[\d\])?) \"(.*)\"$", line):
            field = "msgid" if match.group(1).startswith("msgid") else "msgstr"
            if match.group(1) == "msgid_plural":
                continue
            current[field] += match.group(2)
        elif line.startswith('"') and field:
            current[field] += line.strip('"')
    return [e for e in entries if e["msgid"] and not e["obsolete"]]
