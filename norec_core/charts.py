"""Charts drawn on the server as SVG: a title and a description for screen readers, the
same numbers as a table beside the drawing, and nothing that needs JavaScript.

A plugin returns `chart_section(title, order, Chart(...))` from `norec_dashboard_panels`
(or `norec_sections`); `Chart` holds the numbers, this module the drawing.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from norec_core.contributions import Section

# Horizontal bars: a label column, then the bars, each row this tall.
ROW, GAP, BAR_WIDTH = 28, 6, 320
# The columns are as wide as their longest text, at about this many units a character
# of the 14-unit font (digits and most letters are narrower), so that no label or value
# is cut off at the drawing's edge; a label longer than LABEL_CHARS is shortened with an
# ellipsis (the table below has it whole).
CHAR_WIDTH, LABEL_CHARS = 8.5, 36
# 7:1 on white, above WCAG's 3:1 for graphics and 4.5:1 for the labels.
BAR_COLOUR, TEXT_COLOUR = "#1f4e79", "#212529"
_ids = itertools.count(1)


@dataclass(frozen=True)
class Chart:
    """Bars of `values` ((label, number) pairs, in the order to show), e.g. people per
    country or applications per month. `description` says in words what it shows; the
    table beside the drawing has `label_title` and `value_title` as its headers."""

    title: Any
    description: Any
    label_title: Any
    value_title: Any
    values: tuple[tuple[str, int | float], ...]

    def bars(self) -> list[dict[str, Any]]:
        """Each bar's place and size in the drawing's coordinates."""
        largest = max((v for _label, v in self.values), default=0) or 1
        return [
            {
                "label": label,
                "short": _shortened(str(label)),
                "value": value,
                "y": i * (ROW + GAP),
                "width": max(1, round(BAR_WIDTH * value / largest)) if value else 0,
            }
            for i, (label, value) in enumerate(self.values)
        ]

    @property
    def height(self) -> int:
        return max(1, len(self.values)) * (ROW + GAP)


def _shortened(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _columns(chart: Chart) -> tuple[int, int]:
    """The label and value columns' widths: the longest label, and the longest value as
    written with a thousands separator (a locale's may be a space: as wide)."""
    labels = max((len(_shortened(str(label))) for label, _v in chart.values), default=4)
    values = max((len(f"{value:,}") for _label, value in chart.values), default=1)
    return round(labels * CHAR_WIDTH) + 16, round(values * CHAR_WIDTH) + 16


def chart_section(title: Any, order: int, chart: Chart) -> Section:
    """A panel or section showing `chart` with its table."""
    label_width, value_width = _columns(chart)
    values = {
        "chart": chart,
        "chart_id": f"chart-{next(_ids)}",
        "geometry": {
            "row": ROW,
            "label_width": label_width,
            "width": label_width + BAR_WIDTH + value_width,
            "bar": BAR_COLOUR,
            "text": TEXT_COLOUR,
        },
    }
    return Section(title, order, "norec_core:templates/chart.pt", values)
