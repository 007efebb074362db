"""French typography in rendered pages: a no-break space before « : ; ! ? % ».

French sets a space before the high punctuation and the percent sign, and that space must
not break (U+00A0, or the narrow U+202F): "Section 1 sur 4 : Stratégie", "33,3 %". A normal
space lets the sign wrap alone to the next line; no space at all is English typography.
"""

import re
from html.parser import HTMLParser

NO_BREAK = "\u00a0\u202f"
# What the reader sees: text, and the attributes read aloud or shown on hover.
SPOKEN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description"}
SKIPPED_ELEMENTS = {"script", "style", "template", "code", "pre", "textarea"}
URL = re.compile(r"\b(?:https?|mailto|tel):\S*")
# Any sign after something other than a no-break space, except ":" between two digits (a
# time, "14:05").
OFFENCES = re.compile(rf"(?<=[^{NO_BREAK}])[;!?%]|(?<=[^{NO_BREAK}\d]):|(?<=\d):(?!\d)")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self.chunks.append("\n" + value + "\n")
        if tag in {"br", "p", "div", "li", "td", "th", "tr", "option", "h1", "h2", "h3"}:
            self.chunks.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self.skipping:
            self.skipping -= 1
        if tag in {"p", "div", "li", "td", "th", "tr", "option", "h1", "h2", "h3", "label"}:
            self.chunks.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.chunks.append(data)


def typography_offences(html: str) -> list[str]:
    """Each line of visible text with a sign that lacks its no-break space before it."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.chunks)
    offences = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\r\f\v]+", " ", URL.sub("", line)).strip()
        if OFFENCES.search(line):
            offences.append(line)
    return offences
