from . import models
from . import wizard


def post_init_hook(env):
    """Existing companies get the shipped profiles of their country as defaults."""
    env["res.company"].search([])._dunning_apply_default_profiles()
