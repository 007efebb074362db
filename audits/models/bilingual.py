# The migrations name this path for the bilingual field; the field lives with the
# questionnaires.
from audits.questionnaires.bilingual import *  # noqa: F403
