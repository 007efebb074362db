"""The kinds of question a questionnaire may hold (one home: the definition loader checks
against it, the self-assessment score decides how each kind is scored)."""

SCALE_KINDS = frozenset({"agreement", "frequency"})
SCORED_KINDS = frozenset({"agreement", "frequency", "yes_no", "choice"})
KINDS = SCORED_KINDS | {"text"}
# Reverse items only make sense where the answer has a fixed direction; choices carry
# their own scores and text is never scored.
REVERSIBLE_KINDS = SCALE_KINDS | {"yes_no"}
