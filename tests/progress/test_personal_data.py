"""Check-ins and introduction requests are in the data-rights export and go with the account."""

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from accounts import personal_data
from accounts.services import user_erase
from audits.progress.models import CheckIn, CheckInAction, CheckInSchedule
from contacts.models import IntroductionRequest
from tests.factories import AuditFactory, ObjectiveFactory, UserFactory
from tests.helpers.progress import contact, plan_item

pytestmark = pytest.mark.django_db


def history(user):
    objective = ObjectiveFactory(owner=user)
    audit = AuditFactory(objective=objective)
    check_in = CheckIn.objects.create(
        objective=objective, period_start=datetime.date(2026, 1, 5), results=2, note="Two calls"
    )
    CheckInAction.objects.create(check_in=check_in, recommendation=plan_item(audit, "transparency"))
    CheckInSchedule.objects.create(objective=objective, frequency="biweekly")
    IntroductionRequest.objects.create(
        owner=user,
        introducer=contact(user, "Emma Noir"),
        objective_ref=objective.pk,
        zone_kind="role",
        zone_code="investor",
        message="Hello Emma",
        status="obtained",
    )
    return objective


def test_the_export_holds_the_check_ins_and_the_introduction_requests():
    user, other = UserFactory(), UserFactory()
    history(user)
    history(other)

    data = personal_data.user_data(user)
    json.dumps(data, cls=DjangoJSONEncoder)

    [check_in] = data["check_ins"]
    assert check_in["results"] == 2 and check_in["note"] == "Two calls"
    assert check_in["actions_done"] == ["transparency"] and check_in["reminders"] == "biweekly"
    [request] = data["introduction_requests"]
    assert request["introducer__full_name"] == "Emma Noir" and request["status"] == "obtained"


def test_erasing_the_account_removes_them_and_only_them():
    user, other = UserFactory(), UserFactory()
    history(user)
    history(other)

    user_erase(user=user)

    assert CheckIn.objects.count() == CheckInAction.objects.count() == 1
    assert CheckInSchedule.objects.count() == IntroductionRequest.objects.count() == 1
    assert IntroductionRequest.objects.get().owner == other
