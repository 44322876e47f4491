from odoo import Command

from . import models
from . import wizard


def post_init_hook(env):
    """Existing companies get the shipped profiles of their country as defaults, and the users who
    already invoice get to run dunning (administrators can take it away in the user form)."""
    env["res.company"].search([])._dunning_apply_default_profiles()
    invoicing_users = env.ref("account.group_account_invoice").all_user_ids.filtered(lambda user: not user.share)
    env.ref("receivable_dunning.group_dunning_user").user_ids = [Command.link(user.id) for user in invoicing_users]
