"""Questionnaires are the product's catalogue: nothing in them is about a person."""

from accounts import personal_data
from audits.questionnaires.models import Choice, Dimension, Pillar, Question, Questionnaire

personal_data.not_personal(
    Questionnaire, Pillar, Dimension, Question, Choice, reason="the questionnaire catalogue"
)
