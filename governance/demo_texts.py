"""The demo Terms of Reference, written for this portal in both languages.

v1.0 is the full text; v0.1 (the workshop draft) and v1.1 (the text now in consultation) are derived from it by the
edits listed below, so that the diff pages show real, readable changes.
"""

from __future__ import annotations

TOR_V1_ES = """# Términos de referencia de la Red de Nueva Generación (NGN) de la Aduana del Ecuador

## Propósito y misión

La Red de Nueva Generación reúne a servidoras y servidores jóvenes del Servicio Nacional de Aduana del Ecuador (SENAE)
que quieren que la integridad sea la forma normal de trabajar. La red nace del taller del 28 de noviembre al 2 de
diciembre de 2022 y sigue la Declaración de Arusha revisada de la OMA, en especial su factor "Moral y cultura
organizacional".

Nuestra misión es:

- dar voz a quienes empiezan su carrera en la aduana;
- proponer y ejecutar acciones concretas contra la corrupción;
- tender puentes entre las nuevas generaciones y la dirección de la institución.

## Membresía y elegibilidad

Puede formar parte de la red toda persona que trabaje en el SENAE, tenga hasta 35 años o hasta 5 años de servicio, y
presente una solicitud que la coordinación apruebe. La participación es voluntaria y no reemplaza las funciones del
puesto.

Cada miembro se compromete a leer estos términos, confirmar en el portal la versión vigente y actuar con integridad.

## Salida y exmiembros

Un miembro puede dejar la red cuando lo desee, avisando a la secretaría. Quien supera los requisitos de edad o de
años de servicio pasa a ser exmiembro (alumni): puede seguir como mentor, pero no vota.

## Roles y responsabilidades

- **Presidencia:** conduce la red, convoca las reuniones y rinde cuentas al patrocinador ejecutivo.
- **Vicepresidencia:** apoya a la presidencia y la reemplaza cuando hace falta.
- **Secretaría:** prepara las agendas, redacta y publica las actas y lleva el registro de asistencia.
- **Comunicación:** mantiene informados a los miembros y a la institución.
- **Representantes distritales:** llevan la voz de cada distrito aduanero.
- **Patrocinador ejecutivo:** una autoridad del SENAE que respalda a la red y recibe sus informes.
- **Mentores:** acompañan a los miembros nuevos.

## Períodos de funciones

Los cargos duran 12 meses, salvo el patrocinador ejecutivo, que dura 24. Nadie puede ocupar el mismo cargo más de dos
períodos consecutivos.

## Reuniones y asamblea general anual

La red se reúne al menos una vez por trimestre. Cada año celebra una asamblea general que elige los cargos, revisa
estos términos, aprueba el plan de acción anual y escucha el informe de la presidencia.

## Quórum y decisiones

Hay quórum cuando asiste al menos el 25 % de los miembros activos, con un mínimo de cinco personas. Las decisiones se
toman por mayoría de los presentes; en caso de empate decide la presidencia.

## Secretaría e informes al patrocinador

La secretaría publica el acta de cada reunión en el portal dentro de los siete días siguientes. La presidencia informa
al patrocinador ejecutivo una vez al año.

## Enmiendas

Estos términos son un documento vivo. Se revisan cada año, se modifican después de una consulta abierta a todos los
miembros y se aprueban por decisión de una reunión con quórum.
"""

TOR_V1_EN = """# Terms of Reference of the Next Generation Network (NGN) of Ecuador Customs

## Purpose and mission

The Next Generation Network brings together young officials of Ecuador's National Customs Service (SENAE) who want
integrity to be the normal way of working. The network was born at the workshop held from 28 November to 2 December
2022 and follows the WCO Revised Arusha Declaration, in particular its key factor "Morale and Organizational Culture".

Our mission is:

- to give a voice to those starting their careers in customs;
- to propose and carry out concrete actions against corruption;
- to build bridges between the new generations and the leadership of the institution.

## Membership and eligibility

Anyone who works at SENAE, is 35 or younger or has up to 5 years of service, and applies with the approval of the
coordinators may join the network. Taking part is voluntary and does not replace the duties of the post.

Each member undertakes to read these terms, to confirm the current version in the portal and to act with integrity.

## Leaving and alumni

A member may leave the network at any time by telling the secretariat. Whoever no longer meets the age or service
requirements becomes an alumnus: they may stay on as a mentor, but do not vote.

## Roles and responsibilities

- **Chair:** leads the network, calls the meetings and reports to the executive sponsor.
- **Vice-chair:** supports the chair and stands in when needed.
- **Secretary:** prepares agendas, writes and publishes the minutes and keeps the attendance record.
- **Communications lead:** keeps members and the institution informed.
- **District representatives:** carry the voice of each customs district.
- **Executive sponsor:** a senior SENAE official who backs the network and receives its reports.
- **Mentors:** accompany new members.

## Terms of office

Positions are held for 12 months, except the executive sponsor, who serves 24. Nobody may hold the same position for
more than two consecutive terms.

## Meetings and AGM

The network meets at least once a quarter. Each year it holds an annual general meeting that elects the positions,
reviews these terms, approves the yearly action plan and hears the chair's report.

## Quorum and decisions

There is a quorum when at least 25% of active members attend, with a minimum of five people. Decisions are taken by a
majority of those present; in a tie, the chair decides.

## Secretariat and reporting to the sponsor

The secretariat publishes the minutes of each meeting in the portal within seven days. The chair reports to the
executive sponsor once a year.

## Amendment

These terms are a living document. They are reviewed every year, changed after a consultation open to all members, and
approved by a decision of a meeting with quorum.
"""

# The workshop draft (v0.1): before the network had settled its numbers.
DRAFT_EDITS = [
    (
        "tenga hasta 35 años o hasta 5 años de servicio, y\npresente una solicitud que la coordinación apruebe",
        "sea joven y quiera participar,\ncon el visto bueno de su jefatura",
    ),
    (
        "is 35 or younger or has up to 5 years of service, and applies with the approval of the\ncoordinators",
        "is young and wants to take part,\nwith the agreement of their manager",
    ),
    ("al menos el 25 % de los miembros activos, con un mínimo de cinco personas", "la mitad de los miembros"),
    ("at least 25% of active members attend, with a minimum of five people", "half of the members attend"),
]

# The proposal now in consultation (v1.1): half-yearly reporting, hybrid meetings, a broader eligibility.
CONSULTATION_EDITS = [
    ("hasta 5 años de servicio", "hasta 7 años de servicio"),
    ("up to 5 years of service", "up to 7 years of service"),
    (
        "La red se reúne al menos una vez por trimestre.",
        "La red se reúne al menos una vez por trimestre, en persona o en línea, y las reuniones híbridas valen igual.",
    ),
    (
        "The network meets at least once a quarter.",
        "The network meets at least once a quarter, in person or online; hybrid meetings count the same.",
    ),
    ("informa\nal patrocinador ejecutivo una vez al año.", "informa\nal patrocinador ejecutivo cada seis meses."),
    ("reports to the\nexecutive sponsor once a year.", "reports to the\nexecutive sponsor every six months."),
]


def apply(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        if old in text:
            text = text.replace(old, new)
    return text
