"""Journey 6: a coordinator exports the directory (the filtered list, as CSV) and downloads the plan's PDF report."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import Page, expect

from audit.models import AuditEntry
from tests.actionplan.factories import ActivityFactory, ObjectiveFactory
from tests.factories import MemberFactory, OfficeFactory

from .helpers import sign_in


def test_coordinator_exports_the_directory_and_the_plan_report(transactional_db, live_server, page: Page, tmp_path):
    quito = OfficeFactory(name="Distrito Quito Prueba")
    coordinator = MemberFactory(user__coordinator=True, user__full_name="Carla Coordinadora Prueba", office=quito)
    MemberFactory(user__full_name="Ana Quito Ejemplo", office=quito)
    MemberFactory(user__full_name="Bruno Guayaquil Ejemplo", office=OfficeFactory(name="Distrito Guayaquil Prueba"))
    objective = ObjectiveFactory(title_es="Fortalecer la red", plan__title_es="Plan de acción de prueba")
    ActivityFactory(objective=objective, title="Taller de integridad", owner=coordinator)
    sign_in(page.context, live_server.url, coordinator.user)
    base = live_server.url

    # 1. The directory, narrowed to one office, exported exactly as shown.
    page.goto(base + "/")
    page.get_by_role("navigation", name="Navegación principal").get_by_role("link", name="Miembros").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Miembros")
    page.get_by_label("Oficina").select_option(label=str(quito))
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page.get_by_role("status")).to_contain_text("2 miembros")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Exportar CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("ngn-members-") and download.suggested_filename.endswith(".csv")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    exported = "\n".join(",".join(row) for row in rows[1:])
    assert len(rows) == 3, rows  # a header and the two members of that office
    assert "Ana Quito Ejemplo" in exported and "Carla Coordinadora Prueba" in exported
    assert "Bruno Guayaquil Ejemplo" not in exported
    assert AuditEntry.objects.filter(action__startswith="members.", actor=coordinator.user).exists()

    # 2. The plan's progress report, as a real PDF.
    page.get_by_role("navigation", name="Navegación principal").get_by_role("link", name="Plan de acción").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan de acción de prueba")  # the current plan
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Informe de avance (PDF)").click()
    report = download_info.value
    assert report.suggested_filename.endswith(".pdf")
    pdf = tmp_path / report.suggested_filename
    report.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
