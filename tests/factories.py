"""factory_boy factories shared by the whole suite."""

from __future__ import annotations

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from members.models import Member, MembershipApplication, MemberStatus, Office, User
from members.permissions import COORDINATORS_GROUP

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@ngn.example")
    full_name = factory.Sequence(lambda n: f"Persona Prueba {n}")
    preferred_language = "es"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def coordinator(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
            self.is_staff = True
            self.save(update_fields=["is_staff"])


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"office-{n}")
    name = factory.Sequence(lambda n: f"Distrito de Prueba {n}")
    city = "Guayaquil"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    office = factory.SubFactory(OfficeFactory)
    position_title = "Analista"
    joined_on = dt.date(2023, 3, 1)
    cohort = "Cohorte 2023"
    status = MemberStatus.ACTIVE


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    full_name = factory.Sequence(lambda n: f"Solicitante Prueba {n}")
    email = factory.Sequence(lambda n: f"applicant{n}@ngn.example")
    office = factory.SubFactory(OfficeFactory)
    position_title = "Técnico de Despacho"
    service_started_on = dt.date(2021, 5, 3)
    date_of_birth = dt.date(1998, 3, 2)
    motivation = "Quiero aportar a la integridad."
    consent = True
