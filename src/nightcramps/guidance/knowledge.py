"""The knowledge base: what the article claims, what the evidence says, and how sure it is.

Written in our own words from the sources in ``citations.py``. Each entry grades the claim in its
title on the five-step scale of ``GRADES`` and names the publications it rests on. The article
(``/work/shared/seed/night-muscle-cramps-article.txt``) is quoted in paraphrase as "the article".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nightcramps.guidance.citations import CITATIONS, Citation

Grade = Literal["strong", "moderate", "weak", "none", "contradicted"]
Kind = Literal["cause", "prevention", "relief", "safety"]

GRADES: dict[Grade, str] = {
    "strong": "A systematic review or meta-analysis of randomised trials, or high-certainty "
    "evidence, supports it.",
    "moderate": "At least one adequately sized, well-run randomised trial, or consistent "
    "moderate-certainty evidence, supports it.",
    "weak": "Only small or low-quality trials, observational associations or expert opinion "
    "support it.",
    "none": "Nothing was found that supports it.",
    "contradicted": "Good-quality evidence finds no effect, or trials of similar quality disagree.",
}
"""What each grade means (the key of the project's evidence review, evidence.md)."""

KINDS: dict[Kind, str] = {
    "cause": "Causes and things linked with cramps",
    "prevention": "Prevention",
    "relief": "During a cramp",
    "safety": "Safety and when to see a doctor",
}

FACTOR_KEYS = (
    "fluid_ml",
    "magnesium_mg",
    "potassium_mg",
    "calcium_mg",
    "sodium_mg",
    "exercise_min",
    "steps",
    "exertion_ratio",
    "stretched",
    "alcohol_drinks",
    "caffeine_mg",
    "sleep_h",
    "massage",
    "heat",
    "supplements",
)
"""The logged factors other features ask guidance for (``service.guidance_for``)."""

NOT_IN_ARTICLE = "The article does not mention this."


@dataclass(frozen=True, slots=True)
class Entry:
    """One cause, remedy or safety topic."""

    slug: str
    title: str
    kind: Kind
    grade: Grade
    summary: str
    """One sentence for lists and badges."""
    article_claim: str
    """What the article says, in paraphrase (or ``NOT_IN_ARTICLE``)."""
    evidence: str
    """What the evidence says, with numbers where the sources give them."""
    grade_note: str
    """Why this grade."""
    advice: str
    """What it means in practice; never a diagnosis, never "stop taking"."""
    citations: tuple[str, ...]
    """Keys into ``citations.CITATIONS``; the first is the main source."""
    factors: tuple[str, ...] = ()
    """Logged factors (``FACTOR_KEYS``) this entry explains."""

    @property
    def sources(self) -> tuple[Citation, ...]:
        """The citations themselves."""
        return tuple(CITATIONS[key] for key in self.citations)

    @property
    def citation(self) -> str:
        """The main citation's short form, shown in badges."""
        return CITATIONS[self.citations[0]].short


ENTRIES: tuple[Entry, ...] = (
    # ------------------------------------------------------------------ causes named by the article
    Entry(
        slug="electrolytes",
        title="Electrolyte imbalance (magnesium, potassium, calcium)",
        kind="cause",
        grade="contradicted",
        summary="Ordinary night cramps are probably not caused by an electrolyte imbalance.",
        article_claim="The article says night cramps are usually linked to an electrolyte "
        "imbalance: when magnesium, potassium or calcium are out of balance, nerves and muscles "
        "misfire and cramp.",
        evidence="A review for family doctors concludes that ordinary night cramps most likely "
        "come from muscle fatigue and nerve dysfunction, not from electrolyte abnormalities "
        "(Allen & Kirby 2012). People with the common, unexplained kind usually have normal blood "
        "salts. A real deficiency found on a blood test (low potassium, magnesium or calcium) can "
        "cause cramps, which is why doctors check these only when they suspect another cause "
        "(NICE CKS). Magnesium tablets do no better than placebo for ordinary cramps in older "
        "adults (Garrison 2020).",
        grade_note="Contradicted for everyday night cramps; a deficiency shown on a blood test "
        "is a different matter and is a doctor's call.",
        advice="There is no need to change your diet or buy supplements because of this claim. "
        "If a doctor has found a low level in a blood test, follow their advice.",
        citations=("allen2012", "nice_cks", "garrison2020", "merck"),
    ),
    Entry(
        slug="magnesium",
        title="Magnesium",
        kind="cause",
        grade="contradicted",
        summary="Magnesium supplements do no better than placebo for ordinary cramps in older "
        "adults.",
        article_claim="The article names too little magnesium as a cause, and suggests "
        "magnesium-rich food and, after talking to a doctor, supplements.",
        evidence="A Cochrane review of 11 trials (735 people) found that magnesium is unlikely to "
        "reduce ordinary cramps in older adults: cramps per week changed by -0.18 (95% CI -0.84 "
        "to 0.49) compared with placebo, and the share of people who improved by a quarter or "
        "more was the same (risk ratio 1.04) (Garrison 2020). In a crossover trial, people had "
        "11.8 cramps a month on magnesium citrate and 11.1 on placebo; everyone improved over "
        "time, placebo included (Frusso 1999). For cramps in pregnancy the small trials disagree "
        "and no conclusion can be drawn (Cochrane 2020, CD010655).",
        grade_note="Contradicted: high- and moderate-certainty evidence of no useful effect in "
        "older adults; inconclusive in pregnancy.",
        advice="Magnesium from food is fine. For supplements, the safe upper limit is 350 mg a "
        "day of supplemental magnesium for anyone aged 9 or over (food does not count towards "
        "it), and people with kidney disease should take them only if their doctor agrees "
        "(Institute of Medicine 1997).",
        citations=("garrison2020", "frusso1999", "cochrane_pregnancy2020", "iom1997"),
        factors=("magnesium_mg",),
    ),
    Entry(
        slug="potassium",
        title="Potassium",
        kind="cause",
        grade="weak",
        summary="A clearly low blood potassium can cause cramps; eating more potassium has not "
        "been tested for night cramps.",
        article_claim="The article lists potassium among the minerals whose imbalance causes "
        "cramps, and suggests potassium-rich foods such as bananas, avocados and beans.",
        evidence="A clearly low blood potassium (hypokalaemia) is a recognised cause of muscle "
        "cramps in general (Merck Manual). In ordinary night cramps no electrolyte problem is "
        "usually found (Allen & Kirby 2012), and doctors test potassium only when another cause "
        "is suspected (NICE CKS). No trial has tested potassium-rich food or potassium "
        "supplements for night cramps.",
        grade_note="Weak: true only for a deficiency shown on a blood test; no trials for "
        "ordinary night cramps.",
        advice="Potassium-rich food is part of a healthy diet anyway. Take potassium supplements "
        "only if a doctor prescribes them.",
        citations=("merck", "allen2012", "nice_cks"),
        factors=("potassium_mg",),
    ),
    Entry(
        slug="calcium",
        title="Calcium",
        kind="cause",
        grade="weak",
        summary="A clearly low blood calcium can cause cramps; extra calcium has not been shown "
        "to help night cramps.",
        article_claim="The article lists calcium among the minerals whose imbalance causes "
        "cramps, and suggests leafy greens and other calcium-rich foods.",
        evidence="A low blood calcium (hypocalcaemia) can cause cramps (Merck Manual). In "
        "ordinary night cramps no such problem is usually found (Allen & Kirby 2012). In "
        "pregnancy, small trials of calcium tablets gave low- or very-low-certainty results and "
        "no firm conclusion (Cochrane 2020, CD010655).",
        grade_note="Weak: true for a deficiency shown on a blood test; trials of calcium are "
        "small and inconclusive.",
        advice="Eat calcium-rich food as part of a normal diet; ask a doctor or midwife before "
        "taking calcium tablets for cramps.",
        citations=("merck", "allen2012", "cochrane_pregnancy2020"),
        factors=("calcium_mg",),
    ),
    Entry(
        slug="sodium",
        title="Sodium (salt)",
        kind="cause",
        grade="none",
        summary="Nothing links salt intake to ordinary night cramps.",
        article_claim="The article does not name sodium; it speaks of electrolytes in general.",
        evidence="Reviews of night cramps do not find a salt (sodium) problem behind them (Allen "
        "& Kirby 2012); doctors check blood sodium only when they suspect another cause (NICE "
        "CKS). No trial has tested eating more or less salt for night cramps.",
        grade_note="None: no study supports a link for night cramps.",
        advice="NightCramps shows your sodium intake against the reference amounts for general "
        "health, not as a cramp remedy.",
        citations=("allen2012", "nice_cks"),
        factors=("sodium_mg",),
    ),
    Entry(
        slug="dehydration",
        title="Dehydration",
        kind="cause",
        grade="weak",
        summary="Often blamed, but not shown to cause ordinary night cramps.",
        article_claim="The article says dehydration causes cramps by upsetting the electrolyte "
        "balance and tiring the muscles.",
        evidence="No study has shown that people with night cramps are short of fluid. A review "
        "for family doctors puts ordinary night cramps down to muscle fatigue and nerve "
        "dysfunction rather than to electrolyte or other abnormalities (Allen & Kirby 2012), "
        "while the NHS lists not drinking enough as a possible cause and Mayo Clinic advises "
        "plenty of fluids. In a large US survey, the blood's concentration hardly "
        "differed between people who drank little and people who drank a lot, so most people "
        "keep their water balance across a wide range of intakes (Institute of Medicine 2004).",
        grade_note="Weak: rests on consumer health pages (NHS, Mayo Clinic) only, and the "
        "review of its mechanism points elsewhere.",
        advice="Drink when thirsty and more in heat or exercise. Whether more fluid helps you can "
        "be tested with a personal experiment.",
        citations=("allen2012", "nhs", "mayo", "iom2004"),
    ),
    Entry(
        slug="circulation",
        title="Poor circulation",
        kind="cause",
        grade="weak",
        summary="Night cramps are more common with vascular disease, but only part of the picture.",
        article_claim="The article says poor circulation can bring on night cramps by reducing "
        "the oxygen and nutrients reaching the muscles.",
        evidence="Night cramps are associated with vascular disease (Allen & Kirby 2012). In a UK "
        "general-practice survey, angina and calf pain on walking (claudication) went with more "
        "cramps, but explained only about 12% of the differences between people (Naylor & Young "
        "1994). These are associations from observational studies, not proof that poor "
        "circulation causes the cramps.",
        grade_note="Weak to moderate association from observational studies; graded weak.",
        advice="Calf pain that comes on when you walk and eases when you stop is a different "
        "symptom from a cramp, and a doctor should check it (NICE CKS).",
        citations=("allen2012", "naylor1994", "nice_cks"),
    ),
    Entry(
        slug="overexertion",
        title="Overexertion and unaccustomed exercise",
        kind="cause",
        grade="moderate",
        summary="Strenuous exercise and muscle fatigue are linked with cramps.",
        article_claim="The article says working your muscles hard during the day, especially if "
        "you are not used to it, leaves them prone to cramp at night.",
        evidence="Strenuous exercise is among the risk factors most strongly associated with "
        "cramps (BMJ Best Practice), and muscle fatigue is the most likely mechanism of night "
        "cramps (Allen & Kirby 2012). Health services also list over-use of the muscles "
        "(Cleveland Clinic). This is an association from clinical studies; no trial has tested "
        "cutting back exercise.",
        grade_note="Moderate as an association; untested as a remedy.",
        advice="NightCramps compares each day's exertion with your own previous 28 days, so you "
        "can see whether unusually hard days come before your cramp nights.",
        citations=("bmj_bp", "allen2012", "cleveland"),
        factors=("exertion_ratio",),
    ),
    # ------------------------------------------------------------------ other causes and links
    Entry(
        slug="sitting-standing",
        title="Long sitting or standing",
        kind="cause",
        grade="weak",
        summary="Long standing at work went with night cramps in men in one survey; long sitting "
        "has not been studied.",
        article_claim=NOT_IN_ARTICLE,
        evidence="In a survey of 2,165 Korean workers, men whose work kept them standing for long "
        "periods reported night cramps more often; in women the link was not significant (Bahk "
        "2012). Health information pages also mention sitting for long periods, sitting "
        "awkwardly, and standing or working on concrete floors (Cleveland Clinic). No study has "
        "looked at long sitting, and none has tested whether changing it helps.",
        grade_note="Weak: one cross-sectional survey for standing; long sitting rests on a "
        "consumer health page only.",
        advice="If you log long sitting or standing days, NightCramps can show whether your cramp "
        "nights follow them.",
        citations=("bahk2012", "cleveland"),
    ),
    Entry(
        slug="foot-position",
        title="Foot position in bed",
        kind="cause",
        grade="weak",
        summary="Toes pointed under tight covers shorten the calf; an untested idea.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Lying with the knees bent and the toes pointed keeps the calf short, which may "
        "make it easier to cramp; Mayo Clinic suggests loosening the covers at the foot of the "
        "bed. This is a theory: no study of foot position in bed was found.",
        grade_note="Weak: rests only on a theory and the advice of a consumer health page (Mayo "
        "Clinic); nothing has tested it.",
        advice="Loose covers at the foot of the bed cost nothing to try.",
        citations=("mayo",),
    ),
    Entry(
        slug="varicose-veins",
        title="Varicose veins",
        kind="cause",
        grade="weak",
        summary="Listed as a risk factor; doctors look for them when assessing cramps.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Varicose veins are one of the signs a doctor looks for when assessing leg "
        "cramps (NICE CKS). The link rests on clinical experience, not on trials.",
        grade_note="Weak: listed by guidelines without studies behind it.",
        advice="Mention varicose veins if you see a doctor about your cramps.",
        citations=("nice_cks",),
    ),
    Entry(
        slug="age",
        title="Age",
        kind="cause",
        grade="moderate",
        summary="Night cramps become more common with age.",
        article_claim=NOT_IN_ARTICLE,
        evidence="In a UK general-practice survey 37% had rest cramps, more often the older they "
        "were (Naylor & Young 1994). In French general practice about 46% of people over 60 had "
        "cramps (Maisonneuve 2016), and a US national survey found that cramps rise with age "
        "(Grandner & Winkelman 2017).",
        grade_note="Moderate: consistent findings from several large observational studies.",
        advice="Age is not something to change, but it helps to know that cramps are common in "
        "later life and often settle on their own (NICE CKS).",
        citations=("naylor1994", "maisonneuve2016", "grandner2017", "nice_cks"),
    ),
    Entry(
        slug="pregnancy",
        title="Pregnancy",
        kind="cause",
        grade="moderate",
        summary="Leg cramps are common in pregnancy, especially late on, and usually stop after "
        "birth.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Pregnancy is strongly associated with cramps, especially in the last three "
        "months, and they usually stop after the birth (BMJ Best Practice). About 40% of "
        "pregnant women have them (Cleveland Clinic). Treatment trials in pregnancy are small "
        "and their certainty low or very low (Cochrane 2020, CD010655).",
        grade_note="Moderate as an association.",
        advice="Ask your midwife or doctor before taking any supplement for cramps in pregnancy.",
        citations=("bmj_bp", "cleveland", "cochrane_pregnancy2020"),
    ),
    Entry(
        slug="kidney-disease",
        title="Kidney disease and dialysis",
        kind="cause",
        grade="moderate",
        summary="Cramps are very common during haemodialysis.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Haemodialysis is strongly associated with cramps: between 15% and 87% of "
        "people have them during dialysis (BMJ Best Practice). A review for family doctors also "
        "lists haemodialysis among the conditions linked with night cramps (Allen & Kirby 2012).",
        grade_note="Moderate as an association.",
        advice="With kidney disease, talk to your kidney team before taking any supplement, "
        "magnesium in particular (Institute of Medicine 1997).",
        citations=("bmj_bp", "allen2012", "iom1997"),
    ),
    Entry(
        slug="liver-disease",
        title="Liver disease",
        kind="cause",
        grade="moderate",
        summary="Cramps are common in cirrhosis.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Cirrhosis is strongly associated with cramps; studies report them in 22% to 88% "
        "of people (BMJ Best Practice). A review for family doctors also lists cirrhosis among "
        "the conditions linked with night cramps (Allen & Kirby 2012).",
        grade_note="Moderate as an association.",
        advice="Tell your liver team about frequent cramps.",
        citations=("bmj_bp", "allen2012"),
    ),
    Entry(
        slug="lumbar-stenosis",
        title="Narrowing of the spinal canal (lumbar stenosis)",
        kind="cause",
        grade="weak",
        summary="Associated with night cramps.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Lumbar canal stenosis is among the conditions associated with night cramps "
        "(Allen & Kirby 2012).",
        grade_note="Weak: an association without detail.",
        advice="Numbness in the legs together with cramps is a reason to see a doctor (NHS).",
        citations=("allen2012", "nhs"),
    ),
    Entry(
        slug="diabetes",
        title="Diabetes and nerve damage",
        kind="cause",
        grade="weak",
        summary="Diabetic nerve damage and low blood sugar are linked with cramps.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Among 150 adults with type 2 diabetes, about half (48%) had had muscle cramps "
        "in the previous three months, and cramps were more common in those with diabetic eye "
        "disease (retinopathy), a sign of damage to small blood vessels; blood calcium and "
        "magnesium did not differ (Hu 2022). In a US national survey, a higher HbA1c (long-term "
        "blood sugar) went with night cramps (Grandner & Winkelman 2017). Low blood sugar in "
        "diabetes is listed as a risk factor (BMJ Best Practice), and Mayo Clinic names diabetic "
        "nerve damage as a cause.",
        grade_note="Weak: observational studies only, one of them without a comparison group "
        "of people without diabetes.",
        advice="If you have diabetes and new cramps, mention them at your next diabetes check.",
        citations=("hu2022", "grandner2017", "bmj_bp", "mayo"),
    ),
    Entry(
        slug="neuropathy",
        title="Peripheral neuropathy",
        kind="cause",
        grade="weak",
        summary="Nerve damage in the legs is both a risk factor and a look-alike.",
        article_claim=NOT_IN_ARTICLE,
        evidence="In a case-control study of 160 adults, night-time calf cramps went with tingling "
        "in the legs (odds ratio 4.1), muscle twitching (4.6) and weaker ankle muscles, signs "
        "that nerves are involved (Hawke 2013). Among male veterans treated for night cramps, a "
        "loss of nerve function in the legs was more common than in matched controls (12% "
        "against 0%) (Haskell & Fiebach 1997). Peripheral neuropathy is also one of the "
        "conditions a doctor tells apart from night cramps (Allen & Kirby 2012), and numbness "
        "in the legs with cramps is a reason to see a GP (NHS).",
        grade_note="Weak: small observational studies.",
        advice="Numbness in the legs together with cramps: see a doctor.",
        citations=("hawke2013", "haskell1997", "allen2012", "nhs"),
    ),
    Entry(
        slug="thyroid",
        title="Underactive thyroid",
        kind="cause",
        grade="weak",
        summary="Listed among the causes of cramps.",
        article_claim=NOT_IN_ARTICLE,
        evidence="An underactive thyroid is listed among the causes of muscle cramps (Merck "
        "Manual); doctors ask about thyroid disease and test for it only when they suspect it "
        "(NICE CKS).",
        grade_note="Weak.",
        advice="If a doctor assesses your cramps, they may check your thyroid (NICE CKS).",
        citations=("merck", "nice_cks"),
    ),
    Entry(
        slug="parkinsonism",
        title="Parkinson's disease and related conditions",
        kind="cause",
        grade="weak",
        summary="A look-alike that doctors rule out when they assess cramps.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Parkinsonism and dystonia are among the conditions a doctor rules out when "
        "assessing cramps (NICE CKS).",
        grade_note="Weak.",
        advice="A doctor can tell these conditions apart from ordinary cramps.",
        citations=("nice_cks",),
    ),
    Entry(
        slug="widespread-cramps",
        title="Cramps in many muscles, with weakness",
        kind="safety",
        grade="moderate",
        summary="Widespread cramps with weakness can be a sign of a nerve disease: a doctor "
        "should check.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Ordinary night cramps affect the calf or foot, last under ten minutes and ease "
        "with stretching (BMJ Best Practice; Hallegraeff 2017). Cramps in many muscles, "
        "especially with weakness or muscle wasting, can be a sign of a disease of the nerves "
        "that supply the muscles, such as motor neuron disease (BMJ Best Practice).",
        grade_note="Moderate as a warning sign in clinical guidance.",
        advice="See a doctor if your cramps spread to many muscles or come with weakness or "
        "muscles getting thinner.",
        citations=("bmj_bp", "hallegraeff2017"),
    ),
    Entry(
        slug="sex-and-family",
        title="Female sex and family history",
        kind="cause",
        grade="weak",
        summary="Weakly associated; studies disagree on sex.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Female sex and a family history of cramp are listed as less strongly "
        "associated risk factors (BMJ Best Practice). A study of 516 people over 60 in French "
        "general practice found no difference between men and women (Maisonneuve 2016).",
        grade_note="Weak: the evidence is mixed.",
        advice="Nothing to change; it helps explain why cramps run in some families.",
        citations=("bmj_bp", "maisonneuve2016"),
    ),
    Entry(
        slug="alcohol",
        title="Alcohol",
        kind="cause",
        grade="weak",
        summary="People over 60 who drank more alcohol had more night cramps in one study.",
        article_claim=NOT_IN_ARTICLE,
        evidence="In a case-control study in 67 French general practices, people over 60 with "
        "night cramps drank more alcohol than matched people without them (odds ratio 6.5, "
        "with a wide uncertainty range of 1.7 to 38) (Delacour 2018). Stopping sedatives such "
        "as alcohol suddenly is also listed among the causes of muscle cramps (Merck Manual). "
        "No trial has tested cutting down alcohol for night cramps.",
        grade_note="Weak: one case-control study; no trials.",
        advice="Log your drinks and NightCramps can show whether your cramp nights follow "
        "drinking days.",
        citations=("delacour2018", "merck"),
        factors=("alcohol_drinks",),
    ),
    Entry(
        slug="caffeine",
        title="Caffeine",
        kind="cause",
        grade="weak",
        summary="Stimulants such as caffeine are listed among drugs that can cause cramps.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Stimulants, caffeine among them, are listed among the drugs that can cause "
        "muscle cramps (Merck Manual). No study has looked at caffeine and night cramps "
        "specifically.",
        grade_note="Weak: rests only on a listing in a consumer reference (Merck Manual); no "
        "study of caffeine and night cramps was found.",
        advice="Log coffee, tea and cola, and see in your insights whether late caffeine comes "
        "before your cramp nights.",
        citations=("merck",),
        factors=("caffeine_mg",),
    ),
    Entry(
        slug="sleep",
        title="Short or poor sleep",
        kind="cause",
        grade="weak",
        summary="Night cramps go with shorter, poorer sleep; which causes which is unclear.",
        article_claim="The article says cramps disrupt sleep and leave you sore in the morning.",
        evidence="In a US national survey, people with moderate to severe night cramps slept "
        "less and had more sleep complaints (Grandner & Winkelman 2017). The survey measured "
        "both at one time, so it cannot tell whether short sleep brings on cramps or cramps cut "
        "sleep short.",
        grade_note="Weak: a cross-sectional association; the direction is unknown.",
        advice="If cramps are disturbing your sleep a lot, see a doctor (NHS).",
        citations=("grandner2017", "nhs"),
        factors=("sleep_h",),
    ),
    Entry(
        slug="heart-and-metabolism",
        title="Heart disease, blood pressure, weight and smoking",
        kind="cause",
        grade="weak",
        summary="Several heart and metabolic conditions go with more night cramps.",
        article_claim=NOT_IN_ARTICLE,
        evidence="In a US national survey, moderate to severe night cramps went with higher body "
        "weight, smoking, high blood pressure, heart failure, angina, stroke, arthritis and "
        "symptoms of depression (Grandner & Winkelman 2017). These are associations measured "
        "at one point in time.",
        grade_note="Weak: cross-sectional associations.",
        advice="An association like this does not show that these conditions cause cramps, or "
        "the other way round.",
        citations=("grandner2017",),
    ),
    Entry(
        slug="medicines",
        title="Medicines linked with cramps",
        kind="cause",
        grade="moderate",
        summary="Some diuretics, asthma inhalers (LABAs) and statins are linked with cramps: "
        "talk to your prescriber.",
        article_claim=NOT_IN_ARTICLE,
        evidence="In 4.2 million British Columbia residents, people aged 50 and over were more "
        "likely to start cramp treatment in the year after starting certain medicines than in "
        "the year before: long-acting beta-agonist inhalers about 2.4 times (95% CI 2.0 to 2.9), "
        "potassium-sparing diuretics 2.1 times (1.6 to 2.8), thiazide-like diuretics 1.5 times "
        "(1.3 to 1.7); the links for statins (1.16) and loop diuretics (1.20, not significant) "
        "were small (Garrison 2012). Guidelines also list diuretics, salbutamol and nifedipine "
        "(NICE CKS), and a review lists intravenous iron sucrose, conjugated estrogens, "
        "raloxifene, naproxen and teriparatide (Allen & Kirby 2012).",
        grade_note="Moderate: a large, well-designed observational study; not a trial.",
        advice="If cramps started or got worse after a new medicine, talk to your prescriber. "
        "Never stop or change a prescribed medicine on your own.",
        citations=("garrison2012", "nice_cks", "allen2012", "nhs"),
    ),
    # ------------------------------------------------------------------ prevention
    Entry(
        slug="fluids",
        title="Drinking more fluids",
        kind="prevention",
        grade="none",
        summary="No trial has tested drinking more for night cramps.",
        article_claim="The article's first tip: drink plenty of water through the day, and more "
        "when active, to keep your electrolytes balanced.",
        evidence="No trial has tested drinking more for night cramps. Mayo Clinic suggests "
        "plenty of fluids, but dehydration has not been shown to lie behind ordinary night "
        "cramps, which a review for family doctors puts down to muscle fatigue and nerve "
        "dysfunction (Allen & Kirby 2012). Total water (food included) of about 2.7 litres a "
        "day for women and 3.7 for men is an average for healthy people, not a requirement; "
        "food usually supplies about a fifth of it (Institute of Medicine 2004).",
        grade_note="None: no trial evidence either way.",
        advice="Drinking to thirst is fine. You can test whether more fluid helps you with a "
        "personal experiment.",
        citations=("iom2004", "mayo", "allen2012"),
        factors=("fluid_ml",),
    ),
    Entry(
        slug="electrolyte-foods",
        title="Foods rich in electrolytes",
        kind="prevention",
        grade="none",
        summary="Healthy food, but not tested as a cramp remedy.",
        article_claim="The article suggests bananas, avocados, leafy greens and beans to keep "
        "your electrolytes in balance.",
        evidence="No trial has tested an electrolyte-rich diet for night cramps, and "
        "electrolytes do not appear to drive ordinary night cramps (Allen & Kirby 2012). "
        "Magnesium from food does not count towards the supplement limit (Institute of "
        "Medicine 1997).",
        grade_note="None: no study of these foods for cramps.",
        advice="Eat them because they are good food. NightCramps shows your daily magnesium, "
        "potassium and calcium against the reference amounts.",
        citations=("allen2012", "iom1997"),
    ),
    Entry(
        slug="bedtime-stretching",
        title="Stretching before bed",
        kind="prevention",
        grade="weak",
        summary="One small trial found nightly calf and hamstring stretches cut cramps; another "
        "found no effect. Low-risk and worth trying.",
        article_claim="The article suggests stretching your legs, especially the calves, before "
        "bed to relax the muscles.",
        evidence="In a randomised trial of 80 adults over 55, calf and hamstring stretches done "
        "every night just before sleep for six weeks reduced cramps by 1.2 more per night than "
        "no stretching (95% CI 0.6 to 1.8), and their pain by 1.3 cm more on a 10 cm scale "
        "(Hallegraeff 2012). Participants knew their group and there was no sham stretch. An "
        "earlier trial of 191 people already on quinine, a drug no longer recommended for "
        "cramps, found that advice to stretch the calves made no difference over 12 weeks "
        "(Coppin 2005). A Cochrane review of the stretching trials rates the evidence for the "
        "nightly routine as low-certainty (Hawke 2021), and a review for family doctors calls "
        "the results mixed (AAFP 2017).",
        grade_note="Weak: two small trials disagree. The positive one was unblinded, with no "
        "sham stretch, and a Cochrane review rates its evidence low-certainty; the negative one "
        "tested advice to stretch in people taking quinine, a drug no longer recommended. They "
        "tested different things, so we do not call the claim contradicted, but neither is "
        "strong enough for moderate.",
        advice="Stretching costs nothing and carries little risk, so it is worth trying. The "
        "guided routine in NightCramps follows the positive trial: each stretch held 10 "
        "seconds, three times, both legs, in about three minutes. A personal experiment can "
        "show whether it works for you.",
        citations=("hallegraeff2012", "coppin2005", "hawke2021", "aafp2017", "nhs"),
        factors=("stretched",),
    ),
    Entry(
        slug="light-exercise",
        title="Light exercise during the day",
        kind="prevention",
        grade="weak",
        summary="Limited evidence; a few minutes on an exercise bike before bed is expert advice.",
        article_claim="The article suggests light exercise such as walking or cycling during the "
        "day to warm up and loosen the muscles.",
        evidence="Only limited evidence supports exercise and stretching for night cramps (Allen "
        "& Kirby 2012). In a case-control study of people over 60, those with a sedentary "
        "lifestyle were more likely to have night cramps, with a very wide uncertainty range "
        "(Delacour 2020). Mayo Clinic suggests a few minutes on a stationary bicycle before bed. "
        "No trial has tested daytime light exercise on its own.",
        grade_note="Weak: one case-control study, a review's limited evidence and consumer "
        "advice; no trial.",
        advice="Regular light activity is healthy; build up gradually, since unaccustomed hard "
        "exercise is itself linked with cramps.",
        citations=("allen2012", "delacour2020", "mayo", "bmj_bp"),
        factors=("exercise_min", "steps"),
    ),
    Entry(
        slug="supplements",
        title="Electrolyte supplements",
        kind="prevention",
        grade="contradicted",
        summary="The best-studied one, magnesium, does not work for ordinary cramps; talk to a "
        "doctor first.",
        article_claim="The article says a doctor may recommend electrolyte supplements for "
        "chronic cramps, and that you should ask a doctor before taking any.",
        evidence="Magnesium, the supplement studied most, does no better than placebo for "
        "ordinary cramps in older adults (Garrison 2020). No trials of potassium or calcium "
        "supplements for ordinary night cramps were found, and in pregnancy the small supplement "
        "trials are inconclusive (Cochrane 2020, CD010655).",
        grade_note="Contradicted for magnesium; untested for the others.",
        advice="The article is right to say: talk to a doctor first. Keep supplemental magnesium "
        "at or under 350 mg a day, and with kidney disease take it only if your doctor agrees "
        "(Institute of Medicine 1997).",
        citations=("garrison2020", "cochrane_pregnancy2020", "iom1997"),
        factors=("supplements",),
    ),
    Entry(
        slug="vitamin-b",
        title="Vitamin B complex",
        kind="prevention",
        grade="weak",
        summary="One small trial; neurologists rate it 'possibly effective'.",
        article_claim=NOT_IN_ARTICLE,
        evidence="One small trial in older people with high blood pressure reported that a "
        "vitamin B complex reduced cramps over three months (Chan 1998). The American Academy "
        "of Neurology rates it possibly effective (level C) on that single study (Katzberg "
        "2010), and a later review says B vitamins may give short-term improvement (AAFP 2017).",
        grade_note="Weak: one small trial.",
        advice="Ask a doctor or pharmacist before trying it.",
        citations=("chan1998", "katzberg2010", "aafp2017"),
    ),
    Entry(
        slug="vitamin-k2",
        title="Vitamin K2",
        kind="prevention",
        grade="weak",
        summary="One double-blind trial in over-65s found fewer cramps; not yet repeated.",
        article_claim=NOT_IN_ARTICLE,
        evidence="In a double-blind trial in China of 199 people aged 65 and over, vitamin K2 "
        "(menaquinone-7, 180 micrograms a day for 8 weeks) brought weekly cramps down to 0.96 "
        "against 3.63 on placebo (difference -2.67, 95% CI -2.86 to -2.49), with shorter, milder "
        "cramps and no related side effects (Tan 2024). It is a single trial that has not yet "
        "been repeated elsewhere.",
        grade_note="Weak: a single trial, not yet repeated. Its effect is unusually large for a "
        "cramp treatment, and cramps on placebo rose during the trial, where in other trials "
        "they fell with time (Frusso 1999); until another trial confirms it, one result is not "
        "enough for moderate.",
        advice="Ask a doctor before trying it, especially if you take a blood thinner: the trial "
        "left out people on vitamin K antagonists such as warfarin.",
        citations=("tan2024", "frusso1999"),
    ),
    Entry(
        slug="calcium-channel-blockers",
        title="Diltiazem and other calcium-channel blockers",
        kind="prevention",
        grade="weak",
        summary="Prescription medicines with one small trial behind them.",
        article_claim=NOT_IN_ARTICLE,
        evidence="One small crossover trial (13 people) supports diltiazem at bedtime; the "
        "American Academy of Neurology rates it possibly effective (level C) (Katzberg 2010), "
        "and a later review says these medicines may give short-term improvement (AAFP 2017). "
        "Another medicine of the same family, nifedipine, is itself listed as a cause of cramps "
        "(NICE CKS).",
        grade_note="Weak: one very small trial.",
        advice="Only a doctor can judge whether a prescription medicine is right for you.",
        citations=("katzberg2010", "aafp2017", "nice_cks"),
    ),
    Entry(
        slug="naftidrofuryl",
        title="Naftidrofuryl",
        kind="prevention",
        grade="weak",
        summary="A prescription medicine rated 'possibly effective' on one small study.",
        article_claim=NOT_IN_ARTICLE,
        evidence="One small placebo-controlled study found more cramp-free days; the American "
        "Academy of Neurology rates it possibly effective (level C) (Katzberg 2010).",
        grade_note="Weak: one small study.",
        advice="Only a doctor can judge whether a prescription medicine is right for you.",
        citations=("katzberg2010",),
    ),
    Entry(
        slug="carisoprodol",
        title="Carisoprodol",
        kind="prevention",
        grade="weak",
        summary="A prescription muscle relaxant with limited evidence.",
        article_claim=NOT_IN_ARTICLE,
        evidence="A review lists carisoprodol among medicines with limited evidence for night "
        "cramps (Allen & Kirby 2012). Details of the trials were not found.",
        grade_note="Weak: limited evidence.",
        advice="Only a doctor can judge whether a prescription medicine is right for you.",
        citations=("allen2012",),
    ),
    Entry(
        slug="vitamin-e",
        title="Vitamin E",
        kind="prevention",
        grade="none",
        summary="No placebo-controlled trial shows a benefit.",
        article_claim=NOT_IN_ARTICLE,
        evidence="No placebo-controlled trial has shown that vitamin E helps ordinary night "
        "cramps; in the trials gathered by a Cochrane review of cramp treatment it appears only "
        "as the comparison treatment (El-Tawil 2015).",
        grade_note="None: nothing supporting found.",
        advice="There is no good reason to take it for cramps.",
        citations=("eltawil2015",),
    ),
    # ------------------------------------------------------------------ during a cramp
    Entry(
        slug="stretch-during-cramp",
        title="Stretching the muscle during a cramp",
        kind="relief",
        grade="weak",
        summary="Pull your toes up towards your knee; ordinary cramps ease with stretching.",
        article_claim="The article does not describe what to do during a cramp beyond massage "
        "and heat.",
        evidence="Ordinary night cramps respond well to stretching the cramped muscle; if they "
        "do not, a doctor should look for another cause (BMJ Best Practice). For the calf, pull "
        "the toes and foot up towards the knee (Mayo Clinic). NICE guidance for doctors "
        "advises stretching and massage as self-care (NICE CKS), and the NHS says they ease "
        "the pain. These are expert recommendations; no trial has tested them.",
        grade_note="Weak: guideline and expert advice; no trial has tested it.",
        advice="Sit with the leg straight and pull your toes up towards your knee, or stand and "
        "lean forward with the cramped leg straight behind you.",
        citations=("bmj_bp", "nice_cks", "mayo", "nhs"),
    ),
    Entry(
        slug="massage",
        title="Massage",
        kind="relief",
        grade="weak",
        summary="Rubbing the cramped muscle helps, say guidelines; no trials.",
        article_claim="The article suggests gently massaging the cramped area to ease the pain "
        "and relax the muscle.",
        evidence="NICE guidance for doctors advises stretching and massage as self-care (NICE "
        "CKS), as does the NHS, and Mayo Clinic suggests massaging the muscle with ice. No trial "
        "has tested massage for night cramps.",
        grade_note="Weak: expert guidance, no trials.",
        advice="Rub the cramped muscle firmly while you stretch it.",
        citations=("nice_cks", "nhs", "mayo"),
        factors=("massage",),
    ),
    Entry(
        slug="heat",
        title="Heat",
        kind="relief",
        grade="weak",
        summary="A warm bath or shower may relax the muscle; no trials.",
        article_claim="The article suggests heat on the cramped area to increase blood flow.",
        evidence="Mayo Clinic suggests a hot shower or warm bath to relax the muscle. No trial "
        "has tested heat for night cramps.",
        grade_note="Weak: rests only on the advice of a consumer health page (Mayo Clinic); no "
        "study has tested it.",
        advice="A warm shower or bath is the form of heat the guidance names (Mayo Clinic). "
        "Keep it warm, not hot. In pregnancy avoid very hot baths, hot tubs and saunas: heat "
        "that raises the body's temperature early in pregnancy was linked with more neural tube "
        "defects in a large cohort (Milunsky 1992). With diabetes or nerve damage in the legs, "
        "test the water with your hand or elbow first, as the feet may not feel a burn (IWGDF "
        "2019).",
        citations=("mayo", "milunsky1992", "schaper2020"),
        factors=("heat",),
    ),
    Entry(
        slug="walking",
        title="Standing up and walking",
        kind="relief",
        grade="weak",
        summary="Standing on the leg and walking about can help; no trials.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Standing and putting weight on the cramped leg may help (NHS); Mayo Clinic "
        "suggests walking around or shaking the leg. Most cramps pass on their own (NHS). No "
        "trial has tested walking during a cramp.",
        grade_note="Weak: rests only on the advice of consumer health pages (NHS, Mayo Clinic); "
        "no study has tested it.",
        advice="Stand with a hand on something steady, then walk a few steps. At night, sit "
        "on the edge of the bed first, put a light on and get up slowly: getting up quickly in "
        "the dark risks a fall, more so from 65 (NICE CG161; CDC STEADI).",
        citations=("nhs", "mayo", "nice_cg161", "cdc_steadi2017"),
    ),
    Entry(
        slug="painkillers",
        title="Painkillers",
        kind="relief",
        grade="none",
        summary="Too slow to stop a cramp; may ease soreness afterwards.",
        article_claim=NOT_IN_ARTICLE,
        evidence="Paracetamol or ibuprofen will not help during a cramp because they act too "
        "slowly (NHS). They may ease the soreness that can last up to a day afterwards (NHS; "
        "NICE CKS).",
        grade_note="None for stopping a cramp.",
        advice="Painkillers do not help during a cramp itself. For soreness afterwards, "
        "paracetamol used as its leaflet says is the usual first choice (the FDA names it for "
        "pain in pregnancy). Ibuprofen, naproxen and other anti-inflammatory painkillers "
        "(NSAIDs) are not for everyone: avoid them from about 20 weeks of pregnancy unless a "
        "doctor advises them (FDA 2020), and ask a doctor or pharmacist first if you have "
        "kidney disease (KDIGO 2024), heart failure (ESC 2021), a stomach ulcer or take a blood "
        "thinner, or are 65 or over (AGS Beers Criteria 2023). Naproxen is itself one of the "
        "medicines linked with cramps (Allen & Kirby 2012).",
        citations=(
            "nhs",
            "nice_cks",
            "fda2020_nsaids",
            "kdigo2024",
            "mcdonagh2021",
            "beers2023",
            "allen2012",
        ),
    ),
    # ------------------------------------------------------------------ safety
    Entry(
        slug="quinine-warning",
        title="Quinine and tonic water: not for cramps",
        kind="safety",
        grade="strong",
        summary="Do not use quinine or tonic water for cramps: regulators warn of serious harm.",
        article_claim=NOT_IN_ARTICLE,
        evidence="The US Food and Drug Administration warned in 2010 that using quinine for leg "
        "cramps can cause serious and life-threatening blood disorders, a risk not outweighed "
        "by any benefit (FDA 2010). In the UK it is not for routine use (MHRA 2010), and "
        "neurologists advise against routine use because of its toxicity (Katzberg 2010). In "
        "trials its benefit is small: about a quarter fewer cramps (El-Tawil 2015). It is the "
        "regulators who judged that so small a benefit does not justify the risk (FDA 2010; "
        "MHRA 2010). Tonic water contains quinine, so it is not a safe home remedy either.",
        grade_note="Strong: the warning rests on regulators' reviews of serious harms (FDA 2010; "
        "MHRA 2010) and an evidence-based guideline (Katzberg 2010); the systematic review "
        "(El-Tawil 2015) gives the size of the benefit, not the judgement on risk.",
        advice="Do not start quinine or tonic water for cramps. If a doctor prescribed quinine, "
        "do not change it on your own: talk to them, and report at once any unusual bruising, "
        "bleeding or purple spots on the skin (FDA 2010).",
        citations=("fda2010", "mhra2010", "katzberg2010", "eltawil2015"),
    ),
    Entry(
        slug="see-a-doctor",
        title="When to see a doctor",
        kind="safety",
        grade="weak",
        summary="Cramps over 10 minutes, swelling, numbness, weakness or cramps after a new "
        "medicine: see a doctor.",
        article_claim="The article ends: consult your doctor if the cramps persist.",
        evidence="See a doctor if cramps last longer than ten minutes, disturb your sleep a lot, "
        "or come with numbness, swelling, weakness or muscles getting smaller (NHS; Mayo "
        "Clinic). A calf that is swollen, red or warm, or a calf pain that keeps getting worse "
        "instead of easing like the soreness a cramp leaves, can be a sign of a blood clot, "
        "which a doctor must rule out (NICE CKS). Cramps in many muscles or in the daytime, or "
        "cramps that do not ease with stretching, suggest another cause (BMJ Best Practice). "
        "A possibly tetanus-infected wound or exposure to toxins such as lead or mercury needs "
        "urgent care (NHS; Mayo Clinic). Some medicines are followed by cramps more often than "
        "chance would explain (Garrison 2012), so cramps after a new medicine are worth raising "
        "with the prescriber.",
        grade_note="Weak: guideline advice built on clinical experience rather than trials; "
        "checking costs little and can matter a lot.",
        advice="Use the check-up page to go through these signs; NightCramps also watches your "
        "diary for them.",
        citations=("nhs", "nice_cks", "mayo", "bmj_bp", "garrison2012"),
    ),
)

BY_SLUG: dict[str, Entry] = {entry.slug: entry for entry in ENTRIES}

BY_FACTOR: dict[str, Entry] = {factor: entry for entry in ENTRIES for factor in entry.factors}
"""The entry explaining each logged factor."""
