"""`hirepartner calibration`: the panel's agreement and each interviewer's leniency, with their
intervals and the n they rest on, as text or JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from hirepartner.cli.output import print_json, print_table
from hirepartner.cli.values import record_id

if TYPE_CHECKING:
    from hirepartner.app import AppServices
    from hirepartner.services.calibration import AgreementFigure, AgreementRow, CalibrationView


def add_calibration_parser(commands: Any) -> None:
    calibration = commands.add_parser(
        "calibration", help="interviewer calibration and panel agreement, with intervals"
    )
    calibration.add_argument(
        "--requisition", type=record_id, metavar="ID", help="only this requisition"
    )
    calibration.add_argument("--json", action="store_true", help="print JSON")


def _figure(figure: AgreementFigure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "value": figure.value,
        "ci_low": figure.ci_low,
        "ci_high": figure.ci_high,
        "n_subjects": figure.n_subjects,
        "n_raters": figure.n_raters,
        "band": figure.band,
        "perfect": figure.perfect,
    }


def _row(row: AgreementRow) -> dict[str, Any]:
    return {
        "competency": row.competency,
        "ratings": row.ratings,
        "not_assessed": row.not_assessed,
        "icc21": _figure(row.icc21),
        "icc2k": _figure(row.icc2k),
        "alpha": _figure(row.alpha_figure),
    }


def calibration_json(view: CalibrationView) -> dict[str, Any]:
    """Per competency and overall: icc21, icc2k and alpha; per interviewer: the leniency."""
    *competencies, overall = view.agreement
    return {
        "scope": view.scope,
        "competencies": [_row(row) for row in competencies],
        "overall": _row(overall),
        "interviewers": [
            {
                "name": rater.leniency.rater,
                "mean_deviation": rater.leniency.mean_deviation,
                "se": rater.leniency.standard_error,
                "n": rater.leniency.n,
                "label": rater.leniency.tendency.value,
            }
            for rater in view.raters
        ],
    }


def _lines(row: AgreementRow) -> list[list[str]]:
    """One line per statistic: value, interval, what it rests on, the reading."""
    lines = []
    for name, figure in (("ICC(2,1)", row.icc21), ("ICC(2,k)", row.icc2k), ("α", row.alpha_figure)):
        first = [
            row.competency if name == "ICC(2,1)" else "",
            str(row.ratings) if name == "ICC(2,1)" else "",
        ]
        if figure is None:
            lines.append([*first, name, "–", "–", "–", "too few ratings to say"])
            continue
        lines.append(
            [
                *first,
                name,
                figure.estimate_text,
                figure.interval_text or "–",
                f"{figure.n_subjects} × {figure.n_raters}"
                + (", all agree" if figure.perfect else ""),
                figure.reading,
            ]
        )
    return lines


def _calibration(services: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    view = services.calibration.calibration(args.requisition)
    if args.json:
        print_json(calibration_json(view), out)
        return 0
    print(f"Calibration: {view.scope}", file=out)
    print_table(
        ["Interviewer", "Against the panel", "± SE", "Compared (n)", "Reading"],
        [
            [
                r.leniency.rater,
                "–" if r.leniency.mean_deviation is None else f"{r.leniency.mean_deviation:+.2f}",
                "–" if r.leniency.standard_error is None else f"{r.leniency.standard_error:.2f}",
                str(r.leniency.n),
                r.leniency.tendency.label,
            ]
            for r in view.raters
        ],
        out,
    )
    print(file=out)
    print_table(
        ["Competency", "Ratings", "Statistic", "Value", "95% interval", "Panel", "Reading"],
        [line for row in view.agreement for line in _lines(row)],
        out,
    )
    print(
        "\nBands: ICC after Koo & Li (2016), α after Krippendorff (2004); named only when the "
        "whole 95% interval lies in one band, on at least 5 candidates × 2 interviewers; below\n"
        "that panel no interval is shown (--json keeps it) and the value is a rough estimate.",
        file=out,
    )
    perfect = {
        f.perfect_text
        for row in view.agreement
        for f in (row.icc21, row.icc2k, row.alpha_figure)
        if f is not None and f.perfect
    }
    if perfect:
        print(
            f"All agree ({'; '.join(sorted(perfect))}): every interviewer gave each candidate "
            "the same rating. The interval then bounds the disagreement so few candidates "
            "could hide (Clopper-Pearson), rather than showing 1.00 to 1.00.",
            file=out,
        )
    return 0


CALIBRATION_HANDLERS = {"calibration": _calibration}
