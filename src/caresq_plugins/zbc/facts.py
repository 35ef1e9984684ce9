"""The ZBC questionnaire: every fact the 2025 MSZ contract asks.

The ``common.*`` facts (VECOZO claims and certificates, fraud suspicion) are declared by caresq
itself and only read here; declaring them again would be a load error.
"""

from __future__ import annotations

from typing import Final

from caresq import Fact, FactType

BOOL, INTEGER, ENUM_LIST = FactType.BOOL, FactType.INTEGER, FactType.ENUM_LIST

#: The goals digital care may serve (hfst. 3), in the order the text names them.
DIGITAL_CARE_GOAL_CHOICES: Final = ("labour_potential", "cost_saving", "accessibility", "quality")

# -- requirements (hfst. 3, Voorwaarden zorgovereenkomst) ---------------------------------------
PROFESSIONAL_STANDARDS: Final = Fact(
    "zbc.professional_standards", BOOL, "care meets the professional, IGJ and ZIN standards",
    "Does all care you deliver meet at least the latest requirements, standards and norms of the "
    "profession and of the IGJ, in line with the positions of Zorginstituut Nederland?")
EVIDENCE_BASED_PROGRAMMES: Final = Fact(
    "zbc.evidence_based_programmes", BOOL, "treatment programmes meet the latest evidence",
    "Do your treatment programmes meet the latest scientific insights?")
IGJ_BASISSET: Final = Fact(
    "zbc.igj_basisset", BOOL, "meets the IGJ Basisset MSZ quality indicators",
    "Do you meet the applicable parts of the IGJ 'Basisset Medische Specialistische Zorg "
    "Kwaliteitsindicatoren'?")
BIG_RGS_REGISTERED: Final = Fact(
    "zbc.big_rgs_registered", BOOL, "all medical staff BIG-registered, specialists in the RGS",
    "Is all your medical staff BIG-registered, with the medical specialists in the specialist "
    "register of the RGS?")
QUALITY_REGISTER: Final = Fact(
    "zbc.quality_register", BOOL, "medical staff in the applicable quality registers",
    "Is all your medical staff registered in the quality register that applies to them? "
    "(Answer yes when no quality register applies.)")
QUALITY_MARK: Final = Fact(
    "zbc.quality_mark", BOOL, "quality mark or accreditation for the care type",
    "Do you hold, and work by, a quality mark or accreditation suited to the care type?")
ZN_DIGITAL_GOALS: Final = Fact(
    "zbc.zn_digital_goals", BOOL, "effort towards the ZN digitalisation goals",
    "Do you make an effort to reach the general ZN goals on digitalisation?")
DIGITAL_CARE_GOALS: Final = Fact(
    "zbc.digital_care_goals", ENUM_LIST, "goals of digital care",
    "Which goals do you use digital care for? (labour potential, cost saving, accessibility, "
    "quality of care)", DIGITAL_CARE_GOAL_CHOICES)
SATISFACTION_MONITORING: Final = Fact(
    "zbc.satisfaction_monitoring", BOOL, "monitoring of client satisfaction",
    "Do you monitor and evaluate client satisfaction and take the outcomes into your improvement "
    "cycle?")

# -- requirements (hfst. 4, VECOZO Zorginkoopportaal: "de juiste Vektis registratie") ----------
VEKTIS_REGISTRATION: Final = Fact(
    "zbc.vektis_registration", BOOL, "Vektis registration as a ZBC",
    "Are you registered with Vektis (AGB register) as a zelfstandig behandelcentrum?")

# -- expectations (hfst. 2, "we verwachten") ----------------------------------------------------
GDDZ_COMMITMENT: Final = Fact(
    "zbc.gddz_commitment", BOOL, "commitment to the Green Deal Duurzame Zorg 3.0",
    "Are you committed, demonstrably in policy and practice, to the goals of the Green Deal "
    "Duurzame Zorg 3.0?")
SUSTAINABILITY_IN_STRATEGY: Final = Fact(
    "zbc.sustainability_in_strategy", BOOL, "sustainability anchored in the strategy",
    "Is sustainability anchored in your strategy (for a smaller provider: in plans and "
    "developments)?")
ANNUAL_REPORT_REQUIRED: Final = Fact(
    "zbc.annual_report_required", BOOL, "obliged to publish an annual report",
    "Are you obliged to draw up an annual report (jaarverslag)?")
ANNUAL_REPORT_SUSTAINABILITY: Final = Fact(
    "zbc.annual_report_sustainability", BOOL, "sustainability reported in the annual report",
    "Does your annual report cover your sustainability performance and how it relates to your "
    "goals?")
FTE: Final = Fact(
    "zbc.fte", INTEGER, "fte",
    "How many fte does your organisation employ? (whole number)")
MOBILITY_PLAN: Final = Fact(
    "zbc.mobility_plan", BOOL, "mobility plan to cut staff travel CO2",
    "Have you drawn up a mobility plan to reduce the CO2 emission of staff travel (GDDZ 3.0, "
    "art. 4.2.e)?")
PUBLISHES_WAITING_TIMES: Final = Fact(
    "zbc.publishes_waiting_times", BOOL, "waiting times published per location",
    "Do you publish your current waiting times for intake and treatment, per location, on your "
    "website?")
USES_PREM: Final = Fact(
    "zbc.prem", BOOL, "use of the national PREM survey",
    "Do you use the national client experience survey PREM (Patient Related Experience "
    "Measures)?")

# -- expectations of the rest of hfst. 2 (Z8: one fact each, optional) -------------------------
INFORMS_TRANSFORMATION_PLANS: Final = Fact(
    "zbc.informs_transformation_plans", BOOL, "informs Caresq of transformation plans",
    "Do you actively inform Caresq of running transformation plans that affect your contract "
    "with Caresq?")
TRANSFORMATION_TRANSPARENCY: Final = Fact(
    "zbc.transformation_transparency", BOOL, "transparency on transformation investments and "
    "outcomes", "Are you transparent about the investments in transformation plans and about "
    "their outcomes in the (longer) term?")
LABOUR_SAVING_CARE: Final = Fact(
    "zbc.labour_saving_care", BOOL, "appropriate and labour-saving care",
    "Do you actively work on appropriate and labour-saving care, implementing promising or "
    "proven initiatives?")
INSURED_CENTRAL: Final = Fact(
    "zbc.insured_central", BOOL, "the insured central in the considerations",
    "Do you put the insured central and involve them in the considerations made?")
INFORMS_CARE_CHOICE: Final = Fact(
    "zbc.informs_care_choice", BOOL, "informs and helps the insured choose care",
    "Do you, from your expertise, inform the insured and help them choose their care?")
CONSULTATION_SUPPORT: Final = Fact(
    "zbc.consultation_support", BOOL, "consultations that prevent needless referrals",
    "Do your medical specialists help prevent needless referrals to second-line care, e.g. by "
    "consultations (meekijkconsulten) with GPs and first-line institutions?")
REFERS_BACK: Final = Fact(
    "zbc.refers_back_to_first_line", BOOL, "refers back to the first line",
    "Do you refer back to the first line when care can take place there?")
TIMELY_REFERRAL: Final = Fact(
    "zbc.timely_referral", BOOL, "referral to the right institution at the right moment",
    "Do you refer to the right institution at the right moment when more expertise is needed?")
SMART_CARE: Final = Fact(
    "zbc.smart_care_ehealth", BOOL, "smart care and e-health",
    "Do you deploy smart care and e-health?")
TASK_REALLOCATION: Final = Fact(
    "zbc.task_reallocation", BOOL, "task reallocation to specially trained staff",
    "Do specially trained staff (physician assistant, nurse specialist) take over acts of the "
    "medical specialist where they can (taakherschikking)?")
CSRD_INFORMATION: Final = Fact(
    "zbc.csrd_information", BOOL, "delivers the information insurers need under the CSRD",
    "Will you deliver the sustainability information insurers need from you under the CSRD?")
DELIBERATE_DIGITAL_CARE: Final = Fact(
    "zbc.deliberate_digital_care", BOOL, "digital care deployed deliberately",
    "Do you deploy digital care deliberately, aiming at labour potential, cost saving, "
    "accessibility or quality of care?")
EXPENSIVE_DRUG_PURCHASING: Final = Fact(
    "zbc.expensive_drug_purchasing", BOOL, "utmost effort to purchase expensive drugs well",
    "Do you make every effort to purchase expensive drugs well (at good prices)?")
MSR_INCLUSION_REVIEW: Final = Fact(
    "zbc.msr_inclusion_review", BOOL, "critical review of the MSR inclusion criteria",
    "Do you critically review the inclusion criteria for medical specialist rehabilitation?")
WAITING_LIST_COOPERATION: Final = Fact(
    "zbc.waiting_list_cooperation", BOOL, "cooperation with hospitals on waiting lists",
    "Do you cooperate with hospitals to shorten waiting lists and use available capacity "
    "optimally?")
TREEKNORMEN: Final = Fact(
    "zbc.treeknormen", BOOL, "care starts within the Treeknormen",
    "Does your care start within the Treeknormen (special circumstances allowed for)?")
WAITING_LIST_MEDIATION: Final = Fact(
    "zbc.waiting_list_mediation", BOOL, "points insured to waiting-list mediation",
    "When a Treeknorm is exceeded, do you actively point the insured to waiting-list mediation by "
    "Aevitae or refer them to another contracted provider?")
SEASONAL_CAPACITY: Final = Fact(
    "zbc.seasonal_capacity", BOOL, "necessary care always possible, seasons allowed for",
    "Do you make sure necessary care can always take place, allowing for seasonal fluctuations "
    "in what you offer?")

# -- procedure (hfst. 4) ----------------------------------------------------------------------
CONTRACT_2024: Final = Fact(
    "zbc.contract_2024", BOOL, "held a 2024 ZBC contract",
    "Did you hold a ZBC contract with Caresq in 2024?")

# -- notes (hfst. 2 and 3) ----------------------------------------------------------------------
USES_EXPENSIVE_DRUGS: Final = Fact(
    "zbc.uses_expensive_drugs", BOOL, "uses expensive drugs",
    "Do you use expensive drugs (dure geneesmiddelen)?")
PROVIDES_MSR: Final = Fact(
    "zbc.provides_msr", BOOL, "provides medical specialist rehabilitation",
    "Do you provide medical specialist rehabilitation (medisch specialistische revalidatiezorg, "
    "MSR)?")

#: Every fact above, in questionnaire order.
FACTS: Final = tuple(value for value in list(globals().values()) if isinstance(value, Fact))
