"""Drug classes associated with leg cramps, with the size of each association and its source.

Data only (no logic): ``medicines.py`` matches what a person types against ``DRUGS`` and reports
the ``CLASSES`` found. Sources are those collected in ``shared/evidence.md`` §2.2, cited as the
original publications:

* Garrison et al. 2012: a sequence symmetry analysis of 4.2 million residents of British Columbia
  (adults 50 and over, 2000-2008). The outcome was starting a prescription cramp treatment in the
  year after starting the index drug, compared with the year before, adjusted for age and
  prescribing trends. Inhaled anticholinergics and beta-blockers were negative controls. The
  ratios and 95% confidence intervals below are the paper's adjusted sequence ratios.
* Allen & Kirby 2012 (AAFP): the medicines "most strongly associated" with leg cramps are
  intravenous iron sucrose, conjugated estrogens, raloxifene, naproxen and teriparatide; cramps
  were also reported in studies of clonazepam, citalopram, celecoxib, gabapentin and zolpidem.
  The per-drug figures of the review's table were not found, so no size is given.
* NICE CKS 2012, the Merck Manual and BMJ Best Practice: expert lists without sizes.
* Product information (labels and SmPCs) and a few studies for the classes added in issue 10
  (fibrates, ACE inhibitors, nifedipine and amlodipine, gabapentinoids, citalopram and
  escitalopram). A side effect listed on a label is not a measured association: these classes
  are graded weak, and their summaries say how thin the link is.

``DrugClass.citations`` are keys into ``nightcramps.guidance.citations.CITATIONS``, the one list
of sources the whole product cites from. Evidence grades follow the key in evidence.md: strong,
moderate, weak, none, contradicted.
"""

from __future__ import annotations

from dataclasses import dataclass

from nightcramps.daylog.schemas import EvidenceGrade

PRESCRIBER = (
    "Talk to your prescriber if your cramps began or got worse after you started it: they can "
    "weigh this against what the medicine does for you. Keep taking it as prescribed unless "
    "they advise otherwise."
)
"""The guidance for every class associated with cramps: talk to the prescriber, never change a
medicine on one's own (evidence.md §8.3)."""


@dataclass(frozen=True, slots=True)
class Association:
    """The size of an association as published."""

    measure: str
    ratio: float
    ci_low: float
    ci_high: float
    p_value: str
    significant: bool


@dataclass(frozen=True, slots=True)
class DrugClass:
    """A class (or single drug) associated with cramps."""

    key: str
    name: str
    evidence_grade: EvidenceGrade
    summary: str
    """One or two sentences on what was found, in plain words."""
    citations: tuple[str, ...]
    """Keys into ``guidance.citations.CITATIONS``; the first is the main source."""
    association: Association | None = None
    guidance: str = PRESCRIBER


def _asr(ratio: float, low: float, high: float, p: str, significant: bool = True) -> Association:
    return Association("adjusted sequence ratio", ratio, low, high, p, significant)


def _garrison(what: str, ratio: float, low: float, high: float) -> str:
    return (
        f"In 4.2 million people in British Columbia (adults 50 and over), a new prescription for "
        f"cramp treatment was {ratio:.2f} times as likely in the year after starting {what} as "
        f"in the year before (95% CI {low:.2f} to {high:.2f})."
    )


_AAFP_STRONG = (
    "Named by the American Academy of Family Physicians' review among the medicines most "
    "strongly associated with leg cramps. The review's per-drug figures were not found, so the "
    "size of the association is not known here."
)


def _listed(source: str) -> str:
    return (
        f"Listed by {source} among medicines that can cause muscle cramps. No size of the "
        "association is available."
    )


CLASSES: dict[str, DrugClass] = {
    c.key: c
    for c in (
        DrugClass(
            key="diuretic",
            name="Diuretic (type not given)",
            evidence_grade="moderate",
            summary=_garrison("any diuretic", 1.47, 1.33, 1.63)
            + " The association was strongest for potassium-sparing and thiazide diuretics; "
            "add the medicine's name to see its own figure.",
            citations=("garrison2012",),
            association=_asr(1.47, 1.33, 1.63, "<.001"),
        ),
        DrugClass(
            key="potassium_sparing_diuretic",
            name="Potassium-sparing diuretic",
            evidence_grade="moderate",
            summary=_garrison("a potassium-sparing diuretic", 2.12, 1.61, 2.78),
            citations=("garrison2012",),
            association=_asr(2.12, 1.61, 2.78, "<.001"),
        ),
        DrugClass(
            key="thiazide_diuretic",
            name="Thiazide or thiazide-like diuretic",
            evidence_grade="moderate",
            summary=_garrison("a thiazide or thiazide-like diuretic", 1.48, 1.29, 1.68),
            citations=("garrison2012",),
            association=_asr(1.48, 1.29, 1.68, "<.001"),
        ),
        DrugClass(
            key="loop_diuretic",
            name="Loop diuretic",
            evidence_grade="weak",
            summary=_garrison("a loop diuretic", 1.20, 1.00, 1.44)
            + " This was not statistically significant (p = .07).",
            citations=("garrison2012",),
            association=_asr(1.20, 1.00, 1.44, ".07", significant=False),
        ),
        DrugClass(
            key="statin",
            name="Statin",
            evidence_grade="weak",
            summary=_garrison("a statin", 1.16, 1.04, 1.29)
            + " The association is small. The NHS and the Merck Manual also list statins.",
            citations=("garrison2012", "merck"),
            association=_asr(1.16, 1.04, 1.29, ".004"),
        ),
        DrugClass(
            key="laba",
            name="Long-acting beta-agonist inhaler (LABA) without a corticosteroid",
            evidence_grade="moderate",
            summary=_garrison("a long-acting beta-agonist inhaler alone", 2.17, 1.56, 3.02)
            + " For all long-acting beta-agonists together the ratio was 2.42 (2.02 to 2.89).",
            citations=("garrison2012",),
            association=_asr(2.17, 1.56, 3.02, "<.001"),
        ),
        DrugClass(
            key="laba_ics",
            name="Long-acting beta-agonist with an inhaled corticosteroid (LABA + ICS)",
            evidence_grade="moderate",
            summary=_garrison(
                "a combined long-acting beta-agonist and corticosteroid inhaler", 2.55, 2.06, 3.12
            )
            + " For all long-acting beta-agonists together the ratio was 2.42 (2.02 to 2.89).",
            citations=("garrison2012",),
            association=_asr(2.55, 2.06, 3.12, "<.001"),
        ),
        DrugClass(
            key="iron_sucrose",
            name="Intravenous iron sucrose",
            evidence_grade="weak",
            summary=_AAFP_STRONG,
            citations=("allen2012",),
        ),
        DrugClass(
            key="conjugated_estrogens",
            name="Conjugated estrogens",
            evidence_grade="weak",
            summary=_AAFP_STRONG,
            citations=("allen2012",),
        ),
        DrugClass(
            key="raloxifene",
            name="Raloxifene",
            evidence_grade="weak",
            summary=_AAFP_STRONG + " The Merck Manual lists it too.",
            citations=("allen2012", "merck"),
        ),
        DrugClass(
            key="naproxen",
            name="Naproxen",
            evidence_grade="weak",
            summary=_AAFP_STRONG,
            citations=("allen2012",),
        ),
        DrugClass(
            key="teriparatide",
            name="Teriparatide",
            evidence_grade="weak",
            summary=_AAFP_STRONG + " The Merck Manual lists it too.",
            citations=("allen2012", "merck"),
        ),
        DrugClass(
            key="reported_in_trials",
            name="Cramps reported in drug trials",
            evidence_grade="weak",
            summary=(
                "Cramps were reported in studies of clonazepam, celecoxib and zolpidem "
                "(American Academy of Family Physicians' review, which also names citalopram "
                "and gabapentin: they are shown under their own classes). The overall rate is "
                "low and no size of the association is available."
            ),
            citations=("allen2012",),
        ),
        DrugClass(
            key="short_acting_beta_agonist",
            name="Short-acting beta-agonist (reliever inhaler)",
            evidence_grade="weak",
            summary=_listed(
                "NICE Clinical Knowledge Summaries (salbutamol) and the Merck Manual "
                "(bronchodilators)"
            ),
            citations=("nice_cks", "merck"),
        ),
        DrugClass(
            key="dihydropyridine_ccb",
            name="Calcium-channel blocker: nifedipine or amlodipine",
            evidence_grade="weak",
            summary=(
                "NICE Clinical Knowledge Summaries name nifedipine among medicines that can "
                "cause cramps, and amlodipine's US label lists muscle cramps among side effects "
                "seen in fewer than 1 in 100 trial patients, where it is not known whether the "
                "medicine caused them. The evidence points both ways: a small study of veterans "
                "treated for night cramps found no link with calcium-channel blockers, and "
                "medicines of this family (diltiazem, amlodipine) have been tried in small "
                "studies as a treatment for cramps. The link is thin."
            ),
            citations=(
                "nice_cks",
                "norvasc_label2011",
                "haskell1997",
                "katzberg2010",
                "ally2015",
            ),
        ),
        DrugClass(
            key="ace_inhibitor",
            name="ACE inhibitor",
            evidence_grade="weak",
            summary=(
                "The UK product information for ramipril lists muscle cramps among its common "
                "side effects (up to 1 in 10 people), without saying how often they happened "
                "on placebo. A review of placebo-controlled trials of ACE inhibitors found more "
                "cough, dizziness, low blood pressure and high potassium, but did not report "
                "cramps among them, and no study of cramps after starting an ACE inhibitor was "
                "found. The link is thin."
            ),
            citations=("tritace_smpc2016", "natakuathung2022"),
        ),
        DrugClass(
            key="gabapentinoid",
            name="Gabapentinoid (gabapentin, pregabalin)",
            evidence_grade="weak",
            summary=(
                "The American Academy of Family Physicians' review notes that cramps were "
                "reported in studies of gabapentin, and pregabalin's product information lists "
                "muscle cramp among its side effects. How often they cause cramps, compared "
                "with not taking them, is not known: the link is thin."
            ),
            citations=("allen2012", "lyrica_smpc2004"),
        ),
        DrugClass(
            key="citalopram_escitalopram",
            name="Citalopram or escitalopram (SSRI antidepressant)",
            evidence_grade="weak",
            summary=(
                "The American Academy of Family Physicians' review notes that cramps were "
                "reported in studies of citalopram. Escitalopram is the active form of the same "
                "molecule and was not found studied for cramps on its own; the UK medicines "
                "regulator lists muscle cramps among the common side effects of SSRI "
                "antidepressants as a group. No size of the association is available: the link "
                "is thin."
            ),
            citations=("allen2012", "mhra_ssri2015"),
        ),
        DrugClass(
            key="arb",
            name="Angiotensin receptor blocker (ARB)",
            evidence_grade="weak",
            summary=_listed("the Merck Manual"),
            citations=("merck",),
        ),
        DrugClass(
            key="beta_blocker_isa",
            name="Beta-blocker with intrinsic sympathomimetic activity",
            evidence_grade="weak",
            summary=_listed("BMJ Best Practice and the Merck Manual")
            + " Other beta-blockers showed no association (they were a negative control in "
            "Garrison et al. 2012).",
            citations=("bmj_bp", "merck", "garrison2012"),
        ),
        DrugClass(
            key="chemotherapy",
            name="Chemotherapy (cisplatin, vincristine)",
            evidence_grade="weak",
            summary=_listed("the Merck Manual"),
            citations=("merck",),
        ),
        DrugClass(
            key="imatinib",
            name="Imatinib",
            evidence_grade="weak",
            summary=_listed("BMJ Best Practice"),
            citations=("bmj_bp",),
        ),
        DrugClass(
            key="fibrate",
            name="Fibrate (fenofibrate, gemfibrozil, bezafibrate, ciprofibrate, clofibrate)",
            evidence_grade="weak",
            summary=(
                "The Merck Manual lists clofibrate among medicines that can cause muscle "
                "cramps, and muscle spasms are among the reports collected after fenofibrate "
                "came on the US market. Every fibrate can harm muscle (myopathy: pain and "
                "weakness), more often with kidney disease or together with a statin. No study "
                "measured how often fibrates bring on night cramps, so the link is thin."
            ),
            citations=("merck", "tricor_label2021", "hodel2002"),
            guidance=PRESCRIBER
            + " Tell them soon about muscle pain, tenderness or weakness you cannot explain.",
        ),
        DrugClass(
            key="donepezil",
            name="Donepezil",
            evidence_grade="weak",
            summary=_listed("the Merck Manual"),
            citations=("merck",),
        ),
        DrugClass(
            key="tolcapone",
            name="Tolcapone",
            evidence_grade="weak",
            summary=_listed("the Merck Manual"),
            citations=("merck",),
        ),
        DrugClass(
            key="pyrazinamide",
            name="Pyrazinamide",
            evidence_grade="weak",
            summary=_listed("the Merck Manual"),
            citations=("merck",),
        ),
        DrugClass(
            key="oral_contraceptive",
            name="Oral contraceptive",
            evidence_grade="weak",
            summary=_listed("the Merck Manual"),
            citations=("merck",),
        ),
        DrugClass(
            key="stimulant",
            name="Stimulant",
            evidence_grade="weak",
            summary=_listed(
                "the Merck Manual (amphetamines, caffeine, ephedrine, nicotine, "
                "pseudoephedrine and others)"
            ),
            citations=("merck",),
        ),
        DrugClass(
            key="sedative",
            name="Sedative (benzodiazepine or barbiturate)",
            evidence_grade="weak",
            summary=(
                "The Merck Manual lists coming off sedatives (benzodiazepines, barbiturates) as "
                "a cause of muscle cramps: the link is with withdrawal, not with taking them. "
                "No size of the association is available."
            ),
            citations=("merck",),
            guidance=(
                "Cramps are linked with coming off these medicines suddenly. Plan any change "
                "with your prescriber, and talk to them if cramps began after a change of dose."
            ),
        ),
        DrugClass(
            key="quinine",
            name="Quinine (including tonic water)",
            evidence_grade="strong",
            summary=(
                "Quinine is not recommended for leg cramps: the US FDA warns that using it for "
                "night cramps can cause serious and life-threatening blood disorders, and that "
                "this risk outweighs any benefit."
            ),
            citations=("fda2010",),
            guidance=(
                "Talk to your prescriber about it. Seek medical help at once if you notice easy "
                "bruising, nosebleeds, bleeding gums, blood in urine or stool, or unusual spots "
                "on the skin."
            ),
        ),
    )
}
"""Every class the matcher can report, by key."""


@dataclass(frozen=True, slots=True)
class Drug:
    """One medicine: its generic name, the classes it belongs to and the names people type."""

    generic: str
    classes: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    """Other generic spellings and brand names (lower case; several words allowed)."""


PSD = "potassium_sparing_diuretic"
THZ = "thiazide_diuretic"
LOOP = "loop_diuretic"
ACE = "ace_inhibitor"
"""Key other features rely on (``nightcramps.conditions``: no potassium push); keep it."""
DHP = "dihydropyridine_ccb"
ICS = "_inhaled_corticosteroid"
"""Not a class: marks an inhaled corticosteroid, which turns a LABA match into LABA + ICS."""

DRUGS: tuple[Drug, ...] = (
    # Diuretics, named without a type.
    Drug(
        "diuretic",
        ("diuretic",),
        ("diuretics", "water pill", "water pills", "water tablet", "water tablets"),
    ),
    # Potassium-sparing diuretics and their combinations.
    Drug("spironolactone", (PSD,), ("aldactone", "carospir")),
    Drug("eplerenone", (PSD,), ("inspra",)),
    Drug("amiloride", (PSD,), ("midamor",)),
    Drug("triamterene", (PSD,), ("dyrenium",)),
    Drug("spironolactone + hydrochlorothiazide", (PSD, THZ), ("aldactazide",)),
    Drug(
        "triamterene + hydrochlorothiazide",
        (PSD, THZ),
        ("dyazide", "maxzide", "triamterzide", "co triamterzide"),
    ),
    Drug("amiloride + hydrochlorothiazide", (PSD, THZ), ("moduretic", "amilozide", "co amilozide")),
    Drug("amiloride + furosemide", (PSD, LOOP), ("amilofruse", "co amilofruse", "frumil")),
    Drug("spironolactone + furosemide", (PSD, LOOP), ("lasilactone",)),
    # Thiazide and thiazide-like diuretics.
    Drug(
        "hydrochlorothiazide",
        (THZ,),
        ("hctz", "hct", "microzide", "esidrix", "hydrodiuril", "hydrosaluric"),
    ),
    Drug("chlorthalidone", (THZ,), ("chlortalidone", "hygroton", "thalitone")),
    Drug("indapamide", (THZ,), ("natrilix", "lozol")),
    Drug("metolazone", (THZ,), ("zaroxolyn", "metenix")),
    Drug("bendroflumethiazide", (THZ,), ("bendrofluazide", "aprinox", "neo naclex")),
    Drug("chlorothiazide", (THZ,), ("diuril",)),
    Drug("cyclopenthiazide", (THZ,), ("navidrex",)),
    Drug("methyclothiazide", (THZ,), ("enduron",)),
    Drug("xipamide", (THZ,), ("diurexan",)),
    Drug("lisinopril + hydrochlorothiazide", (ACE, THZ), ("zestoretic", "prinzide")),
    Drug("enalapril + hydrochlorothiazide", (ACE, THZ), ("vaseretic", "innozide")),
    Drug("quinapril + hydrochlorothiazide", (ACE, THZ), ("accuretic",)),
    Drug("captopril + hydrochlorothiazide", (ACE, THZ), ("capozide",)),
    Drug("perindopril + indapamide", (ACE, THZ), ("coversyl plus", "preterax")),
    Drug("perindopril + indapamide + amlodipine", (ACE, THZ, DHP), ("triplixam",)),
    Drug("atenolol + chlorthalidone", (THZ,), ("tenoretic", "co tenidone")),
    Drug("bisoprolol + hydrochlorothiazide", (THZ,), ("ziac",)),
    Drug("losartan + hydrochlorothiazide", ("arb", THZ), ("hyzaar", "cozaar comp")),
    Drug("valsartan + hydrochlorothiazide", ("arb", THZ), ("co diovan",)),
    Drug("irbesartan + hydrochlorothiazide", ("arb", THZ), ("avalide", "coaprovel")),
    Drug("candesartan + hydrochlorothiazide", ("arb", THZ), ("atacand plus",)),
    Drug("olmesartan + hydrochlorothiazide", ("arb", THZ), ("olmetec plus",)),
    Drug("telmisartan + hydrochlorothiazide", ("arb", THZ), ("micardis plus",)),
    Drug("azilsartan + chlorthalidone", ("arb", THZ), ("edarbyclor",)),
    Drug("olmesartan + amlodipine + hydrochlorothiazide", ("arb", THZ, DHP), ("tribenzor",)),
    # Loop diuretics.
    Drug("furosemide", (LOOP,), ("frusemide", "lasix", "furoscix")),
    Drug("bumetanide", (LOOP,), ("bumex", "burinex")),
    Drug("torsemide", (LOOP,), ("torasemide", "demadex", "soaanz")),
    Drug("ethacrynic acid", (LOOP,), ("etacrynic acid", "edecrin")),
    # Statins.
    Drug("statin", ("statin",), ("statins",)),
    Drug("atorvastatin", ("statin",), ("lipitor", "atorvaliq")),
    Drug("rosuvastatin", ("statin",), ("crestor", "ezallor")),
    Drug("simvastatin", ("statin",), ("zocor", "flolipid")),
    Drug("pravastatin", ("statin",), ("pravachol", "lipostat")),
    Drug("lovastatin", ("statin",), ("mevacor", "altoprev")),
    Drug("fluvastatin", ("statin",), ("lescol",)),
    Drug("pitavastatin", ("statin",), ("livalo", "livazo", "zypitamag")),
    Drug("ezetimibe + simvastatin", ("statin",), ("vytorin", "inegy")),
    Drug("ezetimibe + rosuvastatin", ("statin",), ("roszet",)),
    Drug("ezetimibe + atorvastatin", ("statin",), ("atozet",)),
    Drug("amlodipine + atorvastatin", ("statin", DHP), ("caduet",)),
    Drug("atorvastatin + perindopril + amlodipine", ("statin", ACE, DHP), ("triveram",)),
    # Long-acting beta-agonists (with a LAMA or alone).
    Drug("salmeterol", ("laba",), ("serevent",)),
    Drug("formoterol", ("laba",), ("eformoterol", "foradil", "oxis", "perforomist", "atimos")),
    Drug("arformoterol", ("laba",), ("brovana",)),
    Drug("indacaterol", ("laba",), ("onbrez", "arcapta")),
    Drug("olodaterol", ("laba",), ("striverdi",)),
    Drug("vilanterol", ("laba",)),
    Drug("bambuterol", ("laba",), ("bambec",)),
    Drug("umeclidinium + vilanterol", ("laba",), ("anoro",)),
    Drug("tiotropium + olodaterol", ("laba",), ("stiolto", "spiolto")),
    Drug("glycopyrronium + indacaterol", ("laba",), ("ultibro", "utibron")),
    Drug("aclidinium + formoterol", ("laba",), ("duaklir",)),
    Drug("glycopyrrolate + formoterol", ("laba",), ("bevespi",)),
    # Long-acting beta-agonist + inhaled corticosteroid.
    Drug(
        "fluticasone + salmeterol",
        ("laba_ics",),
        ("advair", "seretide", "wixela", "airduo", "aloflute", "sirdupla"),
    ),
    Drug("budesonide + formoterol", ("laba_ics",), ("symbicort", "duoresp", "fobumix", "breyna")),
    Drug("mometasone + formoterol", ("laba_ics",), ("dulera", "zenhale")),
    Drug("fluticasone furoate + vilanterol", ("laba_ics",), ("breo", "relvar")),
    Drug("beclometasone + formoterol", ("laba_ics",), ("fostair", "foster")),
    Drug("fluticasone + formoterol", ("laba_ics",), ("flutiform",)),
    Drug("fluticasone + umeclidinium + vilanterol", ("laba_ics",), ("trelegy",)),
    Drug("beclometasone + formoterol + glycopyrronium", ("laba_ics",), ("trimbow",)),
    Drug("budesonide + glycopyrrolate + formoterol", ("laba_ics",), ("breztri", "trixeo")),
    Drug("mometasone + indacaterol", ("laba_ics",), ("atectura", "bemrist")),
    Drug("mometasone + indacaterol + glycopyrronium", ("laba_ics",), ("enerzair",)),
    # Inhaled corticosteroids: no class of their own, but with a LABA they make LABA + ICS.
    Drug("fluticasone", (ICS,)),
    Drug("budesonide", (ICS,)),
    Drug("beclometasone", (ICS,), ("beclomethasone",)),
    Drug("mometasone", (ICS,)),
    Drug("ciclesonide", (ICS,)),
    # American Academy of Family Physicians 2012: most strongly associated.
    Drug("iron sucrose", ("iron_sucrose",), ("venofer",)),
    Drug(
        "conjugated estrogens",
        ("conjugated_estrogens",),
        (
            "conjugated oestrogens",
            "conjugated estrogen",
            "premarin",
            "prempro",
            "premphase",
            "premique",
            "prempak c",
            "prempak",
            "duavee",
        ),
    ),
    Drug("raloxifene", ("raloxifene",), ("evista",)),
    Drug(
        "naproxen",
        ("naproxen",),
        ("aleve", "naprosyn", "anaprox", "naprelan", "vimovo", "synflex", "naprogesic"),
    ),
    Drug("teriparatide", ("teriparatide",), ("forteo", "forsteo", "bonsity", "movymia", "terrosa")),
    # American Academy of Family Physicians 2012: cramps reported in studies.
    Drug("clonazepam", ("reported_in_trials", "sedative"), ("klonopin", "rivotril")),
    Drug("celecoxib", ("reported_in_trials",), ("celebrex",)),
    Drug("zolpidem", ("reported_in_trials",), ("ambien", "stilnox", "edluar")),
    Drug("citalopram", ("citalopram_escitalopram",), ("celexa", "cipramil")),
    Drug("escitalopram", ("citalopram_escitalopram",), ("cipralex", "lexapro")),
    Drug("gabapentin", ("gabapentinoid",), ("neurontin", "gralise", "horizant")),
    Drug("pregabalin", ("gabapentinoid",), ("lyrica", "alzain", "axalid")),
    # NICE CKS 2012 (salbutamol, nifedipine) and the Merck Manual (bronchodilators).
    Drug(
        "salbutamol",
        ("short_acting_beta_agonist",),
        ("albuterol", "ventolin", "proair", "proventil", "airomir", "salamol"),
    ),
    Drug("levosalbutamol", ("short_acting_beta_agonist",), ("levalbuterol", "xopenex")),
    Drug("terbutaline", ("short_acting_beta_agonist",), ("bricanyl",)),
    Drug("ipratropium + salbutamol", ("short_acting_beta_agonist",), ("combivent",)),
    Drug("nifedipine", (DHP,), ("adalat", "procardia", "coracten")),
    # Amlodipine: its label; felodipine and lercanidipine are left out (no cramps found on
    # their labels), and so is verapamil.
    Drug("amlodipine", (DHP,), ("norvasc", "istin", "katerzia", "norliqva")),
    # ACE inhibitors: labels and a review of placebo-controlled trials (a thin link).
    Drug("lisinopril", (ACE,), ("zestril", "prinivil", "qbrelis")),
    Drug("ramipril", (ACE,), ("tritace", "altace")),
    Drug("enalapril", (ACE,), ("innovace", "vasotec")),
    Drug("perindopril", (ACE,), ("coversyl",)),
    Drug("captopril", (ACE,), ("capoten", "noyada")),
    Drug("quinapril", (ACE,), ("accupril", "accupro")),
    Drug("trandolapril", (ACE,), ("gopten",)),
    Drug("fosinopril", (ACE,), ("monopril",)),
    Drug("benazepril", (ACE,), ("lotensin",)),
    Drug("moexipril", (ACE,), ("univasc",)),
    Drug("cilazapril", (ACE,), ("vascace",)),
    Drug("imidapril", (ACE,), ("tanatril",)),
    Drug("zofenopril", (ACE,), ("zofenil",)),
    Drug("amlodipine + benazepril", (ACE, DHP), ("lotrel",)),
    Drug("perindopril + amlodipine", (ACE, DHP)),
    Drug("trandolapril + verapamil", (ACE,), ("tarka",)),
    Drug("ramipril + felodipine", (ACE,), ("triapin",)),
    Drug("enalapril + lercanidipine", (ACE,), ("zanipress", "coripren")),
    # Merck Manual: angiotensin receptor blockers.
    Drug("losartan", ("arb",), ("cozaar",)),
    Drug("valsartan", ("arb",), ("diovan",)),
    Drug("irbesartan", ("arb",), ("avapro", "aprovel")),
    Drug("candesartan", ("arb",), ("atacand", "amias")),
    Drug("olmesartan", ("arb",), ("benicar", "olmetec")),
    Drug("telmisartan", ("arb",), ("micardis",)),
    Drug("azilsartan", ("arb",), ("edarbi",)),
    Drug("eprosartan", ("arb",), ("teveten",)),
    Drug("sacubitril + valsartan", ("arb",), ("entresto",)),
    Drug("amlodipine + valsartan", ("arb", DHP), ("exforge",)),
    Drug("amlodipine + olmesartan", ("arb", DHP), ("azor", "sevikar")),
    Drug("telmisartan + amlodipine", ("arb", DHP), ("twynsta",)),
    # BMJ Best Practice and Merck: beta-blockers with intrinsic sympathomimetic activity.
    Drug("pindolol", ("beta_blocker_isa",), ("visken",)),
    Drug("acebutolol", ("beta_blocker_isa",), ("sectral",)),
    Drug("celiprolol", ("beta_blocker_isa",), ("celectol",)),
    Drug("oxprenolol", ("beta_blocker_isa",), ("trasicor",)),
    Drug("carteolol", ("beta_blocker_isa",), ("cartrol",)),
    Drug("penbutolol", ("beta_blocker_isa",), ("levatol",)),
    # Merck Manual: other medicines.
    Drug("cisplatin", ("chemotherapy",), ("platinol",)),
    Drug("vincristine", ("chemotherapy",), ("oncovin",)),
    Drug("imatinib", ("imatinib",), ("gleevec", "glivec")),
    # Fibrates: Merck (clofibrate), the fenofibrate label, myopathy with every fibrate.
    Drug("clofibrate", ("fibrate",), ("atromid",)),
    Drug(
        "fenofibrate",
        ("fibrate",),
        (
            "fenofibric acid",
            "tricor",
            "trilipix",
            "fibricor",
            "antara",
            "fenoglide",
            "triglide",
            "lipofen",
            "lipantil",
            "supralip",
            "lipidil",
        ),
    ),
    Drug("gemfibrozil", ("fibrate",), ("lopid",)),
    Drug("bezafibrate", ("fibrate",), ("bezalip",)),
    Drug("ciprofibrate", ("fibrate",), ("modalim",)),
    Drug("simvastatin + fenofibrate", ("statin", "fibrate")),
    Drug("donepezil", ("donepezil",), ("aricept",)),
    Drug("tolcapone", ("tolcapone",), ("tasmar",)),
    Drug("pyrazinamide", ("pyrazinamide",), ("rifater",)),
    Drug(
        "oral contraceptive",
        ("oral_contraceptive",),
        (
            "oral contraceptives",
            "contraceptive pill",
            "birth control pill",
            "birth control",
            "combined pill",
            "ethinylestradiol",
            "ethinyl estradiol",
            "ethinyloestradiol",
            "drospirenone",
            "desogestrel",
            "norgestimate",
            "yasmin",
            "yaz",
            "microgynon",
            "rigevidon",
            "loestrin",
            "marvelon",
            "femodene",
            "cilest",
            "cerazette",
        ),
    ),
    Drug(
        "amfetamine",
        ("stimulant",),
        (
            "amphetamine",
            "dexamfetamine",
            "dextroamphetamine",
            "lisdexamfetamine",
            "adderall",
            "dexedrine",
            "vyvanse",
            "elvanse",
        ),
    ),
    Drug("pseudoephedrine", ("stimulant",), ("sudafed",)),
    Drug("ephedrine", ("stimulant",)),
    Drug("nicotine", ("stimulant",), ("nicorette", "nicoderm", "nicotinell", "niquitin")),
    Drug("caffeine tablets", ("stimulant",), ("caffeine", "no doz", "nodoz", "pro plus")),
    Drug("cocaine", ("stimulant",)),
    Drug("diazepam", ("sedative",), ("valium",)),
    Drug("lorazepam", ("sedative",), ("ativan",)),
    Drug("alprazolam", ("sedative",), ("xanax",)),
    Drug("temazepam", ("sedative",), ("restoril",)),
    Drug("oxazepam", ("sedative",)),
    Drug("chlordiazepoxide", ("sedative",), ("librium",)),
    Drug("nitrazepam", ("sedative",), ("mogadon",)),
    Drug("phenobarbital", ("sedative",), ("phenobarbitone", "luminal")),
    Drug("butalbital", ("sedative",), ("fioricet", "fiorinal")),
    # FDA 2010: quinine is not for leg cramps.
    Drug(
        "quinine",
        ("quinine",),
        ("qualaquin", "quinine sulfate", "quinine sulphate", "quinine bisulfate", "tonic water"),
    ),
)
"""Every medicine the matcher recognises. Classes starting with ``_`` are markers, not classes."""
