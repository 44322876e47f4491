from odoo.addons.receivable_collection import exchange_format
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCollectionTranslations(TransactionCase):
    """The shipped translations load: the work-list button and a file error read in the user's language."""

    def test_norwegian_and_german(self):
        self.env["res.lang"]._activate_lang("nb_NO")
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"].search([("name", "=", "receivable_collection")])._update_translations(
            ["nb_NO", "de_DE"])
        action = self.env.ref("receivable_collection.action_collection_case")
        self.assertEqual(action.with_context(lang="nb_NO").name, "Inkassosaker")
        self.assertEqual(action.with_context(lang="de_DE").name, "Inkassofälle")
        with self.assertRaises(exchange_format.ExchangeFormatError) as caught:
            exchange_format.parse_status_json("[1]")
        self.assertEqual(str(caught.exception.args[0]), 'The status has no list of "cases".')
        self.env = self.env(context=dict(self.env.context, lang="de_DE"))
        self.assertIn("Liste", self.env._("The status has no list of \"cases\"."))
