"""The document: Caresq - Inkoopbeleid Zelfstandige behandelcentra 2025, and how it is cited.

Only what the conditions, the offer and the calendar share lives here: the policy, the blocks
they cite, and the dated lines of chapters 4 and 5 as :class:`~caresq.calendar.Deadline` values.
"""

from __future__ import annotations

from typing import Final

from caresq import Citation, Policy
from caresq.calendar import Period

DOCUMENT: Final = "Inkoopbeleid Zelfstandige behandelcentra 2025"
CONTRACT_YEAR: Final = 2025
#: The document's text, shipped with the plugin; every quote stands in it.
SOURCE: Final = "caresq_plugins.zbc:source/inkoopbeleid-zbc-2025.txt"
POLICY: Final = Policy("zbc", CONTRACT_YEAR, DOCUMENT, version="1-4-2024", source=SOURCE)

#: ZBC contracts run one year unless multi-year: every 2025 offer, and a running multi-year
#: contract as far as this policy speaks of it, covers the 2025 calendar year.
CONTRACT_PERIOD: Final = Period.calendar_year(CONTRACT_YEAR)
#: "gedurende het inkoopjaar": a request dated on or after this day is refused.
CONTRACT_YEAR_START: Final = CONTRACT_PERIOD.start


def cite(chapter: str, section: str) -> Citation:
    """A citation of a block of this document: chapter number and block heading as printed."""
    return Citation(DOCUMENT, chapter, section)


# -- the blocks conditions cite, as headed in the document -------------------------------------
INNOVATIVE_CARE: Final = cite("2", "Innovatieve zorg")
APPROPRIATE_CARE: Final = cite("2", "Passende zorg")
PRINCIPLE_1: Final = cite(
    "2", "Principe 1: Passende zorg is zorg die werkt tegen een redelijke prijs")
PRINCIPLE_2: Final = cite(
    "2", "Principe 2: Passende zorg betekent dat patiënt en zorgverlener samen beslissen")
PRINCIPLE_3: Final = cite(
    "2", "Principe 3: Passende zorg wordt, waar dat kan, zo dicht mogelijk bij de patiënt "
         "georganiseerd")
SUSTAINABILITY: Final = cite("2", "Verduurzamen van de zorgsector")
CSRD: Final = cite("2", "CSRD (Corporate Sustainability Reporting Directive)")
DIGITALISATION: Final = cite("2", "Digitalisering/Technologie/Gegevensuitwisseling")
MSR: Final = cite("2", "Medisch specialistische revalidatiezorg")
EXPENSIVE_DRUGS: Final = cite("2", "Dure geneesmiddelen")
WAITING_LISTS: Final = cite("2", "Wachtlijstbemiddeling")
PREM: Final = cite("2", "Klantervaringsonderzoek (PREM)")
CONDITIONS: Final = cite("3", "Voorwaarden zorgovereenkomst")
TAILORED_OFFER: Final = cite("3", "Inkoop op basis van zorgaanbod en toegevoegde waarde")
MSR_AUTHORISATION: Final = cite("3", "Machtiging medisch specialistische revalidatiezorg")
MULTI_YEAR: Final = cite("4", "Meerjarige zorgovereenkomst")
VECOZO_PORTAL: Final = cite("4", "VECOZO Zorginkoopportaal")
NO_OFFER_RECEIVED: Final = cite("4", "Geen aanbod ontvangen")
PLANNING: Final = cite("5", "Planning en bereikbaarheid")

# -- sentences more than one place quotes -------------------------------------------------------
APPROACH_TEXT: Final = (
    "We benaderen alle zorgaanbieders met wie we in 2024 een zorgovereenkomst ZBC's hebben "
    "gesloten die beschikken over de juiste Vektis registratie, de juiste VECOZO-certificaten en "
    "die voldoen aan de voorwaarden zoals gesteld in hoofdstuk 3 via VECOZO.")
REGISTRATION_TEXT: Final = (
    "Heeft u in 2024 geen zorgovereenkomst met ons gesloten en bent u wel geïnteresseerd in een "
    "zorgovereenkomst voor 2025? Dan kunt u dit tot uiterlijk 1 september 2024 kenbaar maken via "
    "ons aanvraagformulier op www.caresq.nl.")
NO_NEW_CONTRACTS_TEXT: Final = (
    "Wij sluiten gedurende het inkoopjaar geen nieuwe zorgovereenkomsten met zelfstandige "
    "behandelcentra.")
MULTI_YEAR_TEXT: Final = (
    "Caresq heeft in 2024 met een deel van de zorgaanbieders een meerjarige overeenkomst voor MSZ "
    "gesloten. U ontvangt voor 2025 geen nieuw contractaanbod 2025. Wel ontvangt u via de "
    "onderhandelmodule van VECOZO de nieuwe prijslijst voor 2025.")
TAILORED_OFFER_TEXT: Final = (
    "Op basis van onder andere omzet, prijs en zorgaanbod doen wij een passend aanbod.")
FRAUD_TEXT: Final = (
    "Indien er twijfel bestaat over de integriteit van de zorgverlening van de zorgaanbieder op "
    "basis van vermoeden van fraude, is dit ook een reden om geen zorgovereenkomst aan te "
    "bieden.")

# -- the dated lines of chapters 4 and 5 ---------------------------------------------------------
# (their dates are parameters: caresq_plugins.zbc.parameters)
SIGNING_TEXT: Final = "Uiterste tekendatum zorgovereenkomst 11 november 2024"
OFFER_TEXT: Final = "Aanbieding zorgovereenkomst via VECOZO Eind september 2024"
PRICE_LIST_TEXT: Final = "Aanbieding prijslijst via VECOZO Eind september 2024"
PUBLICATION_TEXT: Final = (
    "Publicatie gecontracteerde zorgaanbieders op zorgzoeker en website Vanaf 12 november 2024")
