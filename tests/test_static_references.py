"""Every file a static asset refers to is there (static/, vendored libraries included).

With DEBUG=0, collectstatic's manifest storage rewrites each reference in CSS and JS to the
hashed name of its target and stops on a target that does not exist (a `sourceMappingURL` to a
map that `scripts/vendor.sh` did not copy broke the production build once). The patterns below
are the ones the manifest storage follows (`ManifestStaticFilesStorage.patterns`).
"""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

STATIC = Path(__file__).resolve().parent.parent / "static"

CSS_REFERENCES = (
    re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<url>.*?)(?P=quote)\s*\)"""),
    re.compile(r"""@import\s*(?:url\(\s*)?['"]\s*(?P<url>.*?)['"]"""),
    re.compile(r"""/\*#\s*sourceMappingURL=(?P<url>.*?)\s*\*/"""),
)
JS_REFERENCES = (re.compile(r"""//[#@]\s*sourceMappingURL=(?P<url>\S+)"""),)


def references(path: Path) -> list[str]:
    patterns = CSS_REFERENCES if path.suffix == ".css" else JS_REFERENCES
    text = path.read_text(errors="replace")
    return [match.group("url").strip() for pattern in patterns for match in pattern.finditer(text)]


def missing_targets(root: Path) -> list[str]:
    """`file: reference` for each reference under root whose target file does not exist."""
    missing = []
    for path in sorted([*root.rglob("*.css"), *root.rglob("*.js")]):
        for url in references(path):
            parts = urlsplit(url)
            if not url or url.startswith(("#", "data:")) or parts.scheme or parts.netloc:
                continue  # inline data, fragments and other origins are not files of ours
            name = unquote(parts.path)
            target = root / name.lstrip("/") if name.startswith("/") else path.parent / name
            if not target.is_file():
                missing.append(f"{path.relative_to(root)}: {url}")
    return missing


def test_every_reference_in_the_static_files_points_at_a_file_that_is_there():
    assert list(STATIC.rglob("*.js")), "no static files found"
    assert missing_targets(STATIC) == []


def test_the_vendored_libraries_keep_their_source_maps_beside_them():
    for name in ("chartjs/chart.umd.min.js", "bootstrap/bootstrap.min.css"):
        assert references(STATIC / "vendor" / name), f"{name} names no source map any more"
    assert missing_targets(STATIC / "vendor") == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("lib.min.js", "x();\n//# sourceMappingURL=lib.min.js.map\n"),
        ("style.css", "a{background:url('../img/gone.png')}"),
        ("style.css", 'a{background:url("gone.svg?v=1#top")}'),
        ("style.css", '@import "theme.css";'),
        ("style.css", "a{}\n/*# sourceMappingURL=style.css.map */"),
    ],
)
def test_a_reference_to_a_missing_file_is_reported(tmp_path, name, text):
    (tmp_path / name).write_text(text)

    assert len(missing_targets(tmp_path)) == 1


def test_inline_data_other_origins_and_present_files_are_not_reported(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "dot.svg").write_text("<svg/>")
    (tmp_path / "lib.js.map").write_text("{}")
    (tmp_path / "lib.js").write_text("x();\n//# sourceMappingURL=lib.js.map\n")
    (tmp_path / "style.css").write_text(
        "a{background:url(\"data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'%3e\")}"
        "b{background:url(img/dot.svg)}c{background:url(https://cdn.example/x.png)}"
        "d{background:url(/img/dot.svg)}e{behavior:url(#default)}"
    )

    assert missing_targets(tmp_path) == []
