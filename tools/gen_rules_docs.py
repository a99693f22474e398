"""Generate docs/rules.md from the benefits parameter data and runnable examples.

.venv/bin/python tools/gen_rules_docs.py          # write docs/rules.md
.venv/bin/python tools/gen_rules_docs.py --check  # exit 1 if docs/rules.md is stale
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from vssdk import benefits
from vssdk.benefits._params import Parameter, parameters

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "rules.md"
PAGES = ROOT / "docs" / "rules"

# (function, example code, the call) — each example is run while generating.
EXAMPLES: list[tuple[str, str, Callable[[], Any]]] = [
    (
        "compulsory_contribution",
        "benefits.compulsory_contribution(20_000_000, date(2026, 3, 1), region=1)",
        lambda: benefits.compulsory_contribution(20_000_000, dt.date(2026, 3, 1), region=1),
    ),
    (
        "voluntary_si_contribution",
        "benefits.voluntary_si_contribution(4_000_000, date(2026, 2, 1), months=3, "
        'support_group="near_poor")',
        lambda: benefits.voluntary_si_contribution(
            4_000_000, dt.date(2026, 2, 1), months=3, support_group="near_poor"
        ),
    ),
    (
        "household_hi_contribution",
        "benefits.household_hi_contribution(3, date(2026, 9, 1), months=12)",
        lambda: benefits.household_hi_contribution(3, dt.date(2026, 9, 1), months=12),
    ),
    (
        "average_monthly_salary",
        'benefits.average_monthly_salary([(12, 8_000_000, Decimal("1.20")), '
        '(12, 9_000_000, Decimal("1.16"))])',
        lambda: benefits.average_monthly_salary(
            [(12, 8_000_000, Decimal("1.20")), (12, 9_000_000, Decimal("1.16"))]
        ),
    ),
    (
        "cpi_adjusted_average_salary",
        "benefits.cpi_adjusted_average_salary([(2019, 12, 8_000_000), (2020, 12, 9_000_000)], "
        "settled_on=date(2026, 5, 4))",
        lambda: benefits.cpi_adjusted_average_salary(
            [(2019, 12, 8_000_000), (2020, 12, 9_000_000)], dt.date(2026, 5, 4)
        ),
    ),
    (
        "one_time_si",
        "benefits.one_time_si(9_000_000, months_before_2014=24, months_from_2014=78, "
        "on=date(2026, 3, 1))",
        lambda: benefits.one_time_si(9_000_000, 24, 78, dt.date(2026, 3, 1)),
    ),
    (
        "pension",
        'benefits.pension("male", 32 * 12, 15_000_000, date(2026, 4, 1), '
        "birth_date=date(1966, 11, 8), retirement_date=date(2026, 3, 31))",
        lambda: benefits.pension(
            "male",
            32 * 12,
            15_000_000,
            dt.date(2026, 4, 1),
            birth_date=dt.date(1966, 11, 8),
            retirement_date=dt.date(2026, 3, 31),
        ),
    ),
    (
        "retirement_age",
        'benefits.retirement_age("male", date(1966, 11, 8))',
        lambda: benefits.retirement_age("male", dt.date(1966, 11, 8)),
    ),
    (
        "unemployment_benefit",
        "benefits.unemployment_benefit(15_000_000, 50, region=2, on=date(2026, 3, 1))",
        lambda: benefits.unemployment_benefit(15_000_000, 50, 2, dt.date(2026, 3, 1)),
    ),
    (
        "maternity_benefit",
        "benefits.maternity_benefit(15_000_000, date(2026, 8, 10))",
        lambda: benefits.maternity_benefit(15_000_000, dt.date(2026, 8, 10)),
    ),
    (
        "paternity_benefit",
        "benefits.paternity_benefit(15_000_000, date(2026, 8, 10), caesarean=True)",
        lambda: benefits.paternity_benefit(15_000_000, dt.date(2026, 8, 10), caesarean=True),
    ),
    (
        "sickness_benefit",
        "benefits.sickness_benefit(9_600_000, 5, date(2026, 3, 1), contribution_months=100)",
        lambda: benefits.sickness_benefit(
            9_600_000, 5, dt.date(2026, 3, 1), contribution_months=100
        ),
    ),
    (
        "funeral_allowance",
        "benefits.funeral_allowance(date(2023, 10, 12), contribution_months=60)",
        lambda: benefits.funeral_allowance(dt.date(2023, 10, 12), contribution_months=60),
    ),
    (
        "survivor_lump_sum",
        "benefits.survivor_lump_sum(8_000_000, 0, 120, date(2026, 3, 1))",
        lambda: benefits.survivor_lump_sum(8_000_000, 0, 120, dt.date(2026, 3, 1)),
    ),
    (
        "survivor_monthly_allowance",
        "benefits.survivor_monthly_allowance(date(2026, 8, 1), 3, without_carer=1)",
        lambda: benefits.survivor_monthly_allowance(dt.date(2026, 8, 1), 3, without_carer=1),
    ),
    (
        "occupational_injury_benefit",
        "benefits.occupational_injury_benefit(45, 120, 8_000_000, date(2026, 8, 1))",
        lambda: benefits.occupational_injury_benefit(45, 120, 8_000_000, dt.date(2026, 8, 1)),
    ),
    (
        "occupational_death_benefit",
        "benefits.occupational_death_benefit(date(2026, 8, 1))",
        lambda: benefits.occupational_death_benefit(dt.date(2026, 8, 1)),
    ),
    (
        "convalescence_benefit",
        'benefits.convalescence_benefit(7, date(2026, 8, 1), cause="maternity_caesarean")',
        lambda: benefits.convalescence_benefit(7, dt.date(2026, 8, 1), cause="maternity_caesarean"),
    ),
    (
        "social_pension_allowance",
        "benefits.social_pension_allowance(date(2026, 8, 1), 72, poor_or_near_poor=True)",
        lambda: benefits.social_pension_allowance(dt.date(2026, 8, 1), 72, poor_or_near_poor=True),
    ),
    (
        "monthly_allowance_without_pension",
        "benefits.monthly_allowance_without_pension(3_000_000, 0, 60, date(2026, 8, 1), "
        "birth_date=date(1965, 1, 15))",
        lambda: benefits.monthly_allowance_without_pension(
            3_000_000, 0, 60, dt.date(2026, 8, 1), dt.date(1965, 1, 15)
        ),
    ),
    (
        "voluntary_maternity_benefit",
        "benefits.voluntary_maternity_benefit(date(2026, 8, 1), children=2)",
        lambda: benefits.voluntary_maternity_benefit(dt.date(2026, 8, 1), 2),
    ),
    (
        "pension_indexed",
        "benefits.pension_indexed(5_000_000, granted_on=date(2021, 5, 1), on=date(2026, 3, 1))",
        lambda: benefits.pension_indexed(5_000_000, dt.date(2021, 5, 1), dt.date(2026, 3, 1)),
    ),
    (
        "hi_benefit",
        'benefits.hi_benefit("DN4", 1_000_000, date(2025, 3, 1))',
        lambda: benefits.hi_benefit("DN4", 1_000_000, dt.date(2025, 3, 1)),
    ),
]


def _value(v: Any) -> str:
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_value(x)}" for k, x in v.items()) or "(none)"
    if isinstance(v, tuple):
        return ", ".join(_value(x) for x in v)
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _cite(c: Any) -> str:
    text: str = c.reference
    return text


def _period(p: Any) -> tuple[str, str]:
    end = p.effective_to.isoformat() if p.effective_to else "—"
    return p.effective_from.isoformat(), end


def _parameter_section(p: Parameter) -> list[str]:
    out = [f"### `{p.name}`", "", p.description.get("en", ""), ""]
    if p.description.get("vi"):
        out += [f"*{p.description['vi']}*", ""]
    meta = [f"unit: {p.unit}"] if p.unit else []
    meta += [f"rounding: {p.rounding}"] if p.rounding else []
    meta.append(f"known good until: {p.known_good_until.isoformat()} (last review)")
    out += ["; ".join(meta), ""]
    if p.name == "cpi_coefficient":
        return out + _cpi_table(p)
    if p.by_region:
        out += [
            "| From | To | Region I | Region II | Region III | Region IV | Citation | Status |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for v in p.values:
            regions = " | ".join(f"{v.value[r]:,}" for r in (1, 2, 3, 4))
            start, end = _period(v)
            out.append(
                f"| {start} | {end} | {regions} | {_cite(v.citation)} | {v.citation.status} |"
            )
    else:
        out += ["| From | To | Value | Citation | Status |", "|---|---|---|---|---|"]
        for v in p.values:
            start, end = _period(v)
            out.append(
                f"| {start} | {end} | {_value(v.value)} | {_cite(v.citation)} | {v.citation.status} |"
            )
    return [*out, ""]


def _cpi_table(p: Parameter) -> list[str]:
    heads = [f"settled {v.effective_from.isoformat()} – {_period(v)[1]}" for v in p.values]
    out = ["| Contribution year | " + " | ".join(heads) + " |", "|---" * (len(heads) + 1) + "|"]
    keys: list[str] = []
    for v in p.values:
        keys += [k for k in v.value if k not in keys]
    for key in keys:
        cells = " | ".join(str(v.value.get(key, "—")) for v in p.values)
        out.append(f"| {key.replace('_', ' ')} | {cells} |")
    out.append("")
    out += [f"- {_period(v)[0]}: {_cite(v.citation)} [{v.citation.status}]" for v in p.values]
    return [*out, ""]


def _function_section(name: str, code: str, call: Callable[[], Any]) -> list[str]:
    import warnings

    import attrs

    func = getattr(benefits, name)
    doc = inspect.getdoc(func) or ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", benefits.StaleParameters)  # shown by explain()
        result = call()
    shown = [
        f"{f.name} = {getattr(result, f.name)!r}"
        for f in attrs.fields(type(result))
        if not f.name.startswith("_") and f.name != "parameters"
    ]
    return [
        f"### `{name}{inspect.signature(func)}`",
        "",
        doc,
        "",
        "```python",
        "from datetime import date",
        "from decimal import Decimal",
        "from vssdk import benefits",
        "",
        f"r = {code}",
        "```",
        "",
        "Result:",
        "",
        "```",
        *shown,
        "```",
        "",
        "`r.explain('en')`:",
        "",
        "```",
        result.explain("en"),
        "```",
        "",
    ]


def render() -> str:
    """The full text of docs/rules.md."""
    ps = parameters()
    lines = [
        "# Rules: parameters and calculators (`vssdk.benefits`)",
        "",
        "<!-- GENERATED by tools/gen_rules_docs.py from src/vssdk/benefits/data/*.yaml;"
        " do not edit by hand. -->",
        "",
        "Every contribution and benefit is computed from the dated, cited parameters below "
        "(integer đồng, `Decimal` rates; half-up rounding to the đồng only on published amounts). "
        "Status tags: **V** verified in the legal text, **S** several secondary sources, "
        "**S1** one secondary source, **U** unverified (see `docs/rules-notes.md`). "
        "Values apply from *From* to *To* inclusive; contribution parameters are looked up by "
        "the contribution month's date, benefit parameters by the event date of each rule.",
        "",
        "Adding a new value (e.g. next year's base salary) is a data change: close the current "
        "value's `effective_to` and append the new value with its citation; the loader rejects "
        "gaps, overlaps and uncited values.",
        "",
        "Horizon: every series carries `known_good_until`, the date to which it is known good "
        "(its last review against the public legal texts). A result computed for a later date "
        "still gets the last known value, but carries a `benefits.StaleParameters` warning in "
        "`.warnings` naming the series and its horizon (also issued through Python's `warnings`, "
        "printed by `explain()` and by `vssdk calc`). Drafts that may change a value soon, and "
        "the rounding convention of each rule, are listed in `docs/rules-notes.md`.",
        "",
        "## Functions",
        "",
        "All take keyword arguments; money is `int` VND, dates are `datetime.date`. Each result "
        "is a frozen object with `.parameters` (name → value used, with its citation), "
        "`.citations` and `.explain(lang='vi' | 'en')`. Bad input raises "
        "`benefits.RuleInputError` (`.argument` names it); ineligibility defined by law is a "
        "result with `eligible=False` / `subject=False` and a `reason`. On the command line: "
        "`vssdk calc <function> --arg value ...`.",
        "",
        "Helpers: `base_salary(on)`, `regional_minimum_wage(region, on)`, "
        "`contribution_ceiling(on)`, `cpi_coefficient(contribution_year, settled_on)`, "
        "`lookup_parameter(name, on, region=None)`.",
        "",
        "Server calculators (spec tag `calculators`, answered by the sandbox with this engine): "
        "`client.calculators.compulsory_contribution(...)`, `.voluntary_si(...)`, "
        "`.household_hi(...)` return the amounts with `citations` and an `explanation` "
        "(`lang='vi' | 'en'`); a rule violation is HTTP 422 naming the field.",
        "",
    ]
    lines.append(
        "One page per function: "
        + ", ".join(f"[`{name}`](rules/{name}.md)" for name, _, _ in EXAMPLES)
        + "."
    )
    lines.append("")
    for name, code, call in EXAMPLES:
        lines += _function_section(name, code, call)
    lines += ["## Parameters", ""]
    for name in sorted(ps.parameters):
        lines += _parameter_section(ps.parameters[name])
    return "\n".join(lines).rstrip() + "\n"


def render_pages() -> dict[Path, str]:
    """docs/rules.md plus one page per function under docs/rules/."""
    pages = {OUTPUT: render()}
    for name, code, call in EXAMPLES:
        body = _function_section(name, code, call)
        body[0] = f"# `{name}`"
        text = "\n".join([*body, "", "Parameters and the other rules: [../rules.md](../rules.md)."])
        pages[PAGES / f"{name}.md"] = text.rstrip() + "\n"
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if docs/rules.md is stale")
    args = parser.parse_args(argv)
    pages = render_pages()
    if args.check:
        stale = [p for p, text in pages.items() if not p.exists() or p.read_text("utf-8") != text]
        for path in stale:
            print(
                f"{path.relative_to(ROOT)} is out of date: run tools/gen_rules_docs.py",
                file=sys.stderr,
            )
        return 1 if stale else 0
    PAGES.mkdir(exist_ok=True)
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(pages)} files under docs/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
