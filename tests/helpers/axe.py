"""axe-core in the browser journeys: the vendored static/vendor/axe-core, loaded by URL.

Loaded from our own origin (a script tag with a src), so the page's Content Security Policy
allows it as it is: no bypass, no inline script.
"""

from playwright.sync_api import Page

BLOCKING = {"serious", "critical"}
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Page, base_url: str) -> list[str]:
    """The serious and critical violations on the current page, one line per node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=f"{base_url}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
        "resultTypes: ['violations']})",
        TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} — {node['failureSummary']}"
        for violation in result["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]
