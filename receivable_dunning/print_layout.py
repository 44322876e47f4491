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
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "bold": ParagraphStyle("bold", parent=body, fontName=bold),
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=15, leading=19, spaceAfter=8),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", parent=body, fontSize=8, leading=10, spaceAfter=0, alignment=2),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=bold, fontSize=8, leading=10,
                                    spaceAfter=0, alignment=2),
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


def _invoice_table(document, styles, width):
    header = [Paragraph(_text(column), styles["cell"] if i == 0 else styles["cell_right"])
              for i, column in enumerate(document.columns)]
    body = [
        [Paragraph(_text(cell), styles["cell"] if i < 3 else styles["cell_right"]) for i, cell in enumerate(row)]
        for row in document.rows
    ]
    total = [Paragraph(_text(cell), styles["cell_bold"]) for cell in document.totals]
    count = len(document.columns) or 1
    first = width * 0.16
    widths = [first] + [(width - first) / (count - 1)] * (count - 1) if count > 1 else [width]
    table = Table([header, *body, *([total] if total else [])], colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black) if total else ("NOSPLIT", (0, 0), (0, 0)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _pairs_table(pairs, styles, widths, bold_last=False):
    rows = [[Paragraph(_text(label), styles["cell"]), Paragraph(_text(value), styles["cell_right"])]
            for label, value in pairs]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    commands = [("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0)]
    if bold_last and rows:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black))
    table.setStyle(TableStyle(commands))
    return table


def letter_flowables(document, styles, width):
    """The flowables of one letter, first page top to last line."""
    regular, bold = styles["fonts"]
    sender = Table([[_lines(document.sender, styles["small"]), _lines(document.contact, styles["small"])]],
                   colWidths=[width / 2, width / 2], rowHeights=[SENDER_HEIGHT])
    sender.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("FONTNAME", (0, 0), (-1, -1), regular)]))
    facts = _pairs_table(document.facts, styles, [35 * mm, 40 * mm])
    window = Table([[_lines(document.recipient, styles["body"]), facts]],
                   colWidths=[WINDOW_WIDTH + 10 * mm, width - WINDOW_WIDTH - 10 * mm], rowHeights=[WINDOW_HEIGHT])
    window.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    story = [sender, window, Paragraph(_text(document.title), styles["title"])]
    story += [Paragraph(_text(text), styles["body"]) for text in document.introduction]
    if document.rows:
        story += [_invoice_table(document, styles, width), Spacer(1, 4 * mm)]
    if document.amount_due:
        story.append(Paragraph(_text(document.amount_due), styles["bold"]))
    if document.amount_in_words:
        story.append(Paragraph(_text(document.amount_in_words), styles["body"]))
    if document.summary:
        story += [_pairs_table(document.summary, styles, [60 * mm, 35 * mm], bold_last=True), Spacer(1, 3 * mm)]
    story += [Paragraph(_text(text), styles["body"]) for text in document.paragraphs]
    story += [Paragraph(_text(text), styles["bold"]) for text in document.warnings]
    if document.payment:
        story.append(KeepTogether([Paragraph(_text(document.payment_title), styles["bold"]),
                                   _lines(document.payment, styles["body"])]))
    if document.portal_url:
        portal = Table([[_QrCode(document.portal_url),
                         _lines([document.portal_text, document.portal_url], styles["body"])]],
                       colWidths=[QR_SIZE + 4 * mm, width - QR_SIZE - 4 * mm])
        portal.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
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
