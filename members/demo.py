"""Demo data for the members app: Ecuador Customs' offices and the network's founders.

Every person here is invented; the surnames (Demo, Ejemplo, Ficticio, Prueba, Muestra)
make that visible on every page. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import Member, MemberStatus, Office, User
from .permissions import COORDINATORS_GROUP

DEMO_PASSWORD = "ngn-demo-2022"  # noqa: S105 - published in the README for the demo only
FOUNDING_DAY = dt.date(2022, 12, 2)
FOUNDING_COHORT = "Founding cohort 2022"

OFFICES: list[tuple[str, str, str]] = [
    ("hq", "Dirección General (Matriz)", "Guayaquil"),
    ("gye-mar", "Distrito Guayaquil Marítimo", "Guayaquil"),
    ("gye-aer", "Distrito Guayaquil Aeropuerto", "Guayaquil"),
    ("uio", "Distrito Quito", "Quito"),
    ("mec", "Distrito Manta", "Manta"),
    ("esm", "Distrito Esmeraldas", "Esmeraldas"),
    ("pbo", "Distrito Puerto Bolívar", "Machala"),
    ("huq", "Distrito Huaquillas", "Huaquillas"),
    ("tul", "Distrito Tulcán", "Tulcán"),
    ("lma", "Distrito Loja-Macará", "Loja"),
    ("cue", "Distrito Cuenca", "Cuenca"),
    ("ltg", "Distrito Latacunga", "Latacunga"),
]

# (email, full name, office code, position title, preferred language)
FOUNDERS: list[tuple[str, str, str, str, str]] = [
    ("coordinator@ngn.example", "Carla Demo Coordinadora", "hq", "Analista de Integridad Institucional", "es"),
    ("member@ngn.example", "Mateo Ejemplo Miembro", "gye-mar", "Técnico Operador Aduanero", "es"),
    ("lucia.ficticia@ngn.example", "Lucía Ficticia Andrade", "gye-aer", "Especialista de Zona Primaria", "es"),
    ("diego.prueba@ngn.example", "Diego Prueba Salazar", "uio", "Analista de Riesgos", "es"),
    ("valeria.muestra@ngn.example", "Valeria Muestra Cedeño", "mec", "Técnica de Despacho", "es"),
    ("jorge.ejemplo@ngn.example", "Jorge Ejemplo Quiñónez", "esm", "Inspector Aduanero", "es"),
    ("sofia.demo@ngn.example", "Sofía Demo Aguilar", "pbo", "Analista de Valoración", "es"),
    ("andres.ficticio@ngn.example", "Andrés Ficticio Romero", "huq", "Técnico de Vigilancia", "es"),
    ("paula.prueba@ngn.example", "Paula Prueba Chalá", "tul", "Especialista en Frontera", "es"),
    ("kevin.muestra@ngn.example", "Kevin Muestra Jaramillo", "lma", "Inspector Aduanero", "es"),
    ("daniela.ejemplo@ngn.example", "Daniela Ejemplo Vintimilla", "cue", "Analista Tributaria", "es"),
    ("bryan.demo@ngn.example", "Bryan Demo Toapanta", "ltg", "Técnico de Despacho", "es"),
    ("camila.ficticia@ngn.example", "Camila Ficticia Mora", "hq", "Analista de Talento Humano", "en"),
    ("esteban.prueba@ngn.example", "Esteban Prueba Loor", "gye-mar", "Especialista de Control Posterior", "es"),
    ("gabriela.muestra@ngn.example", "Gabriela Muestra Ortiz", "uio", "Analista Jurídica", "es"),
]

ADMIN_EMAIL = "admin@ngn.example"
ADMIN_NAME = "Admin Demo Sistema"


def _ensure_user(
    email: str, full_name: str, *, language: str = "es", staff: bool = False, superuser: bool = False
) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            full_name=full_name,
            preferred_language=language,
            is_staff=staff,
            is_superuser=superuser,
        )
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def load() -> None:
    offices = {
        code: Office.objects.get_or_create(code=code, defaults={"name": name, "city": city})[0]
        for code, name, city in OFFICES
    }
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)

    _ensure_user(ADMIN_EMAIL, ADMIN_NAME, staff=True, superuser=True)

    for email, full_name, office_code, position, language in FOUNDERS:
        is_coordinator = email == "coordinator@ngn.example"
        user = _ensure_user(email, full_name, language=language, staff=is_coordinator)
        if is_coordinator:
            user.groups.add(coordinators)
        Member.objects.get_or_create(
            user=user,
            defaults={
                "office": offices[office_code],
                "position_title": position,
                "joined_on": FOUNDING_DAY,
                "cohort": FOUNDING_COHORT,
                "status": MemberStatus.ACTIVE,
            },
        )
