from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningSecurity(DunningCommon):
    """Accountants run dunning; only administrators change the law; others see nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(cls.env, "dunning_accountant", groups="receivable_dunning.group_dunning_user",
                                       company_id=cls.company.id, company_ids=cls.company.ids)
        cls.invoicing = new_test_user(cls.env, "invoicing_only", groups="account.group_account_invoice",
                                      company_id=cls.company.id, company_ids=cls.company.ids)
        cls.dunning_manager = new_test_user(cls.env, "dunning_manager",
                                            groups="receivable_dunning.group_dunning_manager",
                                            company_id=cls.company.id, company_ids=cls.company.ids)
        cls.portal = new_test_user(cls.env, "dunning_portal", groups="base.group_portal")
        cls.employee = new_test_user(cls.env, "dunning_employee", groups="base.group_user")

    def test_accountant_runs_and_sends(self):
        self.make_invoice(self.person, 900, "2025-03-01")
        self.env = self.env(user=self.accountant)
        letters = self.run_dunning("2025-03-15")
        self.send(letters.with_user(self.accountant), "2025-03-15")
        self.assertEqual(letters.sent_by_id, self.accountant)

    def test_invoicing_users_read_letters_but_do_not_run_dunning(self):
        invoice = self.make_invoice(self.person, 900, "2025-03-01")
        letters = self.run_dunning("2025-03-15")
        self.assertEqual(letters.with_user(self.invoicing).read(["name"])[0]["name"], letters.name)
        with self.on("2025-03-15"):
            self.assertEqual(invoice.with_user(self.invoicing).dunning_status, "ready")
        with self.assertRaises(AccessError):
            letters.with_user(self.invoicing).action_send()
        with self.assertRaises(AccessError):
            self.env["receivable.dunning.run"].with_user(self.invoicing).with_company(self.company)._run_company(
                self.company, on="2025-03-16")
        self.assertEqual(letters.state, "draft")

    def test_dunning_manager_sets_up_profiles_and_the_law(self):
        rule = self.env.ref("receivable_dunning.legal_rule_no_fee_reminder_2020")
        rule.with_user(self.dunning_manager).value = 36.0
        self.assertEqual(rule.value, 36.0)
        self.profile_person.with_user(self.dunning_manager).stage_ids[0].delay_days = 20
        with self.assertRaises(AccessError):
            self.profile_person.with_user(self.accountant).stage_ids[0].delay_days = 21
        self.assertTrue(self.dunning_manager.has_group("receivable_dunning.group_dunning_user"))
        self.assertTrue(self.env.ref("base.user_admin").has_group("receivable_dunning.group_dunning_manager"))

    def test_accountant_reads_but_cannot_change_legal_rules(self):
        rule = self.env.ref("receivable_dunning.legal_rule_no_fee_reminder_2020").with_user(self.accountant)
        self.assertEqual(rule.value, 35.0)
        with self.assertRaises(AccessError):
            rule.value = 50.0
        self.env.ref("receivable_dunning.legal_rule_no_fee_reminder_2020").value = 36.0  # administrator

    def test_portal_and_employees_see_no_letters(self):
        self.make_invoice(self.person, 900, "2025-03-01")
        letters = self.run_dunning("2025-03-15")
        for user in (self.portal, self.employee):
            with self.assertRaises(AccessError):
                letters.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.env["receivable.dunning.profile"].with_user(user).search([])

    def test_other_company_letters_are_invisible(self):
        other = self.setup_other_company(name="Other AS", **self.company_values("no", "NOK"))["company"]
        self.configure_company(other, self.profile_person, self.profile_firm)
        self.make_invoice(self.person, 900, "2025-03-01", company=other)
        letters = self.run_dunning("2025-03-15", other)
        self.assertTrue(letters)
        letters_seen = self.env["receivable.dunning.letter"].with_user(self.accountant).search([])
        self.assertFalse(letters_seen & letters)


@tagged("post_install", "-at_install")
class TestDefaultProfiles(DunningCommon):
    """A new company gets the shipped profiles of its country, or the EU baseline."""

    def test_defaults_follow_the_country(self):
        norway = self.env["res.company"].create({"name": "Ny AS", "country_id": self.env.ref("base.no").id})
        self.assertEqual(norway.dunning_profile_person_id, self.profile_person)
        self.assertEqual(norway.dunning_profile_company_id, self.profile_firm)
        sweden = self.env["res.company"].create({"name": "Ny AB", "country_id": self.env.ref("base.se").id})
        self.assertEqual(sweden.dunning_profile_person_id, self.env.ref("receivable_dunning.dunning_profile_se"))
        self.assertEqual(sweden.dunning_profile_company_id, self.env.ref("receivable_dunning.dunning_profile_se"))
        elsewhere = self.env["res.company"].create({"name": "New Inc", "country_id": self.env.ref("base.us").id})
        self.assertEqual(elsewhere.dunning_profile_person_id, self.env.ref("receivable_dunning.dunning_profile_eu"))
