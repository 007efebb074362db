"""The `audits` app's models, which live in their domain packages; re-exported here so that
migrations, the admin and the app registry find them under the one app label."""

from audits.consulting.models import (
    Engagement,
    IndependenceCheck,
    Message,
    Review,
    ReviewPillar,
    ReviewRecommendation,
)
from audits.cycles.models import BenchmarkParticipation, SectorBenchmark
from audits.feedback.models import (
    FeedbackLink,
    FeedbackOptOut,
    FeedbackRequest,
    FeedbackResponse,
    PendingFeedbackAnswer,
    Relationship,
)
from audits.progress.models import CheckIn, CheckInAction, CheckInSchedule
from audits.questionnaires.models import Choice, Dimension, Pillar, Question, Questionnaire
from audits.scores.models import Recommendation, ScoreSnapshot
from audits.selfaudit.models import Answer, Audit, Objective

__all__ = [
    "Answer",
    "Audit",
    "BenchmarkParticipation",
    "CheckIn",
    "CheckInAction",
    "CheckInSchedule",
    "Choice",
    "Dimension",
    "Engagement",
    "FeedbackLink",
    "FeedbackOptOut",
    "FeedbackRequest",
    "FeedbackResponse",
    "IndependenceCheck",
    "Message",
    "Objective",
    "PendingFeedbackAnswer",
    "Pillar",
    "Question",
    "Questionnaire",
    "Recommendation",
    "Relationship",
    "Review",
    "ReviewPillar",
    "ReviewRecommendation",
    "ScoreSnapshot",
    "SectorBenchmark",
]

# Issue 20 (annotated recommendations).
from audits.consulting.models import RecommendationAnnotation

__all__ += ["RecommendationAnnotation"]
