"""French typography: the no-break spaces French sets before « : ; ! ? % » and inside « ».

"Section 1 sur 4 : Stratégie", "Pourquoi ?", "33,3 %": the space before the sign must not
break, or the sign wraps alone to the next line; an English text written in French often has
no space at all. `french` puts a no-break space (U+00A0 before ":", inside guillemets) or a
narrow one (U+202F before ";", "!", "?", "%") wherever a normal space or none stands. Signs
inside a word or a number ("14:05", "?page=2", "http://") are left alone. Pure, idempotent.
"""

import re

NBSP = "\u00a0"
NNBSP = "\u202f"
# A sign closes a clause when what follows is a space, a tag, a quote or the end.
_END = r"(?=[\s<\"')»]|$)"
# A no-break space already there (either kind) is kept as it is.
_HIGH = re.compile(rf"(?: |(?<=[^\W_]))([;!?]+){_END}")
_COLON = re.compile(rf"(?: |(?<=[^\W_])):{_END}")
# After a number, or a placeholder for one ("%(rate)s%%" in a catalogue).
_PERCENT = re.compile(r"(?: |(?<=\d)|(?<=\)[sdif]))(%%|%)(?![(a-z])")
_OPEN = re.compile(r"« ?(?![\u00a0\u202f])")
_CLOSE = re.compile(r"(?<![\u00a0\u202f]) ?»")


def french(text: str) -> str:
    if not text:
        return text
    text = _HIGH.sub(lambda m: NNBSP + m.group(1), text)
    text = _COLON.sub(NBSP + ":", text)
    text = _PERCENT.sub(lambda m: NNBSP + m.group(1), text)
    text = _OPEN.sub("«" + NBSP, text)
    return _CLOSE.sub(NBSP + "»", text)
