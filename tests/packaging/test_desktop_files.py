"""What desktops and software centres read: the .desktop file, the AppStream metainfo and the
icon set in resources/, checked by the freedesktop validators themselves."""

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from hirepartner import __version__

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
APP_ID = "org.hirepartner.HirePartner"


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: scripts/dev setup installs it (APT_PACKAGES)"
    return found


def test_desktop_file_is_valid():
    desktop = RESOURCES / f"{APP_ID}.desktop"
    done = subprocess.run(
        [_tool("desktop-file-validate"), str(desktop)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == ""  # no warnings either
    text = desktop.read_text(encoding="utf-8")
    assert f"Icon={APP_ID}\n" in text
    assert "Exec=hirepartner\n" in text  # install.sh rewrites it to the installed path


def test_metainfo_is_valid_and_names_this_release():
    metainfo = RESOURCES / f"{APP_ID}.metainfo.xml"
    done = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    root = ET.parse(metainfo).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("releases/release").get("version") == __version__


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_png_icons_have_their_size(size):
    with Image.open(RESOURCES / "icons" / f"hirepartner-{size}.png") as image:
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        assert image.getpixel((size // 2, size // 2))[3] == 255  # drawn, not empty


def test_windows_and_macos_icons_hold_every_size():
    with Image.open(RESOURCES / "icons" / "hirepartner.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(RESOURCES / "icons" / "hirepartner.icns") as icns:
        assert icns.format == "ICNS"
        assert {(128, 128, 1), (256, 256, 1), (512, 512, 1)} <= set(icns.info["sizes"])


def test_icon_source_is_the_one_the_app_shows():
    source = (RESOURCES / "icons" / "hirepartner.svg").read_bytes()
    in_app = Path(__file__).resolve().parents[2] / "hirepartner" / "resources" / "icons" / "app.svg"
    assert source == in_app.read_bytes()
