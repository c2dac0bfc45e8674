"""Red-flag screening: pure rules over questionnaire answers, the profile and diary facts. No I/O.

Every warning sign named by the four sources the check-up is reviewed against (NICE CKS *Leg
cramps*; Allen & Kirby, Am Fam Physician 2012; BMJ Best Practice *Muscle cramps*; Garrison et al.,
Arch Intern Med 2012) is either a question (``QUESTIONS``) or a diary rule (``DIARY_RULES``), with
the urgency its source gives. A sign says what it *can* mean and who should check; it never says
what the person has, and never says to stop a medicine.

Questions are adapted to the profile (:class:`nightcramps.conditions.Conditions`): pregnancy
questions are asked only in pregnancy, the questions about symptoms of an undiagnosed condition
give way to a note for the team that looks after it once the person has said they have it, and a
message names what on the medicines list makes a sign more likely.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal, Protocol

from nightcramps.conditions import Conditions
from nightcramps.constants import LONG_CRAMP_MIN
from nightcramps.guidance import constants as c
from nightcramps.guidance.citations import cite

Urgency = Literal["emergency", "today", "soon", "next visit"]
URGENCIES: tuple[Urgency, ...] = ("emergency", "today", "soon", "next visit")
"""Most urgent first."""

URGENCY_HEADLINES: dict[Urgency, str] = {
    "emergency": "Get emergency help now",
    "today": "Get medical help today",
    "soon": "See a doctor about your cramps",
    "next visit": "Mention this at your next doctor's visit",
}

URGENCY_ACTIONS: dict[Urgency, str] = {
    "emergency": "Call 999 (UK), 911 (US) or your local emergency number, or go to an emergency "
    "department now.",
    "today": "Contact your doctor's surgery for an appointment today, call NHS 111 (UK), or go to "
    "an urgent care centre. If you cannot reach anyone and feel worse, call an emergency number.",
    "soon": "Book an appointment with your doctor in the next week or two.",
    "next visit": "Bring it up the next time you see your doctor, nurse or pharmacist.",
}
"""What each level asks the person to do, shown under the headline (page and CLI)."""

SAFETY_NET = "If cramps persist or worry you, see a doctor anyway."
"""The line the check-up ends with (page and CLI): the questions do not cover everything."""

Source = Literal["checkup", "diary", "profile"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A red flag that was found."""

    key: str
    urgency: Urgency
    title: str
    message: str
    citations: tuple[str, ...]
    """Keys into ``citations.CITATIONS``."""
    source: Source
    detail: str = ""
    """What in the diary or the profile raised it, e.g. "A 15-minute cramp on the night of Sun 23
    Nov"."""

    @property
    def citation(self) -> str:
        """The sources in short form."""
        return cite(*self.citations)

    @classmethod
    def of(
        cls, sign: Sign, *, source: Source, detail: str = "", message: str | None = None
    ) -> Finding:
        """The finding a question, diary rule or profile note raises (``message`` replaces the
        sign's own, e.g. with a sentence for this profile added)."""
        return cls(
            key=sign.key,
            urgency=sign.urgency,
            title=sign.title,
            message=sign.message if message is None else message,
            citations=sign.citations,
            source=source,
            detail=detail,
        )


class Sign(Protocol):
    """What questions, diary rules and profile notes have in common: a warning sign."""

    @property
    def key(self) -> str: ...
    @property
    def urgency(self) -> Urgency: ...
    @property
    def title(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def citations(self) -> tuple[str, ...]: ...


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Most urgent first; the same flag from the questionnaire and the diary is kept once each."""
    return sorted(findings, key=lambda f: (URGENCIES.index(f.urgency), f.source, f.key))


def worst_urgency(findings: Sequence[Finding]) -> Urgency | None:
    """The most urgent level among ``findings``; None when there are none."""
    levels = [URGENCIES.index(f.urgency) for f in findings]
    return URGENCIES[min(levels)] if levels else None


# ---------------------------------------------------------------------------- the questionnaire

Applies = Callable[[Conditions], bool]
Adapt = Callable[[Conditions], str]


def _always(_: Conditions) -> bool:
    return True


def _pregnant_from_20_weeks(person: Conditions) -> bool:
    """Pregnant, at 20 weeks or more or at a week not given (the signs of pre-eclampsia)."""
    return person.pregnant and (person.pregnancy_week is None or person.pregnancy_week >= 20)


def _no_known(attribute: str) -> Applies:
    """Asked unless the person has said they have the condition (then the team knows of it)."""

    def applies(person: Conditions) -> bool:
        return getattr(person, attribute) is not True

    applies.__doc__ = f"Unless {attribute.replace('_', ' ')} is on the profile."
    return applies


def _known(attribute: str) -> Applies:
    def applies(person: Conditions) -> bool:
        return getattr(person, attribute) is True

    applies.__doc__ = f"When {attribute.replace('_', ' ')} is on the profile."
    return applies


def _diuretic_note(person: Conditions) -> str:
    if not person.on_diuretic:
        return ""
    return (
        " Your medicines list has a diuretic; some diuretics lower potassium, which is one "
        "reason a doctor will want a blood test."
    )


def _low_sodium_note(person: Conditions) -> str:
    if not ({"thiazide_diuretic", "diuretic"} & person.medicine_classes):
        return ""
    return (
        " Your medicines list has a diuretic; thiazide-type diuretics are a common cause of "
        "low sodium, so mention it."
    )


def _clot_note(person: Conditions) -> str:
    if not person.pregnant:
        return ""
    return (
        " Clots in the leg are more likely during pregnancy and in the weeks after birth, so do "
        "not wait: your maternity unit or midwife can see you today."
    )


def _artery_note(person: Conditions) -> str:
    if not ((person.age is not None and person.age >= 50) or person.diabetes):
        return ""
    return (
        " Narrowed leg arteries are more common from 50 and with diabetes or smoking, so do "
        "not put this off."
    )


def _no_note(_: Conditions) -> str:
    return ""


@dataclass(frozen=True, slots=True)
class Question:
    """One question of the check-up, and what a "yes" means."""

    key: str
    label: str
    urgency: Urgency
    title: str
    message: str
    citations: tuple[str, ...]
    """Keys into ``citations.CITATIONS``: a source that names the sign, and where the urgency
    comes from a guideline of its own (pre-eclampsia, limb ischaemia ...), that guideline."""
    only_if: str | None = None
    """Asked (and counted) only when the question with this key was answered yes."""
    applies: Applies = _always
    """Asked only for a profile this returns True for; its docstring says when, for the docs."""
    adapt: Adapt = _no_note
    """A sentence added to the message for this profile (e.g. the diuretic on the list)."""

    @property
    def asked_when(self) -> str:
        """When the question is asked, in words ("" when always)."""
        if self.applies is _always:
            return ""
        return (self.applies.__doc__ or "").strip()


QUESTIONS: tuple[Question, ...] = (
    # ------------------------------------------------------------------------------- emergency
    Question(
        key="cold_pale_leg",
        label="Has a leg or foot suddenly become cold, pale or blue, numb or weak, with severe "
        "pain?",
        urgency="emergency",
        title="A suddenly cold, pale or numb leg",
        message="A leg that suddenly turns cold, pale or numb and hurts badly can mean its blood "
        "supply has been cut off (acute limb ischaemia). It needs emergency treatment within "
        "hours.",
        citations=("nice_cg147", "nice_cks", "allen2012"),
    ),
    Question(
        key="saddle_numbness",
        label="Together with back or leg pain, do you have numbness around your bottom or "
        "genitals, new trouble passing urine or holding urine or stools, or weakness in both legs?",
        urgency="emergency",
        title="Numbness in the saddle area, bladder or bowel changes, or weakness in both legs",
        message="These signs together with back or leg pain can mean the nerves at the bottom of "
        "the spine are being pressed (cauda equina syndrome). It needs an emergency scan; do not "
        "wait to see if it passes.",
        citations=("girft2023", "allen2012"),
    ),
    Question(
        key="dark_urine",
        label="After hard exercise, heat, a fall or a crush injury, is your urine dark (brown, "
        "like tea or cola), with muscle pain, swelling or weakness?",
        urgency="emergency",
        title="Dark urine with muscle pain after exertion or injury",
        message="Dark urine with aching, swollen or weak muscles after exertion, heat or an "
        "injury can be a sign of muscle breakdown (rhabdomyolysis), which can harm the kidneys. "
        "It needs a blood test and treatment the same day in hospital.",
        citations=("torres2015", "bmj_bp"),
    ),
    Question(
        key="tetanus",
        label="Have you had a wound dirtied by soil, manure or rust in the last few weeks, and "
        "now have stiffness of the jaw or neck, or spasms?",
        urgency="emergency",
        title="Possible tetanus",
        message="Stiffness of the jaw or neck, or muscle spasms, after a dirty wound can be a "
        "sign of tetanus, which needs emergency treatment.",
        citations=("bmj_bp", "nhs", "mayo"),
    ),
    # ------------------------------------------------------------------------------- today
    # (a follow-up comes right after its question, whatever its own urgency)
    Question(
        key="calf_swelling",
        label="Leaving aside the soreness a cramp can leave for up to a day: is one calf "
        "swollen, red or warm, or does it have a new pain that keeps getting worse over hours or "
        "days instead of easing?",
        urgency="today",
        title="Calf swelling, redness or worsening pain",
        message="A swollen, red or warm calf, or a calf pain that keeps getting worse instead of "
        "easing, can be a sign of a blood clot in the leg (deep vein thrombosis), which should "
        "be checked by a doctor the same day. The ache after a bad cramp usually eases within a "
        "day.",
        citations=("nice_cks", "nice_ng158"),
        adapt=_clot_note,
    ),
    Question(
        key="calf_swelling_breathless",
        label="With that leg: are you short of breath, do you have chest pain, or have you "
        "coughed up blood?",
        urgency="emergency",
        title="A painful swollen leg with breathlessness or chest pain",
        message="Breathlessness, chest pain or coughing blood together with a swollen, painful "
        "leg can mean a clot has travelled to the lungs (pulmonary embolism), an emergency.",
        citations=("nice_ng158", "nice_cks"),
        only_if="calf_swelling",
    ),
    Question(
        key="preeclampsia",
        label="Do you have a bad headache that does not go away, problems with your sight "
        "(blurring, flashing lights), pain just below your ribs, vomiting, or sudden swelling of "
        "your face, hands or feet?",
        urgency="today",
        title="Possible signs of pre-eclampsia",
        message="From 20 weeks of pregnancy, these can be signs of pre-eclampsia, which needs a "
        "blood pressure and urine check the same day. Contact your midwife or maternity unit "
        "now, or call NHS 111 (UK).",
        citations=("nice_ng133", "bmj_bp"),
        applies=_pregnant_from_20_weeks,
    ),
    Question(
        key="rest_pain_foot",
        label="Do you have pain in a foot or toes while resting, often at night and eased by "
        "hanging the leg over the side of the bed, or sores or dark patches on the foot or toes "
        "that do not heal?",
        urgency="today",
        title="Foot pain at rest, or sores that do not heal",
        message="Pain in the foot at rest that eases when the leg hangs down, or sores and dark "
        "patches that do not heal, can mean the leg is not getting enough blood (critical limb "
        "ischaemia). A doctor should see you today and arrange an urgent vascular referral.",
        citations=("nice_cg147", "nice_cks"),
        adapt=_artery_note,
    ),
    Question(
        key="palpitations_weakness",
        label="With the cramps, do you have palpitations (a racing, pounding or irregular "
        "heartbeat) or new, marked weakness of your muscles?",
        urgency="today",
        title="Palpitations or marked weakness with the cramps",
        message="Cramps with palpitations or marked weakness can be a sign of low potassium, "
        "which can upset the heart rhythm. A doctor should check your blood today. If you "
        "faint or have chest pain, call an emergency number.",
        citations=("kardalas2018", "bmj_bp", "nice_cks"),
        adapt=_diuretic_note,
    ),
    Question(
        key="tingling_mouth",
        label="Do you have tingling around your mouth or in your fingers, or spasms that bend "
        "your hands or feet, especially after surgery on your neck (thyroid or parathyroid)?",
        urgency="today",
        title="Tingling around the mouth or hand spasms",
        message="Tingling around the mouth or in the fingers, or spasms of the hands and feet, "
        "can be signs of low calcium, which is most likely in the weeks after neck surgery. A "
        "doctor should check your blood today; call an emergency number in case of a fit or "
        "trouble breathing.",
        citations=("turner2016", "bmj_bp"),
    ),
    Question(
        key="confusion_nausea",
        label="With the cramps, have you become confused or unusually drowsy, or have a new "
        "headache, nausea or vomiting?",
        urgency="today",
        title="Confusion, headache or sickness with the cramps",
        message="Confusion, headache, nausea or vomiting together with cramps can be a sign of "
        "low sodium in the blood, which a doctor should check today.",
        citations=("spasovski2014", "bmj_bp"),
        adapt=_low_sodium_note,
    ),
    Question(
        key="yellow_skin",
        label="Have your skin or the whites of your eyes turned yellow, or has your belly swollen?",
        urgency="today",
        title="Yellow skin or eyes, or a swollen belly",
        message="Yellowing of the skin or eyes (jaundice), or a swelling belly, can be a sign of "
        "liver disease, which is linked with cramps. A doctor should see you today.",
        citations=("nice_ng50", "bmj_bp"),
        applies=_no_known("liver_disease"),
    ),
    Question(
        key="severe_persistent",
        label="Is a cramp severe and not easing at all, even when you stretch the muscle?",
        urgency="today",
        title="Severe cramp that does not ease",
        message="Ordinary cramps ease with stretching. Severe cramping that keeps going, or does "
        "not ease with stretching, can have another cause, and a doctor should see you today.",
        citations=("bmj_bp", "mayo"),
    ),
    Question(
        key="toxin_exposure",
        label="Have you been exposed to a poison such as lead or mercury (at work, from old "
        "paint or pipes, or from remedies)?",
        urgency="today",
        title="Possible poisoning",
        message="Cramps after contact with lead, mercury or another toxin can be a sign of "
        "poisoning, which a doctor should check today.",
        citations=("bmj_bp", "nhs", "mayo"),
    ),
    # ------------------------------------------------------------------------------- soon
    Question(
        key="long_cramps",
        label="Do your cramps last longer than 10 minutes?",
        urgency="soon",
        title="Cramps longer than 10 minutes",
        message="Ordinary night cramps last from seconds to about 10 minutes. Longer cramps can "
        "be a sign of another cause, and a doctor should check. NHS advice is to see a GP; some "
        "NHS services say to ask for an urgent appointment if they do not improve.",
        citations=("hallegraeff2017", "bmj_bp", "nhs"),
    ),
    Question(
        key="numbness",
        label="Do you have numbness, pins and needles or swelling in your legs?",
        urgency="soon",
        title="Numbness or swelling in the legs",
        message="Numbness or swelling together with cramps can be a sign of a nerve or "
        "circulation problem. A doctor should check.",
        citations=("nice_cks", "allen2012", "nhs"),
    ),
    Question(
        key="weakness",
        label="Are the muscles of your legs weaker than they were, or getting thinner?",
        urgency="soon",
        title="Weakness or muscle wasting",
        message="Weakness or muscles getting thinner together with cramps can be a sign of a "
        "nerve or muscle disease. A doctor should check soon.",
        citations=("bmj_bp", "nice_cks", "nice_ng42"),
    ),
    Question(
        key="twitching",
        label="Do you often see small twitches in your muscles under the skin (not the cramp "
        "itself), in your legs or elsewhere?",
        urgency="soon",
        title="Muscle twitching (fasciculations)",
        message="Twitching under the skin is usually harmless, but together with cramps, and "
        "especially with weakness, a doctor should examine your nerves and muscles.",
        citations=("nice_cks", "bmj_bp", "nice_ng42"),
    ),
    Question(
        key="widespread",
        label="Do you get cramps in many different muscles, or often in the daytime?",
        urgency="soon",
        title="Cramps in many muscles or in the daytime",
        message="Ordinary night cramps come at night in the calf or foot. Cramps in many "
        "muscles or during the day can be a sign of another cause, and a doctor should check.",
        citations=("bmj_bp", "hallegraeff2017"),
    ),
    Question(
        key="walking_pain",
        label="Do you get pain in a calf when walking that goes away when you stop?",
        urgency="soon",
        title="Calf pain when walking",
        message="Calf pain on walking that eases with rest can be a sign of narrowed leg "
        "arteries (claudication), which is linked with leg cramps. A doctor should check.",
        citations=("nice_cks", "allen2012", "nice_cg147"),
        adapt=_artery_note,
    ),
    Question(
        key="spinal_stenosis",
        label="Does pain, numbness or heaviness spread down your legs when you stand or walk, "
        "and ease when you sit or bend forward?",
        urgency="soon",
        title="Leg pain on standing that eases when you sit or bend",
        message="Leg symptoms that come on with standing or walking and ease when sitting or "
        "bending forward can come from narrowing in the lower spine (lumbar canal stenosis), "
        "which is linked with leg cramps. A doctor should check.",
        citations=("allen2012", "bmj_bp"),
    ),
    Question(
        key="tremor_stiffness",
        label="Do you have a tremor, stiffness or slowness of movement, or muscles that pull a "
        "foot or leg into a twisted position?",
        urgency="soon",
        title="Tremor, stiffness or twisting of a foot",
        message="A tremor, stiffness or slowness, or a foot that twists, can be a sign of "
        "Parkinson's disease or dystonia, which can be mistaken for cramps. A doctor should "
        "check.",
        citations=("nice_cks", "nice_ng71"),
    ),
    Question(
        key="thyroid_symptoms",
        label="Lately, have you been unusually tired, feeling the cold, gaining weight, "
        "constipated, or had dry skin or hair?",
        urgency="soon",
        title="Possible signs of an underactive thyroid",
        message="Together, these can be signs of an underactive thyroid, which is linked with "
        "cramps. Your doctor can check it with a blood test.",
        citations=("nice_cks", "nice_ng145"),
        applies=_no_known("thyroid_disease"),
    ),
    Question(
        key="diabetes_symptoms",
        label="Are you very thirsty, passing urine more often (especially at night), losing "
        "weight without trying, or very tired?",
        urgency="soon",
        title="Possible signs of diabetes",
        message="These can be signs of diabetes, which is linked with cramps through nerve "
        "damage and swings in blood sugar. Your doctor can check it with a blood test.",
        citations=("nice_cks", "nice_ng28", "bmj_bp"),
        applies=_no_known("diabetes"),
    ),
    Question(
        key="low_sugar_night",
        label="Do you wake with sweating, shaking, a racing heart or confusion, or have "
        "nightmares — signs that your blood sugar may fall at night?",
        urgency="soon",
        title="Possible low blood sugar at night",
        message="With diabetes, these can be signs of low blood sugar at night, which is also "
        "linked with cramps. Tell your diabetes team soon: your treatment may need adjusting.",
        citations=("bmj_bp", "nice_ng28"),
        applies=_known("diabetes"),
    ),
    Question(
        key="kidney_symptoms",
        label="Are you passing much less urine than usual, or do you have swollen ankles, itchy "
        "skin or breathlessness?",
        urgency="soon",
        title="Possible signs of kidney disease",
        message="These can be signs of kidney disease, which is linked with cramps. Your doctor "
        "can check it with blood and urine tests.",
        citations=("nice_ng203", "bmj_bp"),
        applies=_no_known("has_kidney_disease"),
    ),
    Question(
        key="rising",
        label="Have your cramps been getting more frequent over the past few weeks?",
        urgency="soon",
        title="Cramps becoming more frequent",
        message="Cramps that come more and more often are a reason to see a doctor, who can look "
        "for a cause and talk through what may help.",
        citations=("nice_cks", "nhs"),
    ),
    Question(
        key="new_medicine",
        label="Did the cramps start, or get worse, after you began a new medicine?",
        urgency="soon",
        title="Cramps after a new medicine",
        message="Some medicines are linked with cramps, for example some diuretics, asthma "
        "inhalers and statins. Talk to your prescriber; never stop a prescribed medicine on "
        "your own.",
        citations=("garrison2012", "nice_cks", "allen2012"),
    ),
    Question(
        key="sleep_disturbed",
        label="Do cramps disturb your sleep a lot, or make it hard to get through the day?",
        urgency="soon",
        title="Cramps disturbing your sleep",
        message="When cramps disturb your sleep a lot, NHS advice is to see a GP; a doctor can "
        "look for causes and talk through what may help.",
        citations=("hallegraeff2017", "nhs"),
    ),
    # ------------------------------------------------------------------------------- next visit
    Question(
        key="restless_legs",
        label="In the evening or at night, do you have an urge to move your legs, with "
        "uncomfortable feelings that ease while you move them?",
        urgency="next visit",
        title="An urge to move the legs",
        message="An urge to move the legs that eases with movement is typical of restless legs "
        "syndrome, a different condition from cramps with its own treatments. Mention it.",
        citations=("hallegraeff2017", "allen2012", "nice_cks"),
    ),
    Question(
        key="varicose_veins",
        label="Do you have varicose veins?",
        urgency="next visit",
        title="Varicose veins",
        message="Varicose veins are among the things a doctor looks for in someone with leg "
        "cramps; mention them.",
        citations=("nice_cks",),
    ),
    Question(
        key="takes_quinine",
        label="Do you take quinine, or drink tonic water, for your cramps?",
        urgency="next visit",
        title="Quinine or tonic water is not advised for cramps",
        message="Quinine is not recommended for leg cramps because of rare but serious side "
        "effects on the blood and heart (FDA 2010; MHRA 2010). Tell your doctor you use it, "
        "and talk it through before changing a prescribed medicine.",
        citations=("fda2010", "mhra2010", "bmj_bp"),
    ),
    Question(
        key="quinine_bleeding",
        label="If you take quinine: have you had unusual bruising, nosebleeds, bleeding gums, "
        "blood in your urine or stool, or purple or red spots on the skin?",
        urgency="today",
        title="Bruising or bleeding",
        message="Bruising or bleeding can be a sign of a dangerous fall in blood platelets. Get "
        "medical help today; the FDA advises not to take another quinine dose until a doctor "
        "has seen you.",
        citations=("fda2010",),
        only_if="takes_quinine",
    ),
)

QUESTIONS_BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}

UNKNOWN_PROFILE = Conditions.unknown()
"""The profile when nothing is known: every question for a non-pregnant person is asked."""


def questions_for(person: Conditions = UNKNOWN_PROFILE) -> list[Question]:
    """The questions asked of this person, in order (follow-ups included)."""
    return [q for q in QUESTIONS if q.applies(person)]


def unanswered(
    answers: Mapping[str, bool | None], person: Conditions = UNKNOWN_PROFILE
) -> list[str]:
    """The keys of the questions this person was asked and has not answered."""
    return [
        q.key
        for q in questions_for(person)
        if answers.get(q.key) is None and (q.only_if is None or answers.get(q.only_if) is True)
    ]


def screen_answers(
    answers: Mapping[str, bool | None], person: Conditions = UNKNOWN_PROFILE
) -> list[Finding]:
    """The findings for the questions answered yes (unanswered questions raise nothing)."""
    findings = []
    for question in questions_for(person):
        if answers.get(question.key) is not True:
            continue
        if question.only_if is not None and answers.get(question.only_if) is not True:
            continue
        message = question.message + question.adapt(person)
        findings.append(Finding.of(question, source="checkup", message=message))
    return sort_findings(findings)


# ---------------------------------------------------------------------------- the profile


@dataclass(frozen=True, slots=True)
class ProfileNote:
    """A condition on the profile that is linked with cramps: worth telling its team about."""

    key: str
    title: str
    message: str
    citations: tuple[str, ...]
    applies: Applies
    urgency: Urgency = "next visit"


PROFILE_NOTES: tuple[ProfileNote, ...] = (
    ProfileNote(
        key="profile:dialysis",
        title="Cramps and dialysis",
        message="Cramps are common during and after haemodialysis. Tell your kidney team about "
        "them: changes to dialysis can help, and they can check your salts.",
        citations=("bmj_bp", "nice_cks"),
        applies=lambda p: p.kidney_disease == "dialysis",
    ),
    ProfileNote(
        key="profile:kidney",
        title="Cramps and kidney disease",
        message="Kidney disease is linked with cramps and changes which supplements are safe. "
        "Mention the cramps at your next kidney review.",
        citations=("bmj_bp", "nice_ng203"),
        applies=lambda p: p.has_kidney_disease is True and p.kidney_disease != "dialysis",
    ),
    ProfileNote(
        key="profile:liver",
        title="Cramps and liver disease",
        message="Cramps are common with liver disease (cirrhosis) and can be treated. Mention "
        "them to the team that looks after your liver.",
        citations=("bmj_bp", "nice_ng50"),
        applies=_known("liver_disease"),
    ),
    ProfileNote(
        key="profile:diabetes",
        title="Cramps and diabetes",
        message="Diabetes is linked with cramps through nerve damage and low blood sugar. "
        "Mention them at your next diabetes review.",
        citations=("bmj_bp", "nice_ng28"),
        applies=_known("diabetes"),
    ),
    ProfileNote(
        key="profile:thyroid",
        title="Cramps and thyroid disease",
        message="Thyroid disease is linked with cramps; a thyroid blood test is among the checks "
        "a doctor may do. Mention them at your next review.",
        citations=("nice_cks", "nice_ng145"),
        applies=_known("thyroid_disease"),
    ),
    ProfileNote(
        key="profile:pregnancy",
        title="Cramps in pregnancy",
        message="Leg cramps are common in pregnancy, mostly in the later months, and usually go "
        "after the birth. Mention them to your midwife; ask before taking any supplement.",
        citations=("cochrane_pregnancy2020", "bmj_bp"),
        applies=lambda p: p.pregnant,
    ),
)


def screen_profile(person: Conditions) -> list[Finding]:
    """The notes for conditions on the profile that are linked with cramps."""
    return sort_findings(
        [
            Finding.of(note, source="profile", detail="From your profile.")
            for note in PROFILE_NOTES
            if note.applies(person)
        ]
    )


# ---------------------------------------------------------------------------- the diary


@dataclass(frozen=True, slots=True)
class CrampFact:
    """What the diary checks need to know about one cramp."""

    night_of: date
    muscle: str
    side: str
    duration_min: float | None
    local_hour: int | None = None
    """Local clock hour it began; None when the time is not known."""
    relief: tuple[str, ...] = ()
    """What was tried (stretch, massage, heat, walking, other)."""
    relief_effect: str | None = None
    """How well it worked (none, a_little, mostly, completely); None when not said."""


@dataclass(frozen=True, slots=True)
class NightFact:
    """A night with a known answer: it had cramps or was logged cramp-free."""

    night_of: date
    sleep_disturbance_0_10: int | None = None


@dataclass(frozen=True, slots=True)
class MedicineFact:
    """A medicine with a known start date."""

    name: str
    started_on: date
    classes: tuple[str, ...] = ()
    """Drug classes associated with cramps recognised in the name, if any."""


@dataclass(frozen=True, slots=True)
class DiaryFacts:
    """The slice of the diary the rules look at."""

    today: date
    """The current night (dated by its evening)."""
    cramps: tuple[CrampFact, ...] = ()
    nights: tuple[NightFact, ...] = ()
    """Nights with a known answer; nights not logged are absent (unknown)."""
    medicines: tuple[MedicineFact, ...] = ()
    logged: frozenset[date] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "logged", frozenset(n.night_of for n in self.nights))

    def cramps_between(self, first: date, last: date) -> list[CrampFact]:
        """Cramps on the nights from ``first`` to ``last`` inclusive."""
        return [x for x in self.cramps if first <= x.night_of <= last]

    def logged_between(self, first: date, last: date) -> int:
        """Nights with a known answer from ``first`` to ``last`` inclusive."""
        return sum(1 for day in self.logged if first <= day <= last)

    @property
    def window_start(self) -> date:
        """The first night of the look-back period."""
        return self.today - timedelta(days=c.LOOKBACK_DAYS - 1)

    def recent_cramps(self) -> list[CrampFact]:
        """Cramps in the look-back period."""
        return self.cramps_between(self.window_start, self.today)


def _night(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _minutes(value: float) -> str:
    """Minutes for reading: 15.01 -> "15", 12.5 -> "12.5"."""
    return f"{round(value, 1):g}"


def _long_cramp(facts: DiaryFacts) -> str | None:
    long = [x for x in facts.recent_cramps() if (x.duration_min or 0) > LONG_CRAMP_MIN]
    if not long:
        return None
    longest = max(long, key=lambda x: x.duration_min or 0)
    assert longest.duration_min is not None
    more = (
        f" ({len(long)} cramps over {LONG_CRAMP_MIN} minutes in 4 weeks)" if len(long) > 1 else ""
    )
    return (
        f"A {_minutes(longest.duration_min)}-minute cramp on the night of "
        f"{_night(longest.night_of)}{more}."
    )


def _unusual_muscles(facts: DiaryFacts) -> str | None:
    nights = {x.night_of for x in facts.recent_cramps() if x.muscle in c.UNUSUAL_MUSCLES}
    if len(nights) < c.UNUSUAL_MUSCLE_MIN_NIGHTS:
        return None
    return (
        f"Cramps in the thigh, hamstring or other muscles on {len(nights)} nights in the last 4 "
        "weeks."
    )


def _many_muscles_one_night(facts: DiaryFacts) -> str | None:
    sites: dict[date, set[str]] = {}
    for cramp in facts.recent_cramps():
        sites.setdefault(cramp.night_of, set()).add(cramp.muscle)
    widespread = sorted(
        day for day, muscles in sites.items() if len(muscles) >= c.MANY_MUSCLES_ONE_NIGHT
    )
    if not widespread:
        return None
    day = widespread[-1]
    return f"Cramps in {len(sites[day])} different muscles on the night of {_night(day)}."


def _both_sides_often(facts: DiaryFacts) -> str | None:
    recent = facts.recent_cramps()
    both = sum(1 for x in recent if x.side == "both")
    if both < c.BOTH_SIDES_MIN_CRAMPS or both < c.BOTH_SIDES_MIN_SHARE * len(recent):
        return None
    return f"{both} of {len(recent)} cramps in the last 4 weeks were in both legs."


def _daytime_cramps(facts: DiaryFacts) -> str | None:
    daytime = [
        x
        for x in facts.recent_cramps()
        if x.local_hour is not None and c.DAYTIME_START_HOUR <= x.local_hour < c.DAYTIME_END_HOUR
    ]
    if len(daytime) < c.DAYTIME_MIN_CRAMPS:
        return None
    return (
        f"{len(daytime)} cramps in the last 4 weeks began between "
        f"{c.DAYTIME_START_HOUR:02d}:00 and {c.DAYTIME_END_HOUR:02d}:00."
    )


def _rates(
    facts: DiaryFacts, recent_days: int, baseline_days: int, min_recent: int, min_base: int
) -> tuple[float, float, int] | None:
    """Cramps per logged night in the recent period and the one before, and recent cramps.

    None when either period has too few nights with a known answer: missing nights are unknown,
    not cramp-free, so the comparison is not made rather than guessed.
    """
    recent_first = facts.today - timedelta(days=recent_days - 1)
    base_last = recent_first - timedelta(days=1)
    base_first = base_last - timedelta(days=baseline_days - 1)
    recent_nights = facts.logged_between(recent_first, facts.today)
    base_nights = facts.logged_between(base_first, base_last)
    if recent_nights < min_recent or base_nights < min_base:
        return None
    recent = len(facts.cramps_between(recent_first, facts.today))
    earlier = len(facts.cramps_between(base_first, base_last))
    return recent / recent_nights, earlier / base_nights, recent


def _frequency_rising(facts: DiaryFacts) -> str | None:
    """The rate at least doubled in the last 2 weeks, or rose by half over the last 4."""
    weeks = (
        (
            c.RISING_RECENT_DAYS,
            c.RISING_BASELINE_DAYS,
            c.RISING_MIN_RECENT_NIGHTS,
            c.RISING_MIN_BASELINE_NIGHTS,
            c.RISING_MIN_RECENT_CRAMPS,
            c.RISING_FACTOR,
        ),
        (
            c.RISING_WEEKS_DAYS,
            c.RISING_WEEKS_DAYS,
            c.RISING_WEEKS_MIN_NIGHTS,
            c.RISING_WEEKS_MIN_NIGHTS,
            c.RISING_WEEKS_MIN_CRAMPS,
            c.RISING_WEEKS_FACTOR,
        ),
    )
    for recent_days, base_days, min_recent, min_base, min_cramps, factor in weeks:
        rates = _rates(facts, recent_days, base_days, min_recent, min_base)
        if rates is None:
            continue
        recent_rate, earlier_rate, recent = rates
        if recent >= min_cramps and recent_rate >= factor * earlier_rate:
            return (
                f"{recent_rate * 7:.1f} cramps a week in the last {recent_days // 7} weeks "
                f"against {earlier_rate * 7:.1f} a week in the {base_days // 7} weeks before "
                "(logged nights only)."
            )
    return None


def _sleep_disturbed(facts: DiaryFacts) -> str | None:
    first = facts.today - timedelta(days=c.SLEEP_DISTURBED_DAYS - 1)
    bad = [
        n
        for n in facts.nights
        if first <= n.night_of <= facts.today
        and n.sleep_disturbance_0_10 is not None
        and n.sleep_disturbance_0_10 >= c.SLEEP_DISTURBED_SCORE
    ]
    if len(bad) < c.SLEEP_DISTURBED_MIN_NIGHTS:
        return None
    return (
        f"Sleep disturbed {c.SLEEP_DISTURBED_SCORE}/10 or more on {len(bad)} of the last "
        f"{c.SLEEP_DISTURBED_DAYS} nights."
    )


def _stretching_does_not_help(facts: DiaryFacts) -> str | None:
    stretched = [x for x in facts.recent_cramps() if "stretch" in x.relief and x.relief_effect]
    failed = [x for x in stretched if x.relief_effect == "none"]
    if len(failed) < c.STRETCH_FAILED_MIN_CRAMPS or len(failed) < c.STRETCH_FAILED_SHARE * len(
        stretched
    ):
        return None
    return (
        f"Stretching did not help {len(failed)} of the {len(stretched)} cramps you stretched in "
        "the last 4 weeks."
    )


@dataclass(frozen=True, slots=True)
class DiaryRule:
    """A pattern in the diary that is a warning sign, and what it means."""

    key: str
    urgency: Urgency
    title: str
    message: str
    citations: tuple[str, ...]
    detect: Callable[[DiaryFacts], str | None]
    """What in the diary raised it (the finding's detail), or None when it does not fire."""

    def check(self, facts: DiaryFacts) -> Finding | None:
        """The finding, when the diary shows the pattern."""
        detail = self.detect(facts)
        if detail is None:
            return None
        return Finding.of(self, source="diary", detail=detail)


DIARY_RULES: tuple[DiaryRule, ...] = (
    DiaryRule(
        key="long_cramp",
        urgency="soon",
        title=f"A cramp lasted more than {LONG_CRAMP_MIN} minutes",
        message=QUESTIONS_BY_KEY["long_cramps"].message,
        citations=QUESTIONS_BY_KEY["long_cramps"].citations,
        detect=_long_cramp,
    ),
    DiaryRule(
        key="unusual_muscles",
        urgency="soon",
        title="Repeated cramps outside the calf and foot",
        message="Ordinary night cramps are in the calf or foot and seldom in the thigh or "
        "hamstring. Repeated cramps in other muscles can be a sign of another cause, and a "
        "doctor should check.",
        citations=("hallegraeff2017", "bmj_bp"),
        detect=_unusual_muscles,
    ),
    DiaryRule(
        key="many_muscles",
        urgency="soon",
        title="Cramps in many muscles in one night",
        message="Cramps in many muscles, especially with weakness, can be a sign of a nerve or "
        "muscle disease. A doctor should check.",
        citations=("bmj_bp", "nice_ng42"),
        detect=_many_muscles_one_night,
    ),
    DiaryRule(
        key="both_sides",
        urgency="next visit",
        title="Cramps often in both legs at once",
        message="Ordinary night cramps usually affect one leg at a time. Cramps that often take "
        "both legs together are worth mentioning to your doctor.",
        citations=("bmj_bp",),
        detect=_both_sides_often,
    ),
    DiaryRule(
        key="daytime",
        urgency="soon",
        title="Cramps often in the daytime",
        message="Most ordinary cramps come at night. Frequent cramps during the day can be a "
        "sign of another cause, and a doctor should check.",
        citations=("bmj_bp", "hallegraeff2017"),
        detect=_daytime_cramps,
    ),
    DiaryRule(
        key="rising",
        urgency="soon",
        title="Your cramps are becoming more frequent",
        message=QUESTIONS_BY_KEY["rising"].message,
        citations=QUESTIONS_BY_KEY["rising"].citations,
        detect=_frequency_rising,
    ),
    DiaryRule(
        key="sleep_disturbed",
        urgency="soon",
        title="Cramps are disturbing your sleep",
        message=QUESTIONS_BY_KEY["sleep_disturbed"].message,
        citations=QUESTIONS_BY_KEY["sleep_disturbed"].citations,
        detect=_sleep_disturbed,
    ),
    DiaryRule(
        key="stretching_fails",
        urgency="soon",
        title="Stretching does not ease your cramps",
        message="Ordinary cramps ease when the muscle is stretched. Cramps that stretching does "
        "not relieve can have another cause, and a doctor should check.",
        citations=("bmj_bp", "allen2012"),
        detect=_stretching_does_not_help,
    ),
)

NEW_MEDICINE_RULE = DiaryRule(
    key="new_medicine",
    urgency="soon",
    title="Cramps after starting a new medicine",
    message=QUESTIONS_BY_KEY["new_medicine"].message,
    citations=QUESTIONS_BY_KEY["new_medicine"].citations,
    detect=lambda facts: None,
)
"""The new-medicine pattern, for the claims table: it is checked per medicine by
``rule_after_new_medicine``, which gives one finding for each."""

RULES: tuple[DiaryRule, ...] = (*DIARY_RULES, NEW_MEDICINE_RULE)
"""Every diary rule, for the documentation."""


def _after_new_medicine(facts: DiaryFacts, medicine: MedicineFact) -> Finding | None:
    start = medicine.started_on
    if (
        start > facts.today
        or (facts.today - start).days >= c.LOOKBACK_DAYS + c.NEW_MEDICINE_WINDOW_DAYS
    ):
        return None
    after_last = min(facts.today, start + timedelta(days=c.NEW_MEDICINE_WINDOW_DAYS - 1))
    after = facts.cramps_between(start, after_last)
    if not after:
        return None
    before_first, before_last = (
        start - timedelta(days=c.NEW_MEDICINE_BEFORE_DAYS),
        start - timedelta(days=1),
    )
    before_nights = facts.logged_between(before_first, before_last)
    after_nights = max(facts.logged_between(start, after_last), len({x.night_of for x in after}))
    known_before = before_nights >= c.NEW_MEDICINE_MIN_BEFORE_NIGHTS
    if known_before:
        before_rate = len(facts.cramps_between(before_first, before_last)) / before_nights
        if len(after) / after_nights <= before_rate:
            return None  # no more cramps than before it was started
    classes = f" ({', '.join(medicine.classes)})" if medicine.classes else ""
    began = "Your cramps became more frequent" if known_before else "You logged cramps"
    condition = (
        ""
        if known_before
        else " If they began or got worse after starting it, tell your prescriber."
    )
    rule = NEW_MEDICINE_RULE
    return Finding(
        key=f"new_medicine:{medicine.name.lower()}",
        urgency=rule.urgency,
        title=f"Cramps after starting {medicine.name}",
        message=rule.message + condition,
        citations=rule.citations,
        source="diary",
        detail=f"{began} in the weeks after you started {medicine.name}{classes} on "
        f"{start:%d %b %Y}: {len(after)} cramp{'s' if len(after) != 1 else ''}.",
    )


def rule_after_new_medicine(facts: DiaryFacts) -> list[Finding]:
    """Cramps beginning within weeks after a medicine was started."""
    findings = [_after_new_medicine(facts, m) for m in facts.medicines]
    return [f for f in findings if f is not None]


def screen_diary(facts: DiaryFacts) -> list[Finding]:
    """Every diary rule that fires, most urgent first."""
    findings = [f for rule in DIARY_RULES if (f := rule.check(facts)) is not None]
    findings += rule_after_new_medicine(facts)
    return sort_findings(findings)


RULES_BY_KEY: dict[str, DiaryRule] = {rule.key: rule for rule in RULES}
