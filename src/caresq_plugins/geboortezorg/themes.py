"""Hfst. 2, Thema's zorginkoop: what Caresq asks of birth-care providers beyond chapter 3.

Every sentence of chapter 2 that asks something of the provider ("Wij verwachten", "Caresq
verwacht", "vraagt", the bullets of "We verwachten dat de zorgaanbieder:" and the role bullets
of "Voor de zorgaanbieders zien wij hun rol ... als volgt") is an expectation with its own fact
(G8): reported, never changing the status, optional in the questionnaire. Where a
differentiation factor already rewards the same thing ("moedigt ... aan", "ziet graag"), it is a
note that names the factor (G9).

The general themes (2.1) and "Samenwerking" (2.2) address every provider: they stand on every
contract but the toeslag, a surcharge on the verloskunde contract judged on its own facts
(R8.3). The kraamzorg themes (2.2) address kraamzorg providers: kraamzorg and ligdagen; their
notes name factors, which only the kraamzorg contract has.
"""

from __future__ import annotations

from typing import Final

from caresq import Citation, Condition, Fact, Kind, Outcome
from caresq.rules import Always, Holds
from caresq_plugins.geboortezorg import facts
from caresq_plugins.geboortezorg.policy import cite

INNOVATIVE_CARE: Final = cite("2", "Innovatieve zorg")
APPROPRIATE_CARE: Final = cite("2", "Passende zorg")
PRINCIPLE_2: Final = cite(
    "2", "Principe 2: Passende zorg betekent dat patiënt en zorgverlener samen beslissen")
PRINCIPLE_3: Final = cite(
    "2", "Principe 3: Passende zorg wordt, waar dat kan, zo dicht mogelijk bij de patiënt "
         "georganiseerd")
SUSTAINABILITY: Final = cite("2", "Verduurzamen van de zorgsector")
COOPERATION: Final = cite("2", "Samenwerking")
KRAAMZORG_LABOUR_MARKET: Final = cite("2", "Arbeidsmarkt kraamzorg")
KRAAMZORG_DIFFERENTIATION: Final = cite("2", "Gedifferentieerde zorginkoop kraamzorg")

EXPECTATION_READING: Final = (
    "G8: a chapter 2 ask of the provider is an expectation with its own fact: reported, it "
    "never changes the status, and the questionnaire marks the fact optional")


def expectation(fact: Fact, citation: Citation, text: str) -> Condition:
    """One chapter 2 ask: met when the provider states it does what is asked (G8)."""
    return Condition(fact.id, Kind.EXPECTATION, citation, text, Holds(fact),
                     reading=EXPECTATION_READING)


def factor_note(condition_id: str, citation: Citation, text: str, factor: Fact,
                what: str) -> Condition:
    """A chapter 2 wish a differentiation factor already rewards: a note naming it (G9)."""
    return Condition(condition_id, Kind.NOTE, citation, text,
                     Always(Outcome.MET, f"{what} is rewarded by the differentiation factor "
                                         f"{factor.id} (see its finding)"),
                     reading="G9: what a differentiation factor already rewards is a note that "
                             "names the factor, not an expectation of its own")


def general_expectations() -> tuple[Condition, ...]:
    """The asks of 2.1 and of "Samenwerking": every contract but the toeslag."""
    return (
        expectation(facts.INFORMS_TRANSFORMATION_PLANS, INNOVATIVE_CARE,
                    "Wij verwachten dat de zorgaanbieder ons actief informeert over lopende "
                    "transformatieplannen indien deze de contractering met Caresq raken."),
        expectation(facts.LABOUR_SAVING_MEASURES, APPROPRIATE_CARE,
                    "Caresq verwacht dan ook van zorgaanbieders dat zij hier actief op zullen "
                    "inzetten en kansrijke of bewezen initiatieven implementeren."),
        expectation(facts.INFORMS_CARE_CHOICE, PRINCIPLE_2,
                    "Voor de zorgaanbieder zien wij een belangrijke rol weggelegd om vanuit "
                    "deskundigheid de verzekerde te informeren en te helpen bij de zorgkeuze."),
        expectation(facts.INNOVATIVE_CARE, PRINCIPLE_3,
                    "Reguliere zorg wordt vervangen door innovatieve vormen van zorg zoals "
                    "e-health, wat leidt tot arbeidsbesparing, kostenbesparing en/of verhoging "
                    "van de kwaliteit van zorg."),
        expectation(facts.TIMELY_CARE, PRINCIPLE_3,
                    "De zorgaanbieder zet tijdig zorg in zodat meer intensieve zorg wordt "
                    "voorkomen en verplaatsing van zorg plaatsvindt."),
        expectation(facts.TIMELY_REFERRAL, PRINCIPLE_3,
                    "De zorgaanbieder verwijst indien nodig op het juiste moment door."),
        expectation(facts.GDDZ_COMMITMENT, SUSTAINABILITY,
                    "zich committeert aan de doelen van de Green Deal Duurzame zorg 3.0 (GDDZ "
                    "3.0) die op 4 november 2022 tussen zorgpartijen is overeengekomen voor de "
                    "periode tot en met 2026;"),
        expectation(facts.SUSTAINABILITY_IN_STRATEGY, SUSTAINABILITY,
                    "duurzaamheid verankert in de strategie."),
        expectation(facts.GOOD_HANDOVER, COOPERATION,
                    "Hierbij is sprake van veel overdrachtsmomenten en daarom is het van belang "
                    "dat zorgaanbieders zorgdragen voor een goede overdracht."),
    )


def kraamzorg_expectations() -> tuple[Condition, ...]:
    """The asks of "Arbeidsmarkt kraamzorg" and "Gedifferentieerde zorginkoop kraamzorg"."""
    return (
        expectation(facts.REGIONAL_CAPACITY, KRAAMZORG_LABOUR_MARKET,
                    "Caresq verwacht dat de kraamzorgaanbieders gedurende het gehele jaar "
                    "gezamenlijk zorgdragen voor de benodigde capaciteit binnen de regio en "
                    "elkaar hierin vinden en ondersteunen."),
        expectation(facts.USES_SURVEY_OUTCOMES, KRAAMZORG_DIFFERENTIATION,
                    "Caresq verwacht dat de kraamzorgaanbieders gebruikmaken van de uitkomsten "
                    "van een klantervaringsonderzoek."),
        expectation(facts.EMPLOYED_STAFF, KRAAMZORG_DIFFERENTIATION,
                    "Daarnaast vraagt Caresq kraamzorgaanbieders om actief personeel in "
                    "loondienst in te zetten."),
    )


def kraamzorg_factor_notes() -> tuple[Condition, ...]:
    """The wishes of 2.2 the kraamzorg factors reward: notes that name them (G9)."""
    return (
        factor_note("kraamzorg.training_places_encouraged", KRAAMZORG_DIFFERENTIATION,
                    "Caresq moedigt het beschikbaar stellen van opleidings-plaatsen aan om de "
                    "instroom van kraamverzorgenden te bevorderen.",
                    facts.TRAINS_NEW_STAFF, "offering training places"),
        factor_note("kraamzorg.breastfeeding_encouraged", KRAAMZORG_DIFFERENTIATION,
                    "Tevens ziet Caresq graag dat kraamzorgaanbieders het geven van borstvoeding "
                    "stimuleren, vanwege het feit dat dit een aantoonbare gezondheidswinst "
                    "oplevert.",
                    facts.INDICATOR_18, "encouraging breastfeeding"),
    )
