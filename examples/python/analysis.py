"""A short analysis of a file of 绩效目标申报表 forms with jixiao and pandas.

    python examples/python/analysis.py [FILE]

FILE defaults to the bundled sample (crates/jixiao/fixtures/jingan-hrss-2026.txt).
Prints the annual funding per 项目类别, the indicators per 一级指标, and the
forms that have no 满意度指标 (satisfaction indicator).
"""

from __future__ import annotations

import pathlib
import sys
from decimal import Decimal

import jixiao

SAMPLE = pathlib.Path(__file__).resolve().parents[2] / "crates" / "jixiao" / "fixtures" / "jingan-hrss-2026.txt"


def main(argv: list[str]) -> int:
    path = pathlib.Path(argv[1]) if len(argv) > 1 else SAMPLE
    doc = jixiao.parse_file(path)
    print(f"{path.name}: {len(doc.forms)} forms, {doc.indicator_count} indicators")
    for d in doc.diagnostics:
        print(f"  {d}")

    # Funding by category: exact Decimals, summed in Python from the frame.
    forms = doc.forms_frame(exact=True)
    unit = "/".join(sorted(set(forms["unit"].dropna())))
    print(f"\nAnnual funding by 项目类别 ({unit}):")
    by_category = forms.groupby("category", observed=True)["annual_total"].agg(
        lambda s: sum((v for v in s if v is not None), Decimal("0.00"))
    )
    for category, total in by_category.sort_values(ascending=False).items():
        print(f"  {category:<10} {total:>16,}")
    print(f"  {'total':<10} {sum(by_category, Decimal('0.00')):>16,}")

    # Indicators by level: 一级指标 in the national order.
    indicators = doc.indicators_frame()
    print("\nIndicators by 一级指标:")
    for level1, count in indicators.groupby("level1", observed=True).size().items():
        print(f"  {level1:<8} {count:>4}")

    # Forms lacking a 满意度指标, from the model's level1 values.
    lacking = [
        (i, form)
        for i, form in enumerate(doc.forms)
        if not any(ind.level1 == "满意度指标" for ind in form.indicators)
    ]
    print(f"\nForms without a 满意度指标: {len(lacking)} of {len(doc.forms)}")
    for i, form in lacking:
        print(f"  #{i:<3} line {form.span.start_line:<5} {form.project.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
