from audits.models.audits import Answer, Audit, Objective
from audits.models.consulting import Engagement, Review, ReviewPillar, ReviewRecommendation
from audits.models.feedback import (
    FeedbackLink,
    FeedbackOptOut,
    FeedbackRequest,
    FeedbackResponse,
    Relationship,
)
from audits.models.questionnaires import Choice, Dimension, Pillar, Question, Questionnaire
from audits.models.scores import Recommendation, ScoreSnapshot

__all__ = [
    "Answer",
    "Audit",
    "Choice",
    "Dimension",
    "Engagement",
    "FeedbackLink",
    "FeedbackOptOut",
    "FeedbackRequest",
    "FeedbackResponse",
    "Objective",
    "Pillar",
    "Question",
    "Questionnaire",
    "Recommendation",
    "Relationship",
    "Review",
    "ReviewPillar",
    "ReviewRecommendation",
    "ScoreSnapshot",
]
