"""Each addon builds as a wheel the OCA way (whool) and installs as an Odoo addon."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ("receivable_dunning", "receivable_collection", "debtor_portal")


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    target = tmp_path_factory.mktemp("wheels")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(target),
                    *(str(ROOT / addon) for addon in ADDONS)], check=True, timeout=600)
    return {addon: next(target.glob(f"odoo_addon_{addon}-19.0.*-py3-none-any.whl")) for addon in ADDONS}


@pytest.mark.parametrize("addon", ADDONS)
def test_wheel_holds_the_whole_addon(wheels, addon):
    with zipfile.ZipFile(wheels[addon]) as wheel:
        names = set(wheel.namelist())
        metadata = next(wheel.read(name).decode() for name in names if name.endswith("METADATA"))
    prefix = f"odoo/addons/{addon}/"
    for relative in ("__manifest__.py", "__init__.py", "i18n/nb.po", "i18n/de.po", f"i18n/{addon}.pot",
                     "security/ir.model.access.csv"):
        assert prefix + relative in names, relative
    assert any(name.startswith(prefix + "views/") for name in names)
    assert "Requires-Dist: odoo==19.0.*" in metadata or "Requires-Dist: odoo>=19.0" in metadata
    if addon != "receivable_dunning":
        assert "Requires-Dist: odoo-addon-receivable_dunning==19.0.*" in metadata


def test_wheels_install_as_odoo_addons(wheels, tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(tmp_path),
                    *map(str, wheels.values())], check=True, timeout=600)
    for addon in ADDONS:
        assert (tmp_path / "odoo" / "addons" / addon / "__manifest__.py").is_file()
