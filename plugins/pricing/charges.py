"""What a buyer pays besides the price: tax, mandatory fees, optional extras.

`Fees:` and `Extras:` are `label amount` pairs separated by `;`, in the
service's currency: `Fees: Setup 150; Licence 90`. Fees are paid by every
buyer, so they are added to the price (the all-in price); extras apply only
sometimes and are shown, never added. Pure: values in, values and problems out.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .field_values import FieldProblem, field_text, parse_amount, quoted
from .formatting import format_amount, plain_decimal

TAX_RULES = ("included", "excluded", "none")
CHARGE_ENTRY = re.compile(r"^(?P<label>.*\S)\s+(?P<amount>\S+)$")
EXAMPLES = {"Fees": "Setup 150; Licence 90", "Extras": "Travel outside the city 200"}


@dataclass(frozen=True)
class Charge:
    """One fee or extra: what it is for and what it costs."""

    label: str
    amount: Decimal
    amount_text: str
    currency: str

    @property
    def plain_amount(self):
        return plain_decimal(self.amount, self.currency)


def read_tax(metadata, pricing):
    """Tax: included, excluded or none; default PRICING["tax"] (None: not stated)."""
    text = field_text(metadata, "tax")
    if not text:
        return pricing["tax"], []
    if text.lower() in TAX_RULES:
        return text.lower(), []
    return None, [
        FieldProblem("Tax", f"{quoted(text)} is not a tax rule", "use included, excluded or none")
    ]


def read_charges(metadata, key, field_name, currency, locale):
    """Fees or Extras: ([Charge, …] in the order written, [problems])."""
    text = field_text(metadata, key)
    if text is None:
        return [], []
    fix = f'write "label amount" pairs separated by ";", e.g. {field_name}: {EXAMPLES[field_name]}'
    parts = [part.strip() for part in text.split(";") if part.strip()]
    if not parts:
        return [], [FieldProblem(field_name, "is empty", fix)]
    charges, problems = [], []
    for part in parts:
        match = CHARGE_ENTRY.match(part)
        if not match or not any(character.isalpha() for character in match.group("label")):
            problems.append(
                FieldProblem(field_name, f"{quoted(part)} is not a label and an amount", fix)
            )
            continue
        amount, problem = parse_amount(match.group("amount"), field_name, currency, "150")
        if problem:
            # '"Setup 1,50": the amount has a thousands separator': the whole entry, so the
            # author finds it, then what is wrong with its number.
            detail = problem.problem.split(" ", 1)[1]
            problems.append(FieldProblem(field_name, f"{quoted(part)}: the amount {detail}", fix))
            continue
        if currency is not None:
            charges.append(
                Charge(
                    label=match.group("label"),
                    amount=amount,
                    amount_text=format_amount(amount, currency, locale),
                    currency=currency,
                )
            )
    return charges, problems


def total(charges):
    return sum((charge.amount for charge in charges), Decimal(0))
