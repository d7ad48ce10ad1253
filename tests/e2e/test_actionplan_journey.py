"""An owner reports progress with evidence; the overview rolls it up; a coordinator downloads the report."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from actionplan import demo as actionplan_demo
from actionplan.models import ActionPlan, Activity, ProgressUpdate
from actionplan.progress import plan_figures
from members import demo as members_demo
from members.demo import DEMO_PASSWORD


@pytest.fixture
def demo_plan(transactional_db, settings):
    settings.DEBUG = True
    members_demo.load()
    actionplan_demo.load()
    return ActionPlan.objects.get(title_es="Plan de acción 2024")


@pytest.fixture
def evidence_pdf(tmp_path):
    from weasyprint import HTML

    path = tmp_path / "acta-sesion-cohorte.pdf"
    path.write_bytes(HTML(string="<h1>Acta</h1><p>Sesión de bienvenida a la cohorte 2024.</p>").write_pdf())
    return path


def _sign_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hola")


def test_owner_updates_and_coordinator_downloads_the_report(demo_plan, evidence_pdf, live_server, page: Page, tmp_path):
    base = live_server.url
    _sign_in(page, base, "member@ngn.example")

    # 1. "My activities" on the dashboard, then the full list.
    panel = page.locator("section", has=page.get_by_role("heading", name="Mis actividades"))
    expect(panel).to_contain_text("A2.5 Incorporar a la cohorte 2024")
    panel.get_by_role("link", name=re.compile(r"Ver (sus|su)")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mis actividades")
    page.get_by_role("link", name="A2.5 Incorporar a la cohorte 2024").click()

    # 2. An update with evidence (a small real PDF).
    page.get_by_label("Porcentaje de avance").fill("80")
    page.get_by_label("Qué se hizo").fill("Sesión de bienvenida realizada con la nueva cohorte.")
    page.get_by_label("O adjunte la evidencia").set_input_files(str(evidence_pdf))
    page.get_by_role("button", name="Registrar el avance").click()
    expect(page.get_by_role("status")).to_contain_text("Su avance quedó registrado.")
    expect(page.get_by_test_id("activity-progress")).to_contain_text("80")
    history = page.get_by_test_id("update-history")
    expect(history).to_contain_text("Sesión de bienvenida realizada")
    expect(history.get_by_role("link", name=re.compile("acta-sesion-cohorte.pdf"))).to_be_visible()
    update = ProgressUpdate.objects.get(activity__code="A2.5", percent=80)
    assert update.evidence_content_type == "application/pdf"

    # 3. The overview shows the new roll-up and RAG counts, as progress.py computes them.
    figures = plan_figures(demo_plan, today=timezone.localdate())
    page.get_by_role("link", name="Plan de acción 2024").first.click()
    expect(page.get_by_test_id("plan-progress")).to_have_text(f"{figures.progress}%")
    for rag, count in figures.rag_counts.items():
        expect(page.get_by_test_id(f"rag-{rag}")).to_have_text(str(count))
    a25 = Activity.objects.with_progress().get(code="A2.5", objective__plan=demo_plan)
    assert a25.latest_percent == 80
    page.context.clear_cookies()  # the owner leaves; the coordinator signs in on the same browser

    # 4. A coordinator downloads the PDF progress report.
    _sign_in(page, base, "coordinator@ngn.example")
    page.goto(base + "/plan/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Informe de avance (PDF)").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert download.suggested_filename.endswith(".pdf")
    assert target.read_bytes().startswith(b"%PDF-")
