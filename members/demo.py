"""Demo data for the members app: Ecuador Customs' offices and the network's founders.

Every person here is invented; the surnames (Demo, Ejemplo, Ficticio, Prueba, Muestra)
make that visible on every page. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import ApplicationStatus, Member, MembershipApplication, MemberStatus, Office, User, Visibility
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

# Profile details for the founders: (date of birth, entered the service, phone, skills, bio).
FOUNDER_PROFILE: dict[str, tuple[dt.date, dt.date, str, str, str]] = {
    "coordinator@ngn.example": (
        dt.date(1991, 4, 12),
        dt.date(2014, 2, 3),
        "+593 4 555 0101",
        "integridad, facilitación, gestión de proyectos",
        "Coordina la red desde la Matriz. Le interesa la cultura organizacional y la ética pública.",
    ),
    "member@ngn.example": (
        dt.date(1995, 9, 30),
        dt.date(2018, 6, 1),
        "+593 4 555 0102",
        "aforo, comercio exterior, fotografía",
        "Trabaja en el despacho marítimo de Guayaquil y prepara la comunicación de la red.",
    ),
}

# Members who joined after the founding, across the districts: (first name, surname, office code, position, year).
LATER_MEMBERS: list[tuple[str, str, str, str, int]] = [
    ("Adriana", "Demo Paredes", "gye-mar", "Técnica Operadora Aduanera", 2023),
    ("Bruno", "Ejemplo Castro", "gye-aer", "Inspector Aduanero", 2023),
    ("Carolina", "Ficticia Vera", "uio", "Analista de Riesgos", 2023),
    ("Darío", "Prueba Mendoza", "mec", "Técnico de Despacho", 2023),
    ("Elena", "Muestra Zambrano", "esm", "Analista de Valoración", 2023),
    ("Fernando", "Demo Cabrera", "pbo", "Técnico de Vigilancia", 2023),
    ("Gloria", "Ejemplo Ponce", "huq", "Especialista en Frontera", 2023),
    ("Hugo", "Ficticio Benítez", "tul", "Inspector Aduanero", 2023),
    ("Isabel", "Prueba Calle", "lma", "Analista Tributaria", 2023),
    ("Javier", "Muestra Ochoa", "cue", "Técnico de Despacho", 2023),
    ("Karina", "Demo Villacís", "ltg", "Analista de Talento Humano", 2023),
    ("Luis", "Ejemplo Guerrero", "hq", "Analista Jurídico", 2023),
    ("Mónica", "Ficticia Arias", "gye-mar", "Especialista de Control Posterior", 2024),
    ("Nicolás", "Prueba Cevallos", "gye-aer", "Técnico Operador Aduanero", 2024),
    ("Olga", "Muestra Yánez", "uio", "Analista de Riesgos", 2024),
    ("Pablo", "Demo Intriago", "mec", "Inspector Aduanero", 2024),
    ("Rocío", "Ejemplo Bravo", "esm", "Técnica de Despacho", 2024),
    ("Sebastián", "Ficticio Espinoza", "pbo", "Analista de Valoración", 2024),
    ("Tatiana", "Prueba Macías", "huq", "Técnica de Vigilancia", 2024),
    ("Ulises", "Muestra Narváez", "tul", "Especialista en Frontera", 2024),
    ("Verónica", "Demo Sarmiento", "lma", "Analista Tributaria", 2024),
    ("Wilson", "Ejemplo Tapia", "cue", "Técnico de Despacho", 2024),
    ("Ximena", "Ficticia Pazmiño", "ltg", "Inspectora Aduanera", 2024),
    ("Yolanda", "Prueba Rivas", "hq", "Analista de Planificación", 2024),
    ("Zacarías", "Muestra León", "gye-mar", "Técnico Operador Aduanero", 2024),
]
LATER_SKILLS = ["análisis de riesgo", "inglés", "capacitación", "datos", "comunicación", "control posterior"]

# Applications waiting for the coordinators: (name, email, office, position, born, entered the service).
PENDING_APPLICATIONS: list[tuple[str, str, str, str, dt.date, dt.date]] = [
    (
        "Alicia Prueba Solano",
        "alicia.solano@ngn.example",
        "uio",
        "Técnica de Despacho",
        dt.date(1998, 3, 2),
        dt.date(2021, 5, 3),
    ),
    (
        "Marco Ejemplo Rendón",
        "marco.rendon@ngn.example",
        "mec",
        "Inspector Aduanero",
        dt.date(1996, 7, 19),
        dt.date(2019, 9, 1),
    ),
    # Outside the rules (older than 35, long in the service): the review page warns about it.
    (
        "Ramiro Muestra Vélez",
        "ramiro.velez@ngn.example",
        "cue",
        "Jefe de Despacho",
        dt.date(1980, 1, 15),
        dt.date(2004, 3, 1),
    ),
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


def _fill_blank(member: Member, values: dict[str, object]) -> None:
    """Fill the profile fields that are still empty; a second run (or a member's own edit) is left alone."""
    changed = [name for name, value in values.items() if getattr(member, name) in (None, "")]
    for name in changed:
        setattr(member, name, values[name])
    if changed:
        member.save(update_fields=changed)


def _load_later_members(offices: dict[str, Office]) -> None:
    for index, (first, surname, office_code, position, year) in enumerate(LATER_MEMBERS):
        email = f"{first.lower()}.{surname.split()[1].lower()}@ngn.example".translate(str.maketrans("áéíóúñ", "aeioun"))
        user = _ensure_user(email, f"{first} {surname}")
        member, _ = Member.objects.get_or_create(
            user=user,
            defaults={
                "office": offices[office_code],
                "position_title": position,
                "joined_on": dt.date(year, 1 + index % 12, 1 + index % 27),
                "cohort": f"Cohorte {year}",
                "status": MemberStatus.ACTIVE,
                "phone_visibility": Visibility.MEMBERS if index % 2 else Visibility.COORDINATORS,
            },
        )
        # One of them has grown past the age rule, so the coordinators' list of alumni candidates has an entry.
        born_year = 1988 if index == 11 else 1991 + index % 9
        _fill_blank(
            member,
            {
                "date_of_birth": dt.date(born_year, 1 + index % 12, 1 + (index * 3) % 27),
                "service_started_on": dt.date(2016 + index % 8, 1 + (index * 5) % 12, 1 + index % 27),
                "phone": f"+593 9 555 {1000 + index}",
                "skills": ", ".join(sorted({LATER_SKILLS[index % 6], LATER_SKILLS[(index + 2) % 6]})),
            },
        )


def _load_pending_applications(offices: dict[str, Office]) -> None:
    for full_name, email, office_code, position, born, started in PENDING_APPLICATIONS:
        if MembershipApplication.objects.filter(email=email).exists() or User.objects.filter(email=email).exists():
            continue
        MembershipApplication.objects.create(
            full_name=full_name,
            email=email,
            office=offices[office_code],
            position_title=position,
            service_started_on=started,
            date_of_birth=born,
            motivation="Quiero aportar a la cultura de integridad de mi distrito y aprender de otros colegas.",
            consent=True,
            status=ApplicationStatus.SUBMITTED,
        )


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
        member, _ = Member.objects.get_or_create(
            user=user,
            defaults={
                "office": offices[office_code],
                "position_title": position,
                "joined_on": FOUNDING_DAY,
                "cohort": FOUNDING_COHORT,
                "status": MemberStatus.ACTIVE,
            },
        )
        index = len(full_name)
        born, started, phone, skills, bio = FOUNDER_PROFILE.get(
            email,
            (
                dt.date(1991 + index % 8, 1 + index % 12, 1 + index % 27),
                dt.date(2016 + index % 7, 1 + (index * 7) % 12, 1 + (index * 3) % 27),
                f"+593 9 555 0{100 + index}",
                ", ".join(sorted({LATER_SKILLS[index % 6], LATER_SKILLS[(index + 3) % 6]})),
                "",
            ),
        )
        _fill_blank(
            member,
            {"date_of_birth": born, "service_started_on": started, "phone": phone, "skills": skills, "bio": bio},
        )

    _load_later_members(offices)
    _load_pending_applications(offices)
