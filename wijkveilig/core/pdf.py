"""What every Wijkveilig PDF shares: an embedded Unicode font, dates as people write them, clean sentences.

The font (Source Sans Pro, SIL OFL) comes from the pinned PyPI package `font-source-sans-pro`, so names such as
Zoë, Ayşe or Łukasz print as typed in every language the documents are made in (decision 0040). The PDF core
fonts of fpdf2 know only Latin-1 and printed "?" for them.
"""

from datetime import date, datetime
from io import BytesIO

import font_source_sans_pro
from django.utils import formats, timezone
from fpdf import FPDF

FONT = "SourceSans"
FONT_FILES = {"": font_source_sans_pro.font_files_ttf["SourceSansPro"],
              "B": font_source_sans_pro.font_files_ttf["SourceSansProBold"],
              "I": font_source_sans_pro.font_files_ttf["SourceSansProIt"]}


class DocumentPdf(FPDF):
    """An A4 document in the embedded font, with a footer line and the page number on every page."""

    def __init__(self, *, footer: str):
        super().__init__(format="A4")
        self.footer_text = footer
        for style, path in FONT_FILES.items():
            self.add_font(FONT, style=style, fname=path)
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(0, 8, f"{self.footer_text} {self.page_no()}", align="C")

    def heading(self, text: str) -> None:
        self.set_font(FONT, style="B", size=16)
        self.multi_cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str, *, size: int = 10) -> None:
        self.set_font(FONT, size=size)
        self.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")

    def section(self, title: str, rows: list[str], *, size: int = 10) -> None:
        self.ln(3)
        self.set_font(FONT, style="B", size=size + 2)
        self.multi_cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, size=size)
        for row in rows or ["—"]:
            self.multi_cell(0, size * 0.55, row, new_x="LMARGIN", new_y="NEXT")

    def as_bytes(self) -> bytes:
        buffer = BytesIO()
        self.output(buffer)
        return buffer.getvalue()


def long_date(value: date | datetime | str | None) -> str:
    """"7 december 2026" (or "7 December 2026" in English): the active language's month names, never 07-12-2026."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    return formats.date_format(value, "j F Y")


def sentence(text: str) -> str:
    """The text as one sentence: trimmed, ending in exactly one full stop (or its own ! or ?)."""
    text = " ".join(str(text).split())
    if not text:
        return ""
    text = text.rstrip(".")
    return text if text.endswith(("!", "?", "…")) else f"{text}."


def joined(*parts: str, separator: str = " · ") -> str:
    """The non-empty parts joined, so an empty value never leaves a dangling label or separator behind."""
    return separator.join(part.strip() for part in parts if part and part.strip())
