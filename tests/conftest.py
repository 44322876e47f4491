"""Let the pure tests (tests/legal) run with a bare ``python3 -m pytest tests/legal``.

setup/test runs pytest-odoo with an Odoo config: the repository is then on the addons
path and a test database is loaded, and this file changes nothing. A bare run has
neither, so the repository is added to ``odoo.addons`` and pytest-odoo's autouse
session fixtures, which need a database, are replaced by no-ops. The check for a
configured database mirrors pytest-odoo's own.
"""

import os
from pathlib import Path

import pytest

import odoo.addons

_ROOT = str(Path(__file__).resolve().parent.parent)


def _odoo_database_configured(config):
    options = ("--odoo-database", "--odoo-config", "--odoo-dev")
    has_option = any(config.getoption(name, default=None) for name in options)
    return has_option or bool(os.environ.get("OPENERP_SERVER") or os.environ.get("ODOO_RC"))


class _NoDatabase:
    """Stand-ins for pytest-odoo's autouse fixtures; registered last, so they win."""

    @staticmethod
    @pytest.fixture(scope="session", autouse=True)
    def load_registry():
        yield

    @staticmethod
    @pytest.fixture(scope="session", autouse=True)
    def load_http():
        yield


def pytest_configure(config):
    if _odoo_database_configured(config):
        return
    if _ROOT not in odoo.addons.__path__:
        odoo.addons.__path__.append(_ROOT)
    config.pluginmanager.register(_NoDatabase(), "receivables-no-odoo-database")
