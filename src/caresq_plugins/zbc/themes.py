"""Hfst. 2 beyond the sustainability bullets: every other ask of the provider, an expectation.

Every sentence of chapter 2 that asks something of the provider ("Wij verwachten", "Caresq
verwacht", "vraagt", "worden verwacht", the role bullets of "Voor de zorgaanbieders zien wij hun
rol ... als volgt") is an expectation with its own fact (Z8): reported, it never changes the
status, and the questionnaire marks the fact optional. An ask that binds only some providers
(expensive drugs, MSR) is an arrow on the fact that says whether the provider does that work.
"""

from __future__ import annotations

from typing import Final

from caresq import Citation, Condition, Fact, Kind
from caresq.rules import Holds, given
from caresq_plugins.zbc import facts
from caresq_plugins.zbc.policy import (
    APPROPRIATE_CARE,
    CSRD,
    DIGITALISATION,
    EXPENSIVE_DRUGS,
    INNOVATIVE_CARE,
    MSR,
    PRINCIPLE_1,
    PRINCIPLE_2,
    PRINCIPLE_3,
    WAITING_LISTS,
)

READING: Final = (
    "Z8: a chapter 2 ask of the provider is an expectation with its own fact: reported, it never "
    "changes the status, and the questionnaire marks the fact optional")


def expectation(fact: Fact, citation: Citation, text: str, *, only_when: Fact | None = None,
                reading: str = READING) -> Condition:
    """One chapter 2 ask; ``only_when`` narrows it to the providers that do that work."""
    rule = Holds(fact) if only_when is None else given(only_when, Holds(fact))
    return Condition(fact.id, Kind.EXPECTATION, citation, text, rule, reading=reading)


def expectations() -> tuple[Condition, ...]:
    """Every ask of chapter 2 but the sustainability bullets and PREM, in the order of the text."""
    return (
        expectation(facts.INFORMS_TRANSFORMATION_PLANS, INNOVATIVE_CARE,
                    "Wij verwachten dat de zorgaanbieder ons actief informeert over lopende "
                    "transformatieplannen indien deze de contractering met Caresq raken."),
        expectation(facts.TRANSFORMATION_TRANSPARENCY, INNOVATIVE_CARE,
                    "Wij vragen hierbij om transparantie, niet alleen in de investeringen maar "
                    "ook de uitkomsten op (langere) termijn."),
        expectation(facts.LABOUR_SAVING_CARE, APPROPRIATE_CARE,
                    "Wij verwachten van zorgaanbieders dat zij actief inzetten op passende en "
                    "arbeidsbesparende zorg en kansrijke of bewezen initiatieven rondom deze "
                    "onderwerpen implementeren."),
        expectation(facts.INSURED_CENTRAL, PRINCIPLE_1,
                    "Wij verwachten dat de zorgaanbieder de verzekerde centraal stelt en meeneemt "
                    "in gemaakte overwegingen."),
        expectation(facts.INFORMS_CARE_CHOICE, PRINCIPLE_2,
                    "Voor de zorgaanbieder zien wij een belangrijke rol weggelegd om vanuit "
                    "deskundigheid de verzekerde te informeren en te helpen bij de zorgkeuze."),
        expectation(facts.CONSULTATION_SUPPORT, PRINCIPLE_3,
                    "Medisch specialisten helpen, door onder andere het uitvoeren van "
                    "meekijkconsulten bij huisartsen en eerstelijnsinstellingen, om onnodige "
                    "doorverwijzingen naar tweedelijnszorginstellingen te voorkomen."),
        expectation(facts.REFERS_BACK, PRINCIPLE_3,
                    "Als de zorg in de eerstelijn kan plaatsvinden, bijvoorbeeld omdat een "
                    "conservatieve behandeling de voorkeur heeft boven een operatieve "
                    "behandeling, dan wordt er terugverwezen naar de eerstelijn."),
        expectation(facts.TIMELY_REFERRAL, PRINCIPLE_3,
                    "Op het juiste moment wordt er doorverwezen naar de juiste instelling indien "
                    "er meer expertise nodig is."),
        expectation(facts.SMART_CARE, PRINCIPLE_3,
                    "De zorgaanbieder zet slimme zorg en e-health in."),
        expectation(facts.TASK_REALLOCATION, PRINCIPLE_3,
                    "Speciaal opgeleid personeel, zoals de physician assistant en verpleegkundig "
                    "specialist, wordt ingezet om handelingen van de medisch specialist over te "
                    "nemen als dat kan (taakherschikking)."),
        expectation(facts.CSRD_INFORMATION, CSRD,
                    "We verwachten dat zorgaanbieders de informatie aanleveren die "
                    "zorgverzekeraars van hen nodig hebben in kader van de CSRD-wetgeving."),
        expectation(facts.DELIBERATE_DIGITAL_CARE, DIGITALISATION,
                    "Caresq verwacht van zorgaanbieders dat zij digitale zorg bewust inzetten met "
                    "als onderliggend doel vergroten van het arbeidspotentieel, kostenbesparing, "
                    "verbeteren van de toegankelijkheid en of verbeteren van de kwaliteit van "
                    "zorg."),
        expectation(facts.EXPENSIVE_DRUG_PURCHASING, EXPENSIVE_DRUGS,
                    "wij verwachten van u dat u zich maximaal inspant om tot een goede inkoop van "
                    "deze geneesmiddelen te komen.", only_when=facts.USES_EXPENSIVE_DRUGS,
                    reading=f"{READING}; Z9: it asks only a provider that uses expensive drugs "
                            "(zbc.uses_expensive_drugs)"),
        expectation(facts.MSR_INCLUSION_REVIEW, MSR,
                    "Wij verwachten van zorgaanbieders die MSR leveren een kritische toetsing op "
                    "de inclusiecriteria voor MSR.", only_when=facts.PROVIDES_MSR,
                    reading=f"{READING}; Z9: it asks only a provider of medical specialist "
                            "rehabilitation (zbc.provides_msr)"),
        expectation(facts.WAITING_LIST_COOPERATION, WAITING_LISTS,
                    "Wij verwachten dan ook dat Zelfstandige behandelcentra en ziekenhuizen "
                    "samenwerken om wachtlijsten te verkorten en beschikbare capaciteit optimaal "
                    "te benutten."),
        expectation(facts.TREEKNORMEN, WAITING_LISTS,
                    "Tijdige zorg vraagt om zorgverlening die start binnen de gestelde "
                    "Treeknormen. Zorgaanbieders worden verwacht hiernaar te handelen, waarbij "
                    "wij uiteraard rekening houden met bijzondere omstandigheden."),
        expectation(facts.WAITING_LIST_MEDIATION, WAITING_LISTS,
                    "Komt een verzekerde in zorg en wordt de treeknorm overschreden? Dan heeft de "
                    "zorgaanbieder een actieve en informatieve rol door actief te wijzen op de "
                    "mogelijkheden van wachtlijstbemiddeling door Aevitae of ze door te verwijzen "
                    "naar een andere gecontracteerde zorgaanbieder."),
        expectation(facts.SEASONAL_CAPACITY, WAITING_LISTS,
                    "Het is verder van belang dat zorgaanbieders ervoor zorgen dat noodzakelijke "
                    "zorg altijd plaats kan vinden en zodoende rekening houden met "
                    "seizoensgebonden fluctuaties in het behandelaanbod."),
    )
