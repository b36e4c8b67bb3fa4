"""User text in packets: every script renders and reads back, markup renders literally."""

from __future__ import annotations

import pytest
from packet_fixtures import candidate_packet
from pdf_reading import pdf_text

from hirepartner.packets.build import build_pdf
from hirepartner.packets.fonts import REPLACEMENT, font_runs
from hirepartner.packets.text import visual_order

SCRIPTS = {
    "latin": "Zoë Brontë-Šťastná Ångström",
    "cyrillic": "Наталья Кузнецова",
    "greek": "Γιώργος Παπαδόπουλος",
    "chinese": "王小明 负责支付系统",
    "japanese": "渡辺 健二 さくら カタカナ",
    "korean": "김민준 백엔드 개발자",
    "devanagari": "अनन्या शर्मा",
    "thai": "สมชาย ใจดี",
}
RIGHT_TO_LEFT = {
    "arabic": "محمد العلي",
    "hebrew": "נועה כהן",
}
HOSTILE = [
    "<b>bold</b>",
    '<font color="red">red</font>',
    '<img src="/etc/passwd"/>',
    "Tom & Jerry",
    "[[[template]]]",
    "&amp; &lt; &#65;",
    "<a href='http://127.0.0.1:9/x'>link</a>",
    "<para>x</para><br/>",
]


def _packet_with(texts: dict[str, str]) -> bytes:
    packet = candidate_packet(
        label=texts.get("label", "Ada Lovelace"),
        evidence={f"Competency {key}": value for key, value in texts.items()},
    )
    return build_pdf(packet).content


def test_every_script_comes_back_exactly():
    text = pdf_text(_packet_with(SCRIPTS))
    for script, value in SCRIPTS.items():
        assert value in text, script


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_a_name_in_every_script_comes_back_exactly(script):
    name = SCRIPTS[script]
    text = pdf_text(_packet_with({"label": name, "evidence": f"{name} explained it well."}))
    assert text.count(name) >= 2, script  # on the cover and in the evidence


def test_right_to_left_text_is_laid_out_right_to_left():
    # A PDF's text comes back in visual (left-to-right) order: an RTL line reversed.
    text = pdf_text(_packet_with(RIGHT_TO_LEFT))
    for script, value in RIGHT_TO_LEFT.items():
        assert value[::-1] in text, script


def test_mixed_direction_words_keep_their_runs():
    words, rtl = visual_order(["Python", "و", "عربي", "SQL"])
    assert rtl is False  # the first strong word is Latin
    assert words == ["Python", "عربي", "و", "SQL"]
    words, rtl = visual_order(["נועה", "כהן", "2024"])
    assert rtl is True
    assert words == ["2024", "כהן", "נועה"]


def test_markup_in_user_text_renders_literally_and_reads_nothing(tmp_path):
    image = tmp_path / "secret.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    hostile = [*HOSTILE, f'<img src="{image}" width="50" height="50"/>']
    content = _packet_with(
        {f"h{n}": value for n, value in enumerate(hostile)} | {"label": "<b>Ada</b> & co"}
    )
    text = pdf_text(content)
    unwrapped = "".join(text.split())  # a long path wraps inside its cell
    for value in hostile:
        assert "".join(value.split()) in unwrapped
    assert "<b>Ada</b> & co" in text
    assert b"/Subtype /Image" not in content
    assert b"/URI" not in content


def test_an_emoji_does_not_break_the_build():
    content = _packet_with({"emoji": "Great hire 😀👍🏽 ★ → ✓"})
    text = pdf_text(content)
    assert f"Great hire {REPLACEMENT}" in text
    assert "★ → ✓" in text


def test_runs_pick_a_font_that_has_the_glyphs():
    runs = font_runs("Ana 王 محمد x")
    assert [face.regular for face, _ in runs] == ["HP-Sans", "HP-CJK", "HP-Arabic", "HP-Sans"]
    assert "".join(text for _, text in runs) == "Ana 王 محمد x"


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\ufffe"])
def test_characters_xml_cannot_carry_are_dropped_not_fatal(control):
    text = pdf_text(_packet_with({"c": f"before{control}after"}))
    assert "beforeafter" in text


@pytest.mark.parametrize("script", sorted(RIGHT_TO_LEFT))
def test_a_right_to_left_name_is_laid_out_right_to_left(script):
    name = RIGHT_TO_LEFT[script]
    text = pdf_text(_packet_with({"label": name}))
    assert name[::-1] in text, script
