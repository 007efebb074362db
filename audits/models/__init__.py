from audits.models.audits import Answer, Audit, Objective
from audits.models.questionnaires import Choice, Dimension, Pillar, Question, Questionnaire

__all__ = [
    "Answer",
    "Audit",
    "Choice",
    "Dimension",
    "Objective",
    "Pillar",
    "Question",
    "Questionnaire",
]
