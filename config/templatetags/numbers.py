"""Numbers as each language writes them: `{{ rate|percent }}` is "33.3%" or "33,3 %".

Loaded with `{% load numbers %}` (registered in TEMPLATES' libraries: config is no app).
"""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def percent(value, digits: int | str = -1) -> str:
    """A percentage in the active language, `digits` as for floatformat (-1: decimals only
    when there are some); nothing known reads "—"."""
    if value is None or value == "":
        return "—"
    # Translators: a percentage; French sets a narrow no-break space before the sign.
    return pgettext("a percentage", "%(number)s%%") % {"number": floatformat(value, digits)}
