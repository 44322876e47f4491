import logging

from odoo import api, models
from odoo.addons.receivable_dunning.models.dunning_run import BATCH_SIZE

_logger = logging.getLogger(__name__)


class ReceivableDunningRun(models.AbstractModel):
    """The daily run also hands over, with automatic transfer, what the letters did not get paid."""

    _inherit = "receivable.dunning.run"

    @api.model
    def _run_company(self, company, batch_size=BATCH_SIZE, commit=False, on=None):
        letters = super()._run_company(company, batch_size=batch_size, commit=commit, on=on)
        run = self.with_context(date=on) if on else self
        try:
            with self.env.cr.savepoint():
                run.env["account.move"]._collection_auto_transfer(company)
        except Exception:
            if not commit:
                raise  # "Run now": the accountant sees the error
            _logger.exception("Dunning run of %s: automatic transfer to collection failed", company.name)
        return letters
