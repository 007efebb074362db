"""The conditions of the recommendation rules, keyed by rule code (one per code: a test checks
it against the catalogue, audits/questionnaires/recommendations.toml).

Pure: no Django, no ORM. Each condition reads the inputs and the computed reputation and
returns its findings; the texts they fill are in the catalogue.
"""

from audits.scores.conditions import evidence, network, peers, practice
from audits.scores.conditions.base import Condition

CONDITIONS: dict[str, Condition] = {}
for _module in (peers, network, practice, evidence):
    for _code, _condition in _module.CONDITIONS.items():
        if _code in CONDITIONS:
            raise RuntimeError(f"two conditions for rule {_code!r}")
        CONDITIONS[_code] = _condition
