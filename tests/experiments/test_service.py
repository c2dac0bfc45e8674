"""Experiments through the service, on the tests' fixed 'now' (24 Nov 2026, 09:00 London):
the run-in gate, the randomised schedule stored before night 1, tonight's assignment and its
tap, the automatic stops, one experiment at a time, magnesium's tick, and the result."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.daylog import service as daylog_service
from nightcramps.errors import Conflict, Invalid
from nightcramps.experiments import service
from nightcramps.experiments.models import ExperimentNight
from nightcramps.owner import Owner
from nightcramps.report import service as report_service
from tests.experiments.conftest import TONIGHT, finished, log_nights, morning_after, start


def test_gate_passes_on_the_last_14_nights_and_night_1_is_tonight(
    session: Session, with_run_in: Owner, now: datetime
) -> None:
    checked = service.gate(session=session, owner=with_run_in, end=TONIGHT - timedelta(days=1))
    assert (checked.logged_nights, checked.cramp_nights, checked.passed) == (14, 7, True)
    experiment = start(session, with_run_in, now)
    assert experiment.status == "running"
    assert experiment.starts_on == TONIGHT
    assert experiment.run_in_starts_on == TONIGHT - timedelta(days=14)
    assert experiment.ends_on == TONIGHT + timedelta(days=111)  # 8 blocks x 2 x 7 nights
    assert experiment.run_in_cramps_per_night == 0.5


def test_gate_fails_without_enough_nights_and_a_run_in_comes_first(
    session: Session, owner: Owner, now: datetime
) -> None:
    log_nights(session, owner, [(TONIGHT - timedelta(days=i), 1) for i in range(1, 6)], now=now)
    checked = service.gate(session=session, owner=owner, end=TONIGHT - timedelta(days=1))
    assert not checked.passed
    assert "5 of the last 14 nights are logged (at least 12)" in checked.message
    experiment = start(session, owner, now)
    assert experiment.status == "run_in"
    assert experiment.starts_on == TONIGHT + timedelta(days=14)
    card = service.tonight_card(session=session, owner=owner, now=now)
    assert card is not None and card.line.startswith("Run-in: change nothing tonight")
    # At the run-in's end, a run-in that was not logged stops it, saying why.
    later = morning_after(experiment.starts_on - timedelta(days=1))
    refreshed = service.get_experiment(
        session=session, owner=owner, experiment_id=experiment.id, now=later
    )
    assert refreshed.status == "stopped"
    assert refreshed.stopped_by == "automatic"
    assert "end of the run-in" in refreshed.stop_reason


def test_the_randomised_sequence_and_its_hash_are_stored_before_night_1(
    session: Session, with_run_in: Owner, now: datetime
) -> None:
    experiment = start(session, with_run_in, now)
    stored = session.scalars(
        select(ExperimentNight)
        .where(ExperimentNight.experiment_id == experiment.id)
        .order_by(ExperimentNight.day)
    ).all()
    assert len(stored) == 112
    assert stored[0].day == experiment.starts_on and stored[-1].day == experiment.ends_on
    assert all(n.adhered is None for n in stored)
    assert len(experiment.sequence_hash) == 64
    # Each block holds one period of each arm; washout nights open each period.
    for block in range(8):
        arms = {n.arm for n in stored[block * 14 : block * 14 + 14]}
        assert arms == {"A", "B"}
    assert [n.washout for n in stored[:7]] == [True, True, False, False, False, False, False]


def test_tonights_assignment_and_the_adherence_tap(
    session: Session, with_run_in: Owner, now: datetime
) -> None:
    experiment = start(session, with_run_in, now)
    first = experiment.nights[0]
    card = service.tonight_card(session=session, owner=with_run_in, now=now)
    assert card is not None
    expected = "Tonight: stretch" if first.arm == "A" else "Tonight: as usual"
    assert card.line == expected
    assert card.adhered is None
    service.set_adherence(
        session=session,
        owner=with_run_in,
        experiment_id=experiment.id,
        day=TONIGHT,
        adhered=True,
        now=now,
    )
    card = service.tonight_card(session=session, owner=with_run_in, now=now)
    assert card is not None and card.adhered is True
    with pytest.raises(Invalid, match="has not begun yet"):
        service.set_adherence(
            session=session,
            owner=with_run_in,
            experiment_id=experiment.id,
            day=TONIGHT + timedelta(days=1),
            adhered=True,
            now=now,
        )
    shown = service.to_public(session=session, owner=with_run_in, experiment=experiment, now=now)
    assert shown.nights_left == 112  # tonight has not ended yet
    assert not hasattr(shown, "rate_ratio_median")  # no running effect


def test_a_second_experiment_is_refused_with_the_reason(
    session: Session, with_run_in: Owner, now: datetime
) -> None:
    first = start(session, with_run_in, now)
    with pytest.raises(Conflict, match="one at a time") as refused:
        start(session, with_run_in, now, "fluids")
    assert str(first.id) in refused.value.message


def test_magnesium_needs_the_doctor_tick(
    session: Session, with_run_in: Owner, now: datetime
) -> None:
    with pytest.raises(Invalid, match="agreed with my doctor"):
        start(session, with_run_in, now, "magnesium")
    accounts_service.update_profile(
        session=session,
        person=accounts_service.get_person(session=session, person_id=with_run_in.person_id),
        profile_in=ProfileUpdate(kidney_disease="stage_3"),
    )
    session.commit()
    with pytest.raises(Invalid, match="names kidney disease"):
        start(session, with_run_in, now, "magnesium")
    experiment = start(session, with_run_in, now, "magnesium", doctor_agreed=True)
    assert (experiment.period_nights, experiment.washout_nights, experiment.blocks) == (14, 7, 6)
    assert experiment.doctor_agreed


def test_automatic_stop_for_low_adherence_in_two_periods(
    session: Session, with_run_in: Owner, now: datetime
) -> None:
    experiment = start(session, with_run_in, now)
    for night in experiment.nights[:14]:
        night.adhered = False
    session.commit()
    later = morning_after(experiment.nights[13].day)
    stopped = service.get_experiment(
        session=session, owner=with_run_in, experiment_id=experiment.id, now=later
    )
    assert stopped.status == "stopped"
    assert "periods 1 and 2" in stopped.stop_reason


def test_automatic_stop_for_a_cramp_medicine_started(
    session: Session, with_run_in: Owner, now: datetime
) -> None:
    from nightcramps.daylog.schemas import MedicineCreate

    experiment = start(session, with_run_in, now)
    daylog_service.log_entry(
        session=session,
        owner=with_run_in,
        kind=daylog_service.MEDICINE,
        entry_in=MedicineCreate(name="hydrochlorothiazide", started_on=TONIGHT + timedelta(days=3)),
        now=morning_after(TONIGHT + timedelta(days=3)),
    )
    session.commit()
    later = morning_after(TONIGHT + timedelta(days=3))
    stopped = service.get_experiment(
        session=session, owner=with_run_in, experiment_id=experiment.id, now=later
    )
    assert stopped.status == "stopped"
    assert "hydrochlorothiazide" in stopped.stop_reason.lower()


def test_a_checkup_warning_stops_it(session: Session, with_run_in: Owner, now: datetime) -> None:
    experiment = start(session, with_run_in, now)
    service.stop_for_checkup(session=session, owner=with_run_in, titles=["Leg swelling"], now=now)
    assert experiment.status == "stopped"
    assert "warning sign (Leg swelling)" in experiment.stop_reason


def test_stop_button_keeps_the_reason(session: Session, with_run_in: Owner, now: datetime) -> None:
    experiment = start(session, with_run_in, now)
    with pytest.raises(Invalid, match="Say why"):
        service.stop(
            session=session, owner=with_run_in, experiment_id=experiment.id, reason=" ", now=now
        )
    service.stop(
        session=session,
        owner=with_run_in,
        experiment_id=experiment.id,
        reason="Going on holiday",
        now=now,
    )
    assert (experiment.status, experiment.stopped_by) == ("stopped", "person")
    assert experiment.stop_reason == "Going on holiday"
    result = service.results(
        session=session, owner=with_run_in, experiment_id=experiment.id, now=now
    )
    assert result.verdict == "inconclusive"
    assert result.sentence == "Bedtime stretching: inconclusive: the nights logged cannot tell."
    assert (
        "Going on holiday. The result covers only the nights before the stop."
        in (result.caveats[0])
    )


def test_no_result_before_the_end(session: Session, with_run_in: Owner, now: datetime) -> None:
    experiment = start(session, with_run_in, now)
    with pytest.raises(Conflict, match="once the experiment ends"):
        service.results(session=session, owner=with_run_in, experiment_id=experiment.id, now=now)


def test_results_after_the_end_and_in_the_report(
    session: Session, with_run_in: Owner, now: datetime
) -> None:
    experiment_id, after = finished(session, with_run_in, now)
    result = service.results(
        session=session, owner=with_run_in, experiment_id=experiment_id, now=after
    )
    assert result.status == "finished"
    assert result.sentence.startswith("Bedtime stretching: ")
    assert "probability of at least 20% fewer" in result.sentence
    assert result.rule.startswith("Declared before night 1")
    assert len(result.periods) == 16
    assert all(p.adherence_percent == 100 for p in result.periods)
    assert {p.cramps for p in result.periods if p.arm == "A"} == {0}
    assert any("27.8%" in c for c in result.caveats)
    assert result.sensitivity == (
        "No night is missing, so nothing depends on the nights not logged."
    )
    assert result.per_protocol == "Verdict: likely helps you."
    assert not any("quinine" in c.lower() or "tonic" in c.lower() for c in result.caveats)
    end = date.fromordinal(after.date().toordinal() - 1)
    report = report_service.build_report(
        session=session, owner=with_run_in, start=end - timedelta(days=83), end=end, now=after
    )
    assert report.experiment is not None
    assert report.experiment.design.startswith("Bedtime stretching against the usual routine")
    assert report.experiment.verdict == result.sentence


def test_one_experiment_per_person_counted(
    session: Session, with_run_in: Owner, now: datetime
) -> None:
    start(session, with_run_in, now)
    count = session.scalar(select(func.count()).select_from(ExperimentNight))
    assert count == 112
