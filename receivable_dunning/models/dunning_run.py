import contextlib
import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_datetime

from .. import bulk_insert, progression
from .dunning_letter import OPEN_STATES, TOTAL_FIELDS

_logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
# First key of the run's advisory lock (the second is the company id): "DUNR" in ASCII.
RUN_LOCK_KEY = 0x44554E52
# What the run reads of each invoice: fetched alone, not with the hundred other columns of account_move.
INVOICE_FIELDS = (
    "name", "company_id", "commercial_partner_id", "currency_id", "invoice_date_due", "amount_total",
    "amount_residual", "dunning_effective_profile_id", "dunning_stage_id", "dunning_last_letter_date",
    "dunning_deadline",
)
# The models whose records a batch reads by the thousand.
BATCH_MODELS = (
    "account.move", "account.move.line", "account.partial.reconcile", "res.partner",
    "receivable.dunning.letter", "receivable.dunning.letter.line",
)


class ReceivableDunningRun(models.AbstractModel):
    """The dunning run: find the invoices due a letter, prepare letters, send the automatic ones.

    Works in batches with a fixed number of queries per batch; as a cron it commits
    after each batch, so a crash leaves every invoice either untouched or with its
    letter prepared, and a new run carries on without preparing anything twice.
    """

    _name = "receivable.dunning.run"
    _description = "Dunning run"

    # -------------------------------------------------------------------------
    # ENTRY POINTS
    # -------------------------------------------------------------------------

    @api.model
    def _cron_run(self, batch_size=BATCH_SIZE):
        for company in self.env["res.company"].search([]):
            if company._dunning_configured():
                self.with_company(company)._run_company(company, batch_size=batch_size, commit=True)

    @api.model
    def action_run_now(self):
        """The work lists' "Run now": the run of the companies selected in the switcher."""
        companies = self.env.companies.filtered(lambda company: company._dunning_configured())
        if not companies:
            raise UserError(self.env._(
                "Choose default dunning profiles for persons and companies in Accounting settings first.",
            ))
        letters = self.env["receivable.dunning.letter"]
        for company in companies:
            letters |= self.with_company(company)._run_company(company)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Dunning run done: %(count)s letter(s) prepared.", count=len(letters)),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def get_last_run_label(self):
        """When the run last ran for the companies in the switcher, for the work lists' header."""
        last_runs = self.env.companies.mapped("dunning_last_run")
        if not last_runs or not all(last_runs):
            return self.env._("never")
        return format_datetime(self.env, min(last_runs), dt_format="short")

    # -------------------------------------------------------------------------
    # RUN
    # -------------------------------------------------------------------------

    @api.model
    def _run_company(self, company, batch_size=BATCH_SIZE, commit=False, on=None):
        """The run of one company, never two at once: a second process finds it busy and skips it.

        A session-level advisory lock lasts across the cron's commits and ends with the
        connection, so a killed process never leaves the company locked.
        """
        self.env["receivable.dunning.letter"].check_access("create")  # only dunning users run dunning
        cr = self.env.cr
        cr.execute("SELECT pg_try_advisory_lock(%s, %s)", (RUN_LOCK_KEY, company.id))
        if not cr.fetchone()[0]:
            _logger.info("Dunning run of %s skipped: another run of this company is in progress.", company.name)
            return self.env["receivable.dunning.letter"]
        try:
            return self._run_company_locked(company, batch_size=batch_size, commit=commit, on=on)
        finally:
            cr.execute("SELECT pg_advisory_unlock(%s, %s)", (RUN_LOCK_KEY, company.id))

    @api.model
    def _run_company_locked(self, company, batch_size=BATCH_SIZE, commit=False, on=None):
        """Prepare letters for every invoice of `company` due one, then send what may go automatically.

        `on` runs as of another day (statuses, fees and interest as on that day).
        """
        if on:
            self = self.with_context(date=on)
        today = self.env["account.move"]._dunning_today()
        ruleset = self.env["receivable.legal.rule"]._ruleset()
        pack = self.env["receivable.legal.pack"].sudo()._for_country(company.country_id)  # public legal data
        if pack.rates_outdated:
            _logger.warning("Dunning run of %s: the newest interest rate of legal pack %s dates from %s; "
                            "a newer rate has probably been published.", company.name, pack.code, pack.latest_rate_date)
        ready = self._ready_domain(company)
        letters = self.env["receivable.dunning.letter"]
        no_open_letter = Domain("dunning_letter_line_ids", "not any", [("letter_id.state", "in", OPEN_STATES)])
        for move_ids in self._invoice_batches(ready & no_open_letter, batch_size):
            # Searched again, by status only: what was paid or put on hold since the run began is
            # left out. (A letter prepared meanwhile by someone else would hit the unique index.)
            moves = self.env["account.move"].search_fetch(
                ready & Domain("id", "in", move_ids), INVOICE_FIELDS, order="id",
            )
            try:
                # "Run now" is one transaction that fails as a whole; the cron keeps a failed
                # batch apart to retry it customer by customer.
                with self.env.cr.savepoint() if commit else contextlib.nullcontext():
                    new_letters = self._prepare_letters(self._plan(moves, today, ruleset), today, ruleset)
            except Exception:
                if not commit:
                    raise  # "Run now": the accountant sees the error
                new_letters = self._prepare_customer_by_customer(moves, today, ruleset)
            if new_letters and not letters:
                self._refresh_letter_statistics(new_letters)
            letters |= new_letters
            # The invoices, journal items and letters of a batch are not needed by the next one: the
            # cache stays the size of one batch (100,000 invoices would otherwise stay in memory).
            for model in BATCH_MODELS:
                self.env[model].invalidate_model()
            if commit and self._commit_progress(len(moves)) <= 0:
                break
        # sudo: the run stamps its own time on the company, which accountants may not edit otherwise.
        company.sudo().dunning_last_run = fields.Datetime.now()
        if company._dunning_dispatch_open():
            self._send_automatic(company, commit=commit)
        return letters

    @api.model
    def _prepare_customer_by_customer(self, moves, today, ruleset):
        """A batch failed: retry customer by customer so that one bad record stops only its own letter.

        The error is noted on the chatter of the invoices left without a letter.
        """
        letters = self.env["receivable.dunning.letter"]
        for partner in moves.commercial_partner_id:
            customer_moves = moves.filtered(lambda move, partner=partner: move.commercial_partner_id == partner)
            try:
                with self.env.cr.savepoint():
                    letters |= self._prepare_letters(self._plan(customer_moves, today, ruleset), today, ruleset)
            except Exception as error:  # any error of one customer must not stop the others
                _logger.exception("Dunning run: no letter for %s", partner.display_name)
                customer_moves._message_log_batch(bodies=dict.fromkeys(customer_moves.ids, self.env._(
                    "The dunning run could not prepare a letter for this invoice: %(error)s", error=error,
                )))
        return letters

    @api.model
    def _invoice_batches(self, domain, batch_size):
        """Lists of about `batch_size` ids of invoices matching `domain`, a customer never split.

        A customer's invoices always land in the same batch, so they share one letter. One query
        for the whole run: searching each batch by its customers took five times as long.
        """
        groups = self.env["account.move"]._read_group(domain, ["commercial_partner_id"], ["id:array_agg"])
        batch = []
        for _partner, move_ids in groups:
            batch.extend(move_ids)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    @api.model
    def _ready_domain(self, company):
        """Invoices of `company` whose dunning status is "ready"."""
        Move = self.env["account.move"].with_company(company)
        return Move._dunning_status_domains(company)["ready"] & Domain("company_id", "=", company.id)

    @api.model
    def _refresh_letter_statistics(self, letters):
        """Tell PostgreSQL's planner that the letters tables are no longer (nearly) empty.

        On a first run the tables start empty, and the plans PostgreSQL caches for the foreign-key
        checks of the new lines then scan the letters table instead of its index: each batch was
        slower than the one before (95 s instead of 20 s at 100,000 invoices). Analyzed once the
        first batch is in, they are planned again from its real size; ANALYZE counts the rows this
        transaction inserted. Skipped when the statistics already count as many letters, and when
        another run holds the tables' ANALYZE lock (the plans are then only slower).
        """
        cr = self.env.cr
        cr.execute("SELECT reltuples FROM pg_class WHERE oid = 'receivable_dunning_letter'::regclass")
        if cr.fetchone()[0] >= len(letters):
            return
        cr.execute("SHOW lock_timeout")
        lock_timeout = cr.fetchone()[0]
        try:
            with cr.savepoint(flush=False):
                cr.execute("SELECT set_config('lock_timeout', '200ms', true)")
                cr.execute("ANALYZE receivable_dunning_letter, receivable_dunning_letter_line")
        except psycopg2.errors.LockNotAvailable:
            _logger.info("Dunning run: the letters tables were not analyzed, another run is analyzing them.")
        cr.execute("SELECT set_config('lock_timeout', %s, true)", (lock_timeout,))

    @api.model
    def _plan(self, moves, today, ruleset=None):
        """[(invoice, stage it reaches today)], the stage worked out from its dates and the law."""
        ruleset = ruleset or self.env["receivable.legal.rule"]._ruleset()
        # Per profile and company: its stages, their steps, and the position of each stage sent.
        profiles = {}
        plan = []
        for move in moves:
            profile, company = move.dunning_effective_profile_id, move.company_id
            key = (profile.id, company.id)
            if key not in profiles:
                country = company.country_id.code or ""
                profiles[key] = (profile.stage_ids, profile.stage_ids._progression_steps(country, ruleset), {})
            stages, steps, sent_indexes = profiles[key]
            sent = move.dunning_stage_id.id
            if sent not in sent_indexes:
                sent_indexes[sent] = move._dunning_sent_index(stages)
            index = progression.stage_reached(
                steps, move.invoice_date_due, sent_indexes[sent], today,
                move.dunning_last_letter_date or None, move.dunning_deadline or None,
            )
            if index is not None:
                plan.append((move, stages[index]))
        return plan

    @api.model
    def _prepare_letters(self, plan, on, ruleset):
        """Create the draft letters of `plan`: one per customer (or invoice) and currency."""
        if not plan:
            return self.env["receivable.dunning.letter"]
        claim = self.env["receivable.dunning.claim"]
        Letter = self.env["receivable.dunning.letter"]
        Line = self.env["receivable.dunning.letter.line"]
        amounts, interest_errors = claim._line_amounts(plan, on, ruleset)
        groups = {}
        profiles = {}  # stage id: (profile, one letter per invoice)
        for move, stage in plan:
            if stage.id not in profiles:
                profiles[stage.id] = (stage.profile_id, stage.profile_id.letter_grouping == "invoice")
            profile, per_invoice = profiles[stage.id]
            key = (move.company_id, move.commercial_partner_id, move.currency_id, profile,
                   move if per_invoice else None)
            groups.setdefault(key, []).append((move, stage))
        letter_rows, lines_of_letters = [], []
        names = iter(Letter._new_names(len(groups)))
        prepared = fields.Datetime.now()
        stage_orders = {}  # stage: (sequence, id), the order in which stages follow each other
        letter_stages = {}  # (stage id, company id): what a letter of that stage says, that company sending it
        for (company, partner, currency, profile, _move), pairs in groups.items():
            for _move, stage in pairs:
                if stage not in stage_orders:
                    stage_orders[stage] = (stage.sequence, stage.id)
            top = max((stage for _move, stage in pairs), key=stage_orders.__getitem__)
            if (top.id, company.id) not in letter_stages:
                letter_stages[top.id, company.id] = {
                    "stage_id": top.id,
                    "kind": top.kind,
                    "deadline": claim._deadline(top, company, on, ruleset),
                    "channel_email": top.channel_email,
                    "channel_letter": top.channel_letter,
                    "channel_sms": top.channel_sms,
                    "channel_phone": top.channel_phone,
                }
            line_rows = claim._one_fee_per_letter([{
                "move_id": move.id, "stage_id": stage.id, "company_id": company.id, "currency_id": currency.id,
                "invoice_date_due": move.invoice_date_due, **amounts[move.id],
            } for move, stage in pairs])
            for row in line_rows:
                row["amount_due"] = Line._amount_due(currency, row)
                row["letter_state"] = "draft"
            notes = [interest_errors[move.id] for move, _stage in pairs if move.id in interest_errors]
            letter_rows.append({
                "name": next(names),
                "company_id": company.id,
                "partner_id": partner.id,
                "currency_id": currency.id,
                "profile_id": profile.id,
                **letter_stages[top.id, company.id],
                "state": "draft",
                "letter_date": on,
                "email_to": Letter._email_to(company, partner) or False,
                "prepared_by_id": self.env.uid,
                "prepared_date": prepared,
                "interest_note": "\n".join(notes) or False,
                **Letter._totals(currency, line_rows),
            })
            lines_of_letters.append(line_rows)
        # One COPY for the letters and one for their lines (bulk_insert.py says why), with their
        # totals and states computed here by the fields' own functions, and the numbers the
        # letter's create() would give (_new_names): an addon overriding create() of letters or
        # lines must also extend this. No chatter note, follower or tracking per letter: the
        # letter records who prepared it and when, the invoices are noted when it is sent.
        letters = bulk_insert.insert_records(Letter, letter_rows)
        bulk_insert.insert_records(Line, [
            {**row, "letter_id": letter.id}
            for letter, line_rows in zip(letters, lines_of_letters, strict=True) for row in line_rows
        ], given_elsewhere=[Letter._fields[name] for name in TOTAL_FIELDS])
        return letters

    @api.model
    def _send_automatic(self, company, commit=False, batch_size=100):
        """Automatic progression: approve and send the letters of stages that need no approval."""
        domain = [("company_id", "=", company.id), ("state", "in", OPEN_STATES),
                  ("stage_id.needs_approval", "=", False)]
        failed = []
        while True:
            letters = self.env["receivable.dunning.letter"].search(
                domain + [("id", "not in", failed)], limit=batch_size, order="id",
            )
            if not letters:
                return
            for letter in letters:
                try:
                    with self.env.cr.savepoint():
                        letter.action_approve()
                        if not letter._send():
                            failed.append(letter.id)  # sent or being sent by another process
                except psycopg2.errors.SerializationFailure:
                    failed.append(letter.id)  # another process sent it since this transaction began
                except Exception as error:  # the cron goes on with the other letters
                    if not (commit or isinstance(error, UserError)):
                        raise
                    if not isinstance(error, UserError):
                        _logger.exception("Dunning run: letter %s not sent", letter.name)
                    failed.append(letter.id)
                    letter._message_log(body=self.env._("Not sent automatically: %(error)s", error=error))
            if commit and self._commit_progress(len(letters)) <= 0:
                return

    @api.model
    def _commit_progress(self, processed):
        """Commit a batch like Odoo's own crons do; returns the seconds left for this run."""
        return self.env["ir.cron"]._commit_progress(processed)
