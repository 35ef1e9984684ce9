"""The document: Caresq - Inkoopbeleid Geboortezorg 2024, and how its blocks are cited."""

from __future__ import annotations

from datetime import date
from typing import Final

from caresq import Citation, Policy

DOCUMENT: Final = "Inkoopbeleid Geboortezorg 2024"
CONTRACT_YEAR: Final = 2024
POLICY: Final = Policy("geboortezorg", CONTRACT_YEAR, DOCUMENT)

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

NO_RETROACTIVE_TEXT: Final = (
    "Wij sluiten geen zorgovereenkomsten met terugwerkende kracht. Contractaanbiedingen na "
    "1 januari 2024 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van "
    "aanvraag.")
FRAUD_TEXT: Final = (
    "Indien er twijfel bestaat over de integriteit van de zorgverlening van de zorgaanbieder op "
    "basis van vermoeden van fraude, is dit ook een reden om geen zorgovereenkomst aan te "
    "bieden.")
