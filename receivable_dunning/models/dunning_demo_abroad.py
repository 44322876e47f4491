from odoo import api, fields, models

# A Swedish and a Polish company beside the Norwegian one: (country code, currency, company name,
# city, customers [(name, is company, street, zip, city)], invoices [(customer index, days overdue,
# amount, days ago each earlier letter was sent)]).
DEMO_ABROAD = [
    ("se", "SEK", "Norrsken Redovisning AB", "Stockholm", [
        ("Sven Svensson", False, "Drottninggatan 5", "111 51", "Stockholm"),
        ("Bygg & Betong AB", True, "Industrigatan 9", "211 20", "Malmö"),
        ("Anna Lind", False, "Storgatan 2", "411 38", "Göteborg"),
    ], [
        (0, 12, 2000.0, ()),
        (0, 40, 3500.0, (25,)),
        (1, 55, 48000.0, (40, 25)),
        (2, -5, 900.0, ()),
    ]),
    ("pl", "PLN", "Zorza Księgowość Sp. z o.o.", "Warszawa", [
        ("Jan Kowalski", False, "ul. Marszałkowska 10", "00-590", "Warszawa"),
        ("Budex Sp. z o.o.", True, "ul. Przemysłowa 4", "30-701", "Kraków"),
    ], [
        (0, 20, 1500.0, ()),
        (1, 35, 12000.0, (20,)),
        (1, 90, 62000.0, (75,)),
    ]),
]


class ReceivableDunningDemoAbroad(models.AbstractModel):
    """Demo companies in Sweden and Poland, with their shipped profiles and a history of letters,
    and an interest note in the Norwegian company."""

    _inherit = "receivable.dunning.demo"

    @api.model
    def _load_demo_data(self):
        invoices = super()._load_demo_data()
        self._demo_interest_note(invoices)
        for spec in DEMO_ABROAD:
            self._demo_abroad(*spec)
        return invoices

    @api.model
    def _demo_interest_note(self, invoices):
        """A draft interest note at a contractual 8 % for the Norwegian company's oldest company debtor."""
        fjord = self.env.ref("receivable_dunning.demo_partner_fjord")
        moves = invoices.filtered(lambda move: move.partner_id == fjord)
        today = fields.Date.context_today(self)
        wizard = self.env["receivable.interest.note.create"].create({
            "move_ids": [fields.Command.set(moves.ids)], "date": today, "rate_mode": "contractual",
            "contractual_rate": 8.0,
        })
        wizard.with_company(moves.company_id).action_create()

    @api.model
    def _demo_abroad(self, country_code, currency_code, name, city, customers, invoices):
        currency = self.env.ref(f"base.{currency_code}")
        currency.active = True
        country = self.env.ref(f"base.{country_code}")
        company = self.env.ref(f"base.demo_company_{country_code}", raise_if_not_found=False)
        if not company:
            company = self.env["res.company"].create({
                "name": name, "country_id": country.id, "currency_id": currency.id, "city": city,
                "email": f"info@{country_code}.example.com",
            })
            self._set_xmlid(f"demo_company_{country_code}", company)
        if not company.chart_template:
            has_chart = self.env["ir.module.module"]._get(f"l10n_{country_code}").state == "installed"
            self.env["account.chart.template"].try_loading(
                country_code if has_chart else "generic_coa", company, install_demo=False,
            )
            company.currency_id = currency
        self.env.ref("base.user_admin").company_ids = [fields.Command.link(company.id)]
        company._dunning_apply_default_profiles()
        partners = self.env["res.partner"].create([{
            "name": partner_name, "is_company": is_company, "street": street, "zip": zip_code, "city": town,
            "country_id": country.id, "email": f"{partner_name.split()[0].lower()}@example.com",
            "company_id": company.id,
        } for partner_name, is_company, street, zip_code, town in customers])
        moves = self._demo_post_invoices(company, [
            (partners[index], days_overdue, amount) for index, days_overdue, amount, _letters in invoices
        ])
        self._demo_send_letters(moves, [letters for *_head, letters in invoices])
        return moves
