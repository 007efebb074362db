"""The classification rules file (rules.toml): read, checked and resolved once, at import.

A malformed file stops the import of contacts.classification with a RulesError naming the file,
the place (e.g. ``roles[3] "journalist"``) and the problem, rather than classifying contacts
wrongly: unknown role or sector codes, missing or unknown keys, duplicate names, unknown or
unused fragments, keywords that are not valid expressions or that capture.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .codes import ROLE_CODES, SECTOR_CODES
from .matching import Keywords, Rules
from .text import normalise

RULES_FILE = Path(__file__).with_name("rules.toml")

# Each ordered rule set and the codes its rules may give.
RULE_SETS = {
    "roles": ROLE_CODES,
    "investment_firms": ROLE_CODES,
    "recruitment_firms": ROLE_CODES,
    "organisation_kinds": SECTOR_CODES,
    "company_words": SECTOR_CODES,
    "position_words": SECTOR_CODES,
}
_SHARED = ("fragments", "keyword_lists", "name_lists")
_REQUIRED = ("generic_investment_titles", *RULE_SETS, "brands")
_RULE_KEYS = {"name", "code", "keywords", "include"}
_BRAND_KEYS = {"names", "include"}
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_REFERENCE = re.compile(r"\$\{([^}]*)\}")
_LOOKBEHINDS = re.compile(r"^(?:\(\?<[!=][^)]*\))+")


class RulesError(ValueError):
    """The rules file is malformed; the message says where and why."""


@dataclass(frozen=True)
class RuleBook:
    """The rules as the classifier uses them: fragments substituted, lists included."""

    roles: tuple[Keywords, ...]
    investment_firms: tuple[Keywords, ...]
    recruitment_firms: tuple[Keywords, ...]
    organisation_kinds: tuple[Keywords, ...]
    company_words: tuple[Keywords, ...]
    position_words: tuple[Keywords, ...]
    generic_investment_titles: tuple[str, ...]
    brands: dict[str, tuple[str, ...]]  # sector -> names as people write them
    # Each rule set compiled (see matching.Rules), once: the checks ride on that compilation.
    matchers: dict[str, Rules]


def load(path: Path = RULES_FILE) -> RuleBook:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RulesError(f"{path}: cannot be read as TOML: {error}") from None
    return _Reader(path, data).book()


class _Reader:
    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.used: set[str] = set()
        self.rule_names: dict[str, str] = {}

    def fail(self, where: str, problem: str) -> RulesError:
        return RulesError(f"{self.path}: {where}: {problem}")

    def book(self) -> RuleBook:
        data = self.data
        unknown = sorted(set(data) - {*_SHARED, *_REQUIRED})
        if unknown:
            raise self.fail("top level", f"unknown key(s) {', '.join(unknown)}")
        for key in _REQUIRED:
            if key not in data:
                raise self.fail("top level", f'missing key "{key}"')
        self.fragments = self.table("fragments", str)
        self.keyword_lists = self.table("keyword_lists", list)
        self.name_lists = self.table("name_lists", list)
        rule_sets = {key: self.rule_set(key, codes) for key, codes in RULE_SETS.items()}
        matchers = {key: self.matcher(key, rules) for key, rules in rule_sets.items()}
        titles = self.keywords("generic_investment_titles", data["generic_investment_titles"])
        for value, keyword in zip(data["generic_investment_titles"], titles, strict=True):
            self.check("generic_investment_titles", value, keyword)
        brands = self.brands(data["brands"])
        defined = {*self.fragments, *self.keyword_lists, *self.name_lists}
        unused = sorted(defined - self.used)
        if unused:
            raise self.fail("shared fragments", f"defined but never used: {', '.join(unused)}")
        return RuleBook(
            **rule_sets, generic_investment_titles=titles, brands=brands, matchers=matchers
        )

    def table(self, key: str, kind: type) -> dict[str, Any]:
        table = self.data.get(key, {})
        if not isinstance(table, dict):
            raise self.fail(key, "must be a table")
        for name, value in table.items():
            if not _NAME.fullmatch(name):
                raise self.fail(f"{key}.{name}", "names are lower case letters, digits and _")
            if not isinstance(value, kind):
                raise self.fail(f"{key}.{name}", f"must be a {kind.__name__}")
            for other in _SHARED:
                if other != key and name in self.data.get(other, {}):
                    raise self.fail(f"{key}.{name}", f'duplicate name (also in "{other}")')
        return table

    def rule_set(self, key: str, codes: tuple[str, ...]) -> tuple[Keywords, ...]:
        rules = self.data[key]
        if not isinstance(rules, list) or not rules:
            raise self.fail(key, f"must be a non-empty array of tables ([[{key}]])")
        return tuple(self.rule(f"{key}[{index}]", rule, codes) for index, rule in enumerate(rules))

    def matcher(self, key: str, rules: tuple[Keywords, ...]) -> Rules:
        """The rule set compiled. Checking each keyword alone would parse every keyword once
        more, which doubled the module's import time: each is only checked alone when the
        compiled set shows a problem, to name the culprit."""
        expected = {f"r{index}" for index, (_, keywords) in enumerate(rules) if keywords}
        try:
            matcher = Rules(rules)
            sound = all(
                pattern.groups == len(pattern.groupindex) and set(pattern.groupindex) <= expected
                for pattern in matcher.patterns.values()
            )
        except re.error:
            sound = False
        if sound and all(_balanced(k) for _, keywords in rules for k in keywords):
            return matcher
        for index, (_, keywords) in enumerate(rules):
            where = f'{key}[{index}] "{self.data[key][index]["name"]}"'
            for keyword in keywords:
                self.check(where, keyword, keyword)
        raise self.fail(key, "the keywords do not compile together")  # not seen: a safeguard

    def rule(self, where: str, rule: Any, codes: tuple[str, ...]) -> Keywords:
        if not isinstance(rule, dict):
            raise self.fail(where, "must be a table")
        for key in ("name", "code"):
            if not isinstance(rule.get(key), str):
                raise self.fail(where, f'missing key "{key}" (a string)')
        name, code = rule["name"], rule["code"]
        where = f'{where} "{name}"'
        unknown = sorted(set(rule) - _RULE_KEYS)
        if unknown:
            raise self.fail(where, f"unknown key(s) {', '.join(unknown)}")
        if name in self.rule_names:
            raise self.fail(where, f"duplicate rule name (also {self.rule_names[name]})")
        self.rule_names[name] = where
        if code not in codes:
            raise self.fail(where, f'unknown code "{code}" (expected one of {", ".join(codes)})')
        keywords = list(self.keywords(where, rule.get("keywords", [])))
        for included in self.strings(f"{where}.include", rule.get("include", [])):
            keywords.extend(self.included(where, included))
        if not keywords:
            raise self.fail(where, "has no keywords")
        return code, tuple(keywords)

    def included(self, where: str, name: str) -> tuple[str, ...]:
        self.used.add(name)
        if name in self.keyword_lists:
            return self.keywords(f"keyword_lists.{name}", self.keyword_lists[name])
        if name in self.name_lists:
            # Normalised names are letters, digits and single spaces: literal expressions.
            return tuple(
                normalise(n) for n in self.names(f"name_lists.{name}", self.name_lists[name])
            )
        raise self.fail(where, f'includes "{name}", which is no keyword or name list')

    def keywords(self, where: str, values: Any) -> tuple[str, ...]:
        values = self.strings(where, values)
        keywords = tuple(self.substituted(where, value) for value in values)
        for value, keyword in zip(values, keywords, strict=True):
            # Validity and groups are checked on the compiled set (see matcher); an empty match
            # is not visible there, so any keyword that might match nothing is compiled alone.
            if not _surely_not_empty(keyword):
                self.check(where, value, keyword)
        return keywords

    def substituted(self, where: str, value: str) -> str:
        def fragment(match: re.Match) -> str:
            name = match[1]
            if name not in self.fragments:
                raise self.fail(where, f'keyword {value!r} uses an unknown fragment "{name}"')
            self.used.add(name)
            return self.fragments[name]

        return _REFERENCE.sub(fragment, value)

    def check(self, where: str, value: str, keyword: str) -> None:
        try:
            compiled = re.compile(keyword)
        except re.error as error:
            raise self.fail(where, f"keyword {value!r} is no valid expression: {error}") from None
        if compiled.groups:  # the matcher tells rules apart by their one named group each
            raise self.fail(where, f"keyword {value!r} has a capturing group; write (?:...)")
        if not keyword or compiled.match(""):
            raise self.fail(where, f"keyword {value!r} matches an empty text")

    def strings(self, where: str, values: Any) -> list[str]:
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self.fail(where, "must be an array of strings")
        return values

    def names(self, where: str, values: Any) -> list[str]:
        names = self.strings(where, values)
        for name in names:
            if not normalise(name):
                raise self.fail(where, f"name {name!r} has no letter or digit")
        return names

    def brands(self, table: Any) -> dict[str, tuple[str, ...]]:
        if not isinstance(table, dict) or not table:
            raise self.fail("brands", "must be a table of sectors ([brands.<sector>])")
        result: dict[str, tuple[str, ...]] = {}
        seen: dict[str, str] = {}
        for sector, entry in table.items():
            where = f"brands.{sector}"
            if sector not in SECTOR_CODES:
                raise self.fail(where, f'unknown sector code "{sector}"')
            if not isinstance(entry, dict):
                raise self.fail(where, "must be a table with names (and include)")
            unknown = sorted(set(entry) - _BRAND_KEYS)
            if unknown:
                raise self.fail(where, f"unknown key(s) {', '.join(unknown)}")
            if "names" not in entry:
                raise self.fail(where, 'missing key "names"')
            names = list(self.names(f"{where}.names", entry["names"]))
            for included in self.strings(f"{where}.include", entry.get("include", [])):
                if included not in self.name_lists:
                    raise self.fail(where, f'includes "{included}", which is no name list')
                self.used.add(included)
                names.extend(self.names(f"name_lists.{included}", self.name_lists[included]))
            for name in names:
                key = normalise(name)
                if key in seen:  # the same name in two sectors: which one wins is undefined
                    raise self.fail(where, f"duplicate name {name!r} (also in {seen[key]})")
                seen[key] = where
            result[sector] = tuple(names)
        return result


def _scan(keyword: str) -> tuple[bool, bool]:
    """(parentheses balanced, an alternative at the top level), outside escapes and classes."""
    depth, index, in_class, top_level_pipe = 0, 0, False, False
    while index < len(keyword):
        character = keyword[index]
        if character == "\\":
            if index == len(keyword) - 1:  # it would escape what the matcher puts after it
                return False, top_level_pipe
            index += 1
        elif in_class:
            in_class = character != "]"
        elif character == "[":
            in_class = True
            index += keyword.startswith("^", index + 1)
            index += keyword.startswith("]", index + 1)  # a "]" first in a class is literal
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            if depth < 0:
                return False, top_level_pipe
        elif character == "|" and not depth:
            top_level_pipe = True
        index += 1
    return depth == 0 and not in_class, top_level_pipe


def _balanced(keyword: str) -> bool:
    """Balanced, a keyword cannot reach outside the group the matcher puts it in."""
    return _scan(keyword)[0]


def _surely_not_empty(keyword: str) -> bool:
    """True when the keyword starts with a letter or digit that is not optional (the usual
    case): it cannot match an empty text. False means "not sure"."""
    keyword = _LOOKBEHINDS.sub("", keyword)
    if not keyword[:1].isalnum() or keyword[1:2] in ("?", "*", "{"):
        return False
    balanced, top_level_pipe = _scan(keyword)
    return balanced and not top_level_pipe  # "ab|" matches nothing after its "|"
