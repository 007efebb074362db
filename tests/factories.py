import datetime

import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from audits.questionnaires.services import questionnaire_ensure_default

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can log in: known password and a verified primary email."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        if extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ConsultantFactory(UserFactory):
    is_consultant = True


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "audits.Objective"

    owner = factory.SubFactory(UserFactory)
    kind = "job_search"
    title = "Find a product manager position"
    target_quantity = 5
    target_unit = "interviews"
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=90))
    needed_roles = factory.LazyFunction(lambda: ["recruiter", "executive"])


class AuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "audits.Audit"

    owner = factory.LazyAttribute(lambda audit: audit.objective.owner)
    objective = factory.SubFactory(ObjectiveFactory)
    questionnaire = factory.LazyFunction(questionnaire_ensure_default)
