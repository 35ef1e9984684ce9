"""The geboortezorg questionnaire: every fact the birth-care contracts ask."""

from __future__ import annotations

from typing import Final

from caresq import Fact, FactType

BOOL, FRACTION, ENUM, ENUM_LIST, DATE = (
    FactType.BOOL, FactType.FRACTION, FactType.ENUM, FactType.ENUM_LIST, FactType.DATE)

# -- all geboortezorg contracts -----------------------------------------------------------------
USES_LIP_OR_KLIM: Final = Fact(
    "geboortezorg.uses_lip_or_klim", BOOL, "use of LIP or KLIM",
    "Do you apply the Landelijk Indicatie Protocol Kraamzorg (LIP), or KLIM once introduced?")
PERINED: Final = Fact(
    "geboortezorg.perined", BOOL, "participation in Perined",
    "Do you take part in the relevant part of Perined?")
PERINATAL_AUDIT: Final = Fact(
    "geboortezorg.perinatal_audit", BOOL, "participation in the perinatal audit",
    "Do you take part in the perinatal audit?")
CARE_MAPPED: Final = Fact(
    "digitalisering.care_mapped", BOOL, "map of hybrid and digital care",
    "Have you mapped which care you will deliver hybrid or digitally from 2024, and which care "
    "is scaled down?")
DIGITAL_CARE_PATH_SHARE: Final = Fact(
    "digitalisering.digital_care_path_share", FRACTION, "share of care paths drawn hybrid/digital",
    "For what share of your care paths and processes is a hybrid and/or digital path drawn? "
    "(fraction 0-1)")
DIGITAL_PATIENT_SHARE: Final = Fact(
    "digitalisering.digital_patient_share", FRACTION, "share of patients in hybrid/digital care",
    "What share of all your patients receives some hybrid or digital care by the end of 2024? "
    "(fraction 0-1)")

# -- verloskunde ----------------------------------------------------------------------------------
USES_VADEMECUM: Final = Fact(
    "verloskunde.uses_vademecum", BOOL, "use of the Verloskundig Vademecum",
    "Do you apply the Verloskundig Vademecum?")
KNOV_QUALITY_REGISTER: Final = Fact(
    "verloskunde.knov_quality_register", BOOL, "KNOV quality register entry",
    "Are you registered in the Landelijk Kwaliteitsregister Verloskunde of the KNOV?")
PERFORMS_EXTERNAL_VERSION: Final = Fact(
    "verloskunde.performs_external_version", BOOL, "performs external cephalic version",
    "Do you perform external cephalic version (verloskundige versie)?")
KNOV_VERSION_REGISTER: Final = Fact(
    "verloskunde.knov_version_register", BOOL, "KNOV version register entry",
    "Are you registered in the KNOV register for performing the external cephalic version?")
PERFORMS_ULTRASOUND: Final = Fact(
    "verloskunde.performs_ultrasound", BOOL, "performs ultrasounds",
    "Do you perform ultrasounds (echo's)?")
VERLOSKUNDE_BEN_REGISTER: Final = Fact(
    "verloskunde.ben_register", BOOL, "BEN register entry",
    "Are you registered in the relevant register of the Beroepsgroep Echoscopisten Nederland?")
PERFORMS_CTG: Final = Fact(
    "verloskunde.performs_ctg", BOOL, "performs antenatal CTG",
    "Do you perform antenatal CTG in the first line?")
KNOV_CTG_REGISTER: Final = Fact(
    "verloskunde.knov_ctg_register", BOOL, "KNOV antenatal CTG register entry",
    "Are you registered in the KNOV register 'antenataal CTG in de eerstelijn'?")
VSV_CTG_AGREEMENTS: Final = Fact(
    "verloskunde.vsv_ctg_agreements", BOOL, "VSV agreements with gynaecologists on CTG",
    "Have you agreed with the gynaecologists in your VSV on performing CTG, as the professional "
    "standard describes?")
CTG_TRAINING: Final = Fact(
    "verloskunde.ctg_training", BOOL, "CTG training requirements met",
    "Do you meet the training and refresher requirements of the professional standard for CTG?")
VSV_PARTICIPATION: Final = Fact(
    "verloskunde.vsv_participation", BOOL, "participation in a VSV",
    "Do you take part in, or are you represented in, a VSV?")

# -- toeslag verminderde bereikbaarheid en beschikbaarheid -----------------------------------------
PREFERRED_INSURER_AGREEMENT_ON: Final = Fact(
    "toeslag.preferred_insurer_agreement_on", DATE, "agreement with the preferred insurer",
    "On what date did you make the additional agreements on reduced accessibility and "
    "availability with your preferred insurer?")
SENT_TO_CARESQ_ON: Final = Fact(
    "toeslag.sent_to_caresq_on", DATE, "agreement sent to Caresq",
    "On what date did you send those agreements to zorginkoop@caresq.nl?")

# -- prenatale screening --------------------------------------------------------------------------
PRENATALE_BEN_REGISTER: Final = Fact(
    "prenatale.ben_register", BOOL, "BEN register entry",
    "Are you registered in the relevant register of BEN?")
NATIONAL_QUALITY_REQUIREMENTS: Final = Fact(
    "prenatale.national_quality_requirements", BOOL, "national quality requirements applied",
    "Do you apply the national quality requirements for counselling and sonography set by the "
    "coordination committee for prenatal screening?")
REGIONAL_CENTRE_AGREEMENT: Final = Fact(
    "prenatale.regional_centre_agreement", BOOL, "agreement with a regional centre",
    "Do you have an agreement with one of the Regional Centres for prenatal screening for the "
    "SEO and/or NT measurement and/or counselling?")

# -- kraamzorg ------------------------------------------------------------------------------------
BO_GEBOORTEZORG_MEMBER: Final = Fact(
    "kraamzorg.bo_geboortezorg_member", BOOL, "Bo Geboortezorg membership",
    "Are you a member of Bo Geboortezorg?")
ALL_VSV_IN_AREA: Final = Fact(
    "kraamzorg.all_vsv_in_area", BOOL, "participation in every VSV of the area",
    "Do you take part in every VSV in your postcode work area?")
CERTIFICATE: Final = Fact(
    "kraamzorg.certificate", ENUM, "certificate",
    "Which certificate valid in the sector do you hold for kraamzorg?",
    ("NEN-EN", "ISO", "HKZ", "none"))
PROVIDES_PARTUS_ASSISTANCE: Final = Fact(
    "kraamzorg.provides_partus_assistance", BOOL, "partus assistance",
    "Do you provide partus assistance (assistance at births)?")
TRAINS_NEW_STAFF: Final = Fact(
    "kraamzorg.trains_new_staff", BOOL, "role in training new maternity carers",
    "Do you have a demonstrable role in the initial training of new maternity carers (BOL/BBL "
    "with an SBB-recognised provider, or a training recognised in the sector)?")
CLIENT_EXPERIENCE_SURVEY: Final = Fact(
    "kraamzorg.client_experience_survey", BOOL, "structural client experience survey",
    "Do you use a client experience survey structurally?")
ZZP_SHARE: Final = Fact(
    "kraamzorg.zzp_share", FRACTION, "zzp share",
    "What share of your carers are self-employed (zzp'ers)? (fraction 0-1)")
INDICATOR_18: Final = Fact(
    "kraamzorg.indicator_18", FRACTION, "indicator 18 score",
    "Your score on indicator 18 of the Transparantiekalender kraamzorg: the share of children "
    "fully breastfed at home on the first day of care and still on the last. (fraction 0-1)")
OFFERS_LIGDAGEN: Final = Fact(
    "kraamzorg.offers_ligdagen", BOOL, "offers ligdagen",
    "Do you offer ligdagen (maternity care days in a facility)?")

# -- geboortecentrum ------------------------------------------------------------------------------
DRY_CONNECTION_HOSPITAL: Final = Fact(
    "geboortecentrum.dry_connection_hospital", BOOL, "dry connection with a hospital",
    "Does the birth centre have a dry (indoor) connection with a hospital?")
COOPERATION_AGREEMENTS: Final = Fact(
    "geboortecentrum.cooperation_agreements", BOOL, "cooperation agreements",
    "Do you have cooperation agreements with the parties involved?")
ADMISSION_AT_2_3_CM: Final = Fact(
    "geboortecentrum.admission_at_2_3_cm", BOOL, "admission at 2-3 cm dilation",
    "Can a pregnant woman come to the centre at 2-3 centimetres dilation?")
INDIVIDUAL_GUIDANCE: Final = Fact(
    "geboortecentrum.individual_guidance", BOOL, "individual guidance during birth",
    "Is every woman guided individually during the birth?")

# -- integrale geboortezorg -----------------------------------------------------------------------
IGO_PARTY_CHOICES: Final = (
    "first_line_midwives", "second_line_midwives", "kraamzorg", "gynaecologists", "hospital")
IGO_DOCUMENT_CHOICES: Final = (
    "collaboration", "parties", "quote_with_tariff_basis", "hospital_budget_cleaning",
    "quality_plan", "mono_claims_route", "insured_under_16_weeks")
IGO_ORGANISED: Final = Fact(
    "igo.organised", BOOL, "organised in an IGO",
    "Have the birth-care providers of the region organised themselves in a new Integrale "
    "Geboortezorg Organisatie (IGO)?")
IGO_PARTIES: Final = Fact(
    "igo.parties", ENUM_LIST, "parties represented in the IGO",
    "Which parties are represented in the IGO?", IGO_PARTY_CHOICES)
IGO_COST_NOT_ABOVE_MONO: Final = Fact(
    "igo.cost_not_above_mono", BOOL, "cost of a birth not above mono-disciplinary funding",
    "In the transition to integral funding, is the cost of a birth no higher than under "
    "mono-disciplinary funding?")
IGO_CLEAN_DOUBLE_FUNDING: Final = Fact(
    "igo.clean_double_funding", BOOL, "willingness to clean double funding",
    "Are the affiliated providers willing to clean the regular agreements of double funding?")
IGO_MEMBERS_QUALITY: Final = Fact(
    "igo.members_meet_quality_requirements", BOOL, "members meet the quality requirements",
    "Do the IGO members meet the quality requirements for kraamzorg, verloskundige zorg, "
    "prenatale screening and geboortecentra?")
IGO_DOCUMENTS: Final = Fact(
    "igo.documents", ENUM_LIST, "registration documents",
    "Which documents did you send with the registration?", IGO_DOCUMENT_CHOICES)

# -- hfst. 2, Thema's zorginkoop: what Caresq expects (expectations; optional in the questionnaire)
INFORMS_TRANSFORMATION_PLANS: Final = Fact(
    "geboortezorg.informs_transformation_plans", BOOL, "informs Caresq of transformation plans",
    "Do you actively inform Caresq of running transformation plans that affect your contract "
    "with Caresq?")
LABOUR_SAVING_MEASURES: Final = Fact(
    "geboortezorg.labour_saving_measures", BOOL, "labour-saving measures",
    "Do you actively work on labour-saving measures, implementing promising or proven "
    "initiatives?")
INFORMS_CARE_CHOICE: Final = Fact(
    "geboortezorg.informs_care_choice", BOOL, "informs and helps the insured choose care",
    "Do you, from your expertise, inform the insured and help them choose their care?")
INNOVATIVE_CARE: Final = Fact(
    "geboortezorg.innovative_care", BOOL, "regular care replaced by innovative care",
    "Do you replace regular care by innovative forms of care such as e-health, saving labour or "
    "costs or raising quality?")
TIMELY_CARE: Final = Fact(
    "geboortezorg.timely_care", BOOL, "timely care to prevent more intensive care",
    "Do you deploy care in time, so that more intensive care is prevented and care moves closer "
    "to home?")
TIMELY_REFERRAL: Final = Fact(
    "geboortezorg.timely_referral", BOOL, "referral at the right moment",
    "Do you refer at the right moment when needed: not needlessly, and in time when the care "
    "question calls for other professionals?")
GDDZ_COMMITMENT: Final = Fact(
    "geboortezorg.gddz_commitment", BOOL, "commitment to the Green Deal Duurzame Zorg 3.0",
    "Are you committed to the goals of the Green Deal Duurzame Zorg 3.0 (GDDZ 3.0)?")
SUSTAINABILITY_IN_STRATEGY: Final = Fact(
    "geboortezorg.sustainability_in_strategy", BOOL, "sustainability anchored in the strategy",
    "Is sustainability anchored in your strategy?")
GOOD_HANDOVER: Final = Fact(
    "geboortezorg.good_handover", BOOL, "good handover between providers",
    "Do you see to a good handover to and from the other birth-care providers involved?")
REGIONAL_CAPACITY: Final = Fact(
    "kraamzorg.regional_capacity", BOOL, "shared care for regional capacity",
    "Do you, together with the other kraamzorg providers of the region, see to the capacity "
    "needed all year round, finding and supporting each other?")
USES_SURVEY_OUTCOMES: Final = Fact(
    "kraamzorg.uses_survey_outcomes", BOOL, "use of client experience survey outcomes",
    "Do you use the outcomes of a client experience survey: monitor satisfaction, evaluate the "
    "outcomes and take them into your improvement cycle?")
EMPLOYED_STAFF: Final = Fact(
    "kraamzorg.employed_staff", BOOL, "active deployment of employed staff",
    "Do you actively deploy staff on the payroll (in loondienst)?")

#: Every fact above, in the order they are defined.
FACTS: Final = tuple(value for value in list(globals().values()) if isinstance(value, Fact))
