"""The document: Caresq - Inkoopbeleid Geboortezorg 2024, and how its blocks are cited."""

from __future__ import annotations

from datetime import date
from typing import Final

from caresq import Citation, Policy

DOCUMENT: Final = "Inkoopbeleid Geboortezorg 2024"
CONTRACT_YEAR: Final = 2024
#: The document's text, shipped with the plugin; every quote stands in it.
SOURCE: Final = "caresq_plugins.geboortezorg:source/inkoopbeleid-geboortezorg-2024.txt"
POLICY: Final = Policy("geboortezorg", CONTRACT_YEAR, DOCUMENT, source=SOURCE)

#: "Contractaanbiedingen na 1 januari 2024 ...": the earliest start of any 2024 offer.
YEAR_START: Final = date(2024, 1, 1)


def cite(chapter: str, section: str) -> Citation:
    """A citation of a block of this document."""
    return Citation(DOCUMENT, chapter, section)


# The blocks conditions cite, as headed in the document.
KRAAMZORG_REQUIREMENTS: Final = cite("3", "Kraamzorg - randvoorwaarden")
KRAAMZORG_FACTORS: Final = cite("3", "Kraamzorg - differentiatiefactoren")
KRAAMZORG_VARIANTS: Final = cite("3", "Gedifferentieerde inkoop Kraamzorg")
MAX_MAX_TARIFF: Final = cite("3", "Max-max tarief Kraamzorg")
DIGITALISERING: Final = cite("3", "Digitalisering - voorwaarden")
VECOZO_PORTAL: Final = cite("4", "VECOZO Zorginkoopportaal")
NO_OFFER_RECEIVED: Final = cite("4", "Geen aanbod ontvangen")
TWO_YEAR_CONTRACTS: Final = cite("4", "Tweejarige zorgovereenkomsten 2023-2024")
KRAAMZORG_PROCEDURE: Final = cite("4", "Kraamzorg")
PLANNING: Final = cite("5", "Planning en bereikbaarheid")

# Blocks the other birth-care contracts cite; headings as printed (an en dash where the document
# has one). The list of changes stands before chapter 1 and has no chapter number.
CHANGES: Final = cite("voorwerk", "Wijzigingen contractvoorwaarden en proces")
VERLOSKUNDE_REQUIREMENTS: Final = cite("3", "Verloskundige zorg - randvoorwaarden")
TOESLAG: Final = cite("3", "Toeslag verminderde bereikbaarheid en beschikbaarheid")
PRENATALE_REQUIREMENTS: Final = cite("3", "Prenatale screening - randvoorwaarden")
MAX_ULTRASOUNDS: Final = cite("3", "Maximumaantal echo's")
GEBOORTECENTRUM_REQUIREMENTS: Final = cite(
    "3", "Eerstelijns geboortecentrum - randvoorwaarden")
IGO_INTRO: Final = cite("3", "Integrale geboortezorg")
IGO_REQUIREMENTS: Final = cite("3", "Integrale geboortezorg - randvoorwaarden")
IGO_PROCEDURE: Final = cite("4", "Integrale geboortezorg")

NO_RETROACTIVE_TEXT: Final = (
    "Wij sluiten geen zorgovereenkomsten met terugwerkende kracht. Contractaanbiedingen na "
    "1 januari 2024 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van "
    "aanvraag.")
TWO_YEAR_TEXT: Final = (
    "Caresq heeft in 2023 tweejarige zorgovereenkomsten gesloten voor Verloskundige zorg, "
    "prenatale zorg en Eerstelijns geboortecentra. Deze zorgovereenkomsten lopen door in 2024.")
NOT_ACCEPTED_TEXT: Final = (
    "Heeft u in 2023 het aanbod niet geaccepteerd, maar bent u voor 2024 alsnog "
    "ge\u00efnteresseerd in een zorgovereenkomst, zie 'Geen aanbod ontvangen' op "
    "pagina 12.")
REVIEW_TEXT: Final = (
    "Wij beoordelen of uw aanvraag van toegevoegde waarde is binnen het zorgaanbod in de regio en "
    "vragen u waar nodig om aanvullende documentatie.")
FRAUD_TEXT: Final = (
    "Indien er twijfel bestaat over de integriteit van de zorgverlening van de zorgaanbieder op "
    "basis van vermoeden van fraude, is dit ook een reden om geen zorgovereenkomst aan te "
    "bieden.")
