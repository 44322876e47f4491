"""Crashes and concurrent runs against a real, committed database, with real Odoo processes.

Builds a throwaway database (receivable_dunning only), seeds overdue invoices with
automatic progression, then runs worker.py processes: one killed after its first commit
and run again; two running at once. Afterwards every invoice has exactly one letter per
stage, every letter at most one charge document and one e-mail.
"""

import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

import odoo

WORKER = Path(__file__).with_name("worker.py")
DATABASE = "receivables_reliability"
INVOICES = 16


def _connect(database):
    config = odoo.tools.config
    return psycopg2.connect(dbname=database, host=config["db_host"] or None, port=config["db_port"] or None,
                            user=config["db_user"] or None, password=config["db_password"] or None)


def _worker(company, *args, wait=True):
    command = [sys.executable, str(WORKER), odoo.tools.config["config"], DATABASE, company, *map(str, args)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if wait:
        output, _ = process.communicate(timeout=600)
        return process.returncode, output.decode()
    return process


def _query(sql, company_id=None, **params):
    connection = _connect(DATABASE)
    try:
        with connection.cursor() as cr:
            cr.execute(sql, {"company": company_id, **params})
            return cr.fetchall()
    finally:
        connection.close()


def _drop_database():
    connection = _connect("postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    finally:
        connection.close()


@pytest.fixture(scope="module")
def database():
    _drop_database()
    build = subprocess.run(
        [sys.executable, "-m", "odoo", "server", "-c", odoo.tools.config["config"], "-d", DATABASE,
         "-i", "receivable_dunning", "--stop-after-init", "--no-http", "--log-level=warn"],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    yield DATABASE
    _drop_database()


def _seed(company):
    """Each scenario has a company of its own, with the same overdue invoices."""
    code, output = _worker(company, "seed", INVOICES)
    assert code == 0, output
    return _query("SELECT id FROM res_company WHERE name = %(name)s", name=company)[0][0]


def _assert_once_each(company_id):
    duplicates = _query("""
        SELECT line.move_id, line.stage_id, COUNT(*) FROM receivable_dunning_letter_line line
          JOIN receivable_dunning_letter letter ON letter.id = line.letter_id
         WHERE letter.state != 'cancelled' AND letter.company_id = %(company)s
         GROUP BY line.move_id, line.stage_id HAVING COUNT(*) > 1
    """, company_id)
    assert duplicates == []
    lettered = _query("""
        SELECT COUNT(DISTINCT line.move_id) FROM receivable_dunning_letter_line line
          JOIN receivable_dunning_letter letter ON letter.id = line.letter_id
         WHERE letter.state = 'sent' AND letter.company_id = %(company)s
    """, company_id)[0][0]
    assert lettered == INVOICES, "every invoice got its letter"
    assert _query("""
        SELECT letter.id FROM receivable_dunning_letter letter
          JOIN account_move move ON move.dunning_fee_letter_id = letter.id
         WHERE letter.company_id = %(company)s GROUP BY letter.id HAVING COUNT(*) > 1
    """, company_id) == [], "a letter's charges are booked once"
    mails = _query("""
        SELECT message.res_id, COUNT(*) FROM mail_mail mail
          JOIN mail_message message ON message.id = mail.mail_message_id
          JOIN receivable_dunning_letter letter ON letter.id = message.res_id
         WHERE message.model = 'receivable.dunning.letter' AND letter.company_id = %(company)s
         GROUP BY message.res_id
    """, company_id)
    sent = _query("SELECT COUNT(*) FROM receivable_dunning_letter WHERE state = 'sent' AND company_id = %(company)s",
                  company_id)[0][0]
    assert len(mails) == sent and all(count == 1 for _letter, count in mails), "one e-mail per letter"


def _count(company_id, states=("draft", "approved", "sent", "cancelled")):
    return _query("SELECT COUNT(*) FROM receivable_dunning_letter WHERE company_id = %(company)s "
                  "AND state = ANY(%(states)s)", company_id, states=list(states))[0][0]


def test_a_killed_run_is_finished_by_the_next_one_without_duplicates(database):
    company_id = _seed("Killed AS")
    code, output = _worker("Killed AS", "run", "--die-after-commits", 1)
    assert code == 9, output
    assert 0 < _count(company_id) < INVOICES // 2, "the process died half-way, its first batch committed"
    code, output = _worker("Killed AS", "run")
    assert code == 0, output
    _assert_once_each(company_id)
    code, output = _worker("Killed AS", "run")
    assert code == 0, output
    assert _count(company_id, ("draft", "approved", "cancelled")) == 0
    _assert_once_each(company_id)


def test_two_runs_at_once_prepare_and_send_each_letter_once(database):
    company_id = _seed("Twice AS")
    first, second = _worker("Twice AS", "run", wait=False), _worker("Twice AS", "run", wait=False)
    for process in (first, second):
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, output.decode()
    _assert_once_each(company_id)


def test_two_senders_at_once_send_each_letter_once(database):
    company_id = _seed("Senders AS")
    code, output = _worker("Senders AS", "prepare")
    assert code == 0, output
    assert _count(company_id, ("draft",)) == INVOICES // 2
    first, second = _worker("Senders AS", "send", wait=False), _worker("Senders AS", "send", wait=False)
    for process in (first, second):
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, output.decode()
    _assert_once_each(company_id)
