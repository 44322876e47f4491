"""Print-ready PDF of many letters at once, drawn with reportlab (no ORM, no browser).

A print batch of a thousand letters cannot wait on one browser render per letter: the
letters' wording is prepared by the letter model (`_letter_document`) and laid out here
in one pass. The recipient's address sits in the window of a C5/E65 window envelope
(DIN 5008 form B: 20 mm from the left, 45 mm from the top), and every letter fills an
even number of pages so that duplex printing never puts two letters on one sheet.
"""

import itertools
import os
from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    DocIf,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

# Unicode fonts, so that Polish, Nordic and German letters print; Helvetica otherwise.
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
)
LEFT_MARGIN = 20 * mm
TOP_MARGIN = 15 * mm
SENDER_HEIGHT = 30 * mm  # so the window address starts 45 mm from the top of the sheet
WINDOW_HEIGHT = 45 * mm
WINDOW_WIDTH = 85 * mm
QR_SIZE = 28 * mm


@dataclass
class LetterDocument:
    """What one letter says, already in the debtor's language and formatted."""

    sender: list = field(default_factory=list)  # creditor (or agency) name, then its address lines
    contact: list = field(default_factory=list)  # "Phone: ...", "E-mail: ..."
    recipient: list = field(default_factory=list)  # name and postal address, shown in the window
    title: str = ""
    facts: list = field(default_factory=list)  # (label, value): letter number, date, deadline, ...
    introduction: list = field(default_factory=list)
    columns: list = field(default_factory=list)  # invoice table header
    rows: list = field(default_factory=list)  # invoice table rows, one list of cells each
    totals: list = field(default_factory=list)  # the table's total row
    amount_due: str = ""  # "Please pay NOK 939.32 no later than ..."
    amount_in_words: str = ""
    summary: list = field(default_factory=list)  # (label, amount) of a payment demand's claim
    paragraphs: list = field(default_factory=list)  # what the law requires the letter to say
    warnings: list = field(default_factory=list)  # consequences of not paying, printed in bold
    payment_title: str = ""
    payment: list = field(default_factory=list)  # bank account, references
    portal_text: str = ""
    portal_url: str = ""
    closing: list = field(default_factory=list)  # "Kind regards,", creditor


def _fonts():
    """(regular, bold) font names, registering DejaVu Sans once when it is installed."""
    for regular, bold in FONT_CANDIDATES:
        if os.path.exists(regular) and os.path.exists(bold):
            if "ReceivablesSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("ReceivablesSans", regular))
                pdfmetrics.registerFont(TTFont("ReceivablesSans-Bold", bold))
            return "ReceivablesSans", "ReceivablesSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles():
    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12.5, spaceAfter=5)
    return {
        "body": body,
        "bold": ParagraphStyle("bold", parent=body, fontName=bold),
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=15, leading=19, spaceAfter=8),
        "fonts": (regular, bold),
    }


def _text(value):
    return escape(str(value or ""))


def _lines(lines, style):
    return Paragraph("<br/>".join(_text(line) for line in lines if line), style)


class _LetterStart(Flowable):
    """Marks where a letter begins; the document template records the page."""

    def __init__(self, index):
        super().__init__()
        self.index = index

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        pass


class _BatchTemplate(BaseDocTemplate):
    def __init__(self, buffer):
        super().__init__(
            buffer, pagesize=A4, leftMargin=LEFT_MARGIN, rightMargin=20 * mm, topMargin=TOP_MARGIN,
            bottomMargin=18 * mm, title="Letters", author="Receivables",
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
        self.starts = {}

    def afterFlowable(self, flowable):
        if isinstance(flowable, _LetterStart):
            self.starts[flowable.index] = self.page


class _QrCode(Flowable):
    """A QR code drawn as one filled path.

    The mask pattern is fixed: choosing the best of the eight costs six times the encoding
    and every mask gives a valid code (ISO/IEC 18004), which matters over a thousand letters.
    """

    def __init__(self, value, size=QR_SIZE, border=2):
        super().__init__()
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(value)
        qr.version = qr.calculate_version()
        qr.makeImpl(False, 0)
        self.modules = qr.modules
        self.size = size
        self.border = border

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        count = len(self.modules)
        box = self.size / (count + 2 * self.border)
        path = self.canv.beginPath()
        for row_index, row in enumerate(self.modules):
            y = self.size - (row_index + self.border + 1) * box
            column = 0
            for dark, run in itertools.groupby(bool(module) for module in row):
                length = len(list(run))
                if dark:
                    path.rect((column + self.border) * box, y, length * box, box)
                column += length
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


def _cell_style(styles, size=8, extra=()):
    """Plain-text cells: reportlab draws strings in table cells far faster than paragraphs."""
    regular, _bold = styles["fonts"]
    return [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size + 2.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        *extra,
    ]


def _invoice_table(document, styles, width):
    _regular, bold = styles["fonts"]
    rows = [list(document.columns), *document.rows, *([document.totals] if document.totals else [])]
    count = len(document.columns) or 1
    first = width * 0.18
    widths = [first] + [(width - first) / (count - 1)] * (count - 1) if count > 1 else [width]
    table = Table(rows, colWidths=widths, repeatRows=1)
    extra = [("ALIGN", (3, 0), (-1, -1), "RIGHT"), ("FONTNAME", (0, 0), (-1, 0), bold),
             ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black)]
    if document.totals:
        extra += [("FONTNAME", (0, -1), (-1, -1), bold), ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black)]
    table.setStyle(TableStyle(_cell_style(styles, extra=extra)))
    return table


def _pairs_table(pairs, styles, widths, bold_last=False, size=8):
    _regular, bold = styles["fonts"]
    table = Table([list(pair) for pair in pairs], colWidths=widths, hAlign="LEFT")
    extra = [("ALIGN", (1, 0), (1, -1), "RIGHT")]
    if bold_last and pairs:
        extra += [("FONTNAME", (0, -1), (-1, -1), bold), ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black)]
    table.setStyle(TableStyle(_cell_style(styles, size=size, extra=extra)))
    return table


def _text_block(lines):
    return "\n".join(str(line) for line in lines if line)


def letter_flowables(document, styles, width):
    """The flowables of one letter, first page top to last line."""
    _regular, bold = styles["fonts"]
    sender = Table([[_text_block(document.sender), _text_block(document.contact)]],
                   colWidths=[width / 2, width / 2], rowHeights=[SENDER_HEIGHT])
    sender.setStyle(TableStyle(_cell_style(styles, extra=[("FONTNAME", (0, 0), (0, 0), bold)])))
    facts = _pairs_table(document.facts, styles, [35 * mm, 40 * mm])
    window = Table([[_text_block(document.recipient), facts]],
                   colWidths=[WINDOW_WIDTH + 10 * mm, width - WINDOW_WIDTH - 10 * mm], rowHeights=[WINDOW_HEIGHT])
    window.setStyle(TableStyle(_cell_style(styles, size=10, extra=[("TOPPADDING", (0, 0), (-1, -1), 0)])))
    story = [sender, window, Paragraph(_text(document.title), styles["title"])]
    story += [Paragraph(_text(text), styles["body"]) for text in document.introduction]
    if document.rows:
        story += [_invoice_table(document, styles, width), Spacer(1, 4 * mm)]
    if document.amount_due:
        story.append(Paragraph(_text(document.amount_due), styles["bold"]))
    if document.amount_in_words:
        story.append(Paragraph(_text(document.amount_in_words), styles["body"]))
    if document.summary:
        story += [_pairs_table(document.summary, styles, [60 * mm, 35 * mm], bold_last=True, size=9),
                  Spacer(1, 3 * mm)]
    story += [Paragraph(_text(text), styles["body"]) for text in document.paragraphs]
    story += [Paragraph(_text(text), styles["bold"]) for text in document.warnings]
    if document.payment:
        story.append(KeepTogether([Paragraph(_text(document.payment_title), styles["bold"]),
                                   _lines(document.payment, styles["body"])]))
    if document.portal_url:
        link = _lines([document.portal_text, document.portal_url], styles["body"])
        portal = Table([[_QrCode(document.portal_url), link]],
                       colWidths=[QR_SIZE + 4 * mm, width - QR_SIZE - 4 * mm])
        portal.setStyle(TableStyle(_cell_style(styles, size=9, extra=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")])))
        story.append(KeepTogether([Spacer(1, 2 * mm), portal]))
    if document.closing:
        story += [Spacer(1, 4 * mm), _lines(document.closing, styles["body"])]
    return story


def render_letters(documents):
    """One PDF of all `documents`, each starting on a new sheet; returns (pdf bytes, pages per letter).

    The page count of a letter includes the blank back page added for duplex printing, so it is even.
    """
    buffer = BytesIO()
    doc = _BatchTemplate(buffer)
    styles = _styles()
    story = []
    for index, document in enumerate(documents):
        if index:
            story.append(PageBreak())
        story.append(_LetterStart(index))
        story += letter_flowables(document, styles, doc.width)
        # Ending on a front side (odd page): a blank back page, so the next letter starts a new sheet.
        story.append(DocIf("doc.page % 2 == 1", [PageBreak(), Spacer(1, 1)]))
    doc.build(story)
    total = doc.page
    starts = [doc.starts[index] for index in range(len(documents))]
    ends = [*starts[1:], total + 1]
    return buffer.getvalue(), [end - start for start, end in zip(starts, ends, strict=True)]
