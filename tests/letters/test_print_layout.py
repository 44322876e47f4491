"""The reportlab print layout and the amounts in words, without a database."""

import re
from io import BytesIO

import pypdf

from odoo.addons.receivable_dunning.amount_words import number_words, swedish_words
from odoo.addons.receivable_dunning.print_layout import LetterDocument, render_letters


def letter(rows, name="Kari Hansen", url=""):
    return LetterDocument(
        sender=["Nordvik Regnskap AS", "Storgata 1", "0155 Oslo"],
        contact=["Telefon: +47 22 00 00 00", "E-post: regnskap@nordvik.example"],
        recipient=[name, "Kirkegata 2", "0153 Oslo"],
        title="Inkassovarsel",
        facts=[("Brevnummer", "DUN/2025/00001"), ("Betalingsfrist", "29.03.2025")],
        introduction=["Til tross for vår påminnelse har vi ikke mottatt betaling. Zażółć gęślą jaźń."],
        columns=["Faktura", "Dato", "Forfall", "Beløp", "Betalt", "Gebyr", "Rente", "Saldo"],
        rows=[[f"INV/2025/{n:05d}", "01.03.2025", "15.03.2025", "1 000,00", "0,00", "35,00", "4,32", "1 039,32"]
              for n in range(rows)],
        totals=["Sum", "", "", "", "", "35,00", "4,32", "1 039,32"],
        amount_due="Vennligst betal kr 1 039,32 innen 29.03.2025.",
        amount_in_words="Beløp med bokstaver: en tusen og trettini NOK og 32/100",
        warnings=["Dersom beløpet ikke er betalt innen 29.03.2025, vil kravet bli sendt til inkasso."],
        payment_title="Betalingsinformasjon",
        payment=["Bankkonto: 1503.12.34567"],
        portal_text="Se kravet, protester eller betal på nett:",
        portal_url=url,
        closing=["Med vennlig hilsen", "Nordvik Regnskap AS"],
    )


def test_every_letter_fills_an_even_number_of_pages():
    pdf, pages = render_letters([letter(2), letter(70), letter(1, url="https://x.example/my/letter/1?t=abc")])
    reader = pypdf.PdfReader(BytesIO(pdf))
    assert all(count % 2 == 0 for count in pages)
    assert pages[1] >= 2, "seventy invoices do not fit on one page"
    assert len(reader.pages) == sum(pages)
    first_pages = [0, pages[0], pages[0] + pages[1]]
    for index, page in enumerate(first_pages):
        text = reader.pages[page].extract_text()
        assert "Kirkegata 2" in text and "Inkassovarsel" in text, f"letter {index} starts on page {page + 1}"
    back = reader.pages[1].extract_text()
    assert not back.strip(), "the back of a one-page letter stays blank"


def test_window_address_and_unicode_text():
    pdf, _pages = render_letters([letter(1, name="Łukasz Żółć")])
    page = pypdf.PdfReader(BytesIO(pdf)).pages[0]
    found = {}

    def visitor(text, cm, tm, _font, _size):
        if text.strip():
            x, y = tm[4], tm[5]  # the text matrix's origin, then the page's transformation
            found.setdefault(text.strip(), (cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]))

    page.extract_text(visitor_text=visitor)
    x, y = found["Łukasz Żółć"]
    height_mm = float(page.mediabox.height) / 72 * 25.4
    assert 19 <= x / 72 * 25.4 <= 25, "20 mm from the left edge, inside the window"
    assert 45 <= height_mm - y / 72 * 25.4 <= 90, "between 45 and 90 mm from the top"
    assert "Zażółć gęślą jaźń" in re.sub(r"\s+", " ", page.extract_text())


def test_portal_link_is_printed_with_its_qr_code():
    url = "https://debtor.example/my/letter/7?access_token=0123456789abcdef"
    pdf, _pages = render_letters([letter(1, url=url)])
    page = pypdf.PdfReader(BytesIO(pdf)).pages[0]
    assert url in page.extract_text().replace("\n", "")
    assert b" re\n" in page.get_contents().get_data() or b" re " in page.get_contents().get_data()


def test_amounts_in_words_in_each_language():
    assert number_words(1285, "nb_NO") == "en tusen, to hundre og åtti-fem"
    assert number_words(1285, "sv_SE") == "ettusen tvåhundraåttiofem"
    assert number_words(1285, "da_DK") == "ettusinde og tohundrede og femogfirs"
    assert number_words(1285, "fi_FI") == "tuhat kaksisataakahdeksankymmentäviisi"
    assert number_words(1285, "pl_PL") == "tysiąc dwieście osiemdziesiąt pięć"
    assert number_words(1285, "de_DE") == "eintausendzweihundertfünfundachtzig"
    assert number_words(1285, "en_US") == "one thousand, two hundred and eighty-five"


def test_swedish_words():
    assert swedish_words(0) == "noll"
    assert swedish_words(21000) == "tjugoettusen"
    assert swedish_words(2_500_300) == "två miljoner femhundratusen trehundra"
