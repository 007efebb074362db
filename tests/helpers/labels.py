"""Labels that point at the right field: every `<label for>` names one form control, once."""

from collections import Counter
from html.parser import HTMLParser

CONTROLS = {"input", "select", "textarea", "meter", "output", "progress", "button"}


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.tags: dict[str, str] = {}
        self.fors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids[attributes["id"]] += 1
            self.tags[attributes["id"]] = tag
        if tag == "label" and attributes.get("for"):
            self.fors.append(attributes["for"])


def label_problems(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    parser.close()
    problems = [f"id {i!r} is used {n} times" for i, n in parser.ids.items() if n > 1]
    for target in parser.fors:
        if target not in parser.ids:
            problems.append(f"label for {target!r}: no such element")
        elif parser.tags[target] not in CONTROLS:
            problems.append(f"label for {target!r}: a <{parser.tags[target]}>, not a field")
    return problems
