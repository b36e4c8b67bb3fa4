"""User text in packets: every script renders and reads back, markup renders literally.

Right-to-left text is checked through poppler's pdftotext, the reference: it honours the
/ActualText each right-to-left line carries. pypdf does not read /ActualText (7.x ignores
marked content) and returns the glyphs of a right-to-left run in the order they are drawn,
left to right, so it is only used here for the scripts written left to right."""

from __future__ import annotations

from dataclasses import replace

import pytest
from packet_fixtures import candidate_packet, slate_packet
from pdf_reading import pdf_text, poppler_text

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
    "arabic": "محمد عبد الرحيم",
    "hebrew": "דוד לוי",
    "arabic with marks": "مُحَمَّد العلي",
    "hebrew with points": "נוֹעָה כֹּהֵן",
}
# Short enough not to wrap in the evidence column.
MIXED = [
    "Met דוד לוי on 12/03, 45 min.",
    "Ask محمد عبد الرحيم about Kafka.",
    "قال محمد: عمل في Google لمدة 5 سنوات.",
    "Led (נועה כהן) team of 5.",
    "Scored 4/4 — نعم!",
    "2024: محمد",
]
DEVANAGARI_REPH = "धर्मेंद्र वर्मा, कार्तिक आर्य"
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


@pytest.mark.parametrize("script", sorted(RIGHT_TO_LEFT))
def test_a_right_to_left_name_and_its_evidence_copy_as_entered(script):
    name = RIGHT_TO_LEFT[script]
    text = poppler_text(_packet_with({"label": name, "evidence": name}))
    assert text.count(name) >= 2, script  # on the cover (a heading) and in the evidence
    assert name[::-1] not in text


def test_right_to_left_evidence_copies_as_entered():
    text = poppler_text(_packet_with(RIGHT_TO_LEFT))
    for script, value in RIGHT_TO_LEFT.items():
        assert value in text, script


@pytest.mark.parametrize("line", MIXED)
def test_a_mixed_direction_line_copies_as_entered(line):
    assert line in poppler_text(_packet_with({"mixed": line})).splitlines()


def test_a_heading_with_a_right_to_left_name_copies_as_entered():
    name = RIGHT_TO_LEFT["arabic"]
    packet = slate_packet(2)
    packet = replace(
        packet, candidates=(replace(packet.candidates[0], label=name), packet.candidates[1])
    )
    text = poppler_text(build_pdf(packet).content)
    assert f"#1 · {name}" in text.splitlines()  # the candidate's page heading


def test_a_slate_packet_with_every_script_copies_every_name_as_entered():
    names = {**SCRIPTS, **RIGHT_TO_LEFT}
    packet = slate_packet(len(names))
    packet = replace(
        packet,
        candidates=tuple(
            replace(candidate, label=name)
            for candidate, name in zip(packet.candidates, names.values(), strict=True)
        ),
    )
    lines = poppler_text(build_pdf(packet).content).splitlines()
    for rank, (script, name) in enumerate(names.items(), start=1):
        assert f"#{rank} · {name}" in lines, script  # the heading of the candidate's page


@pytest.mark.parametrize("read", [poppler_text, pdf_text], ids=["poppler", "pypdf"])
def test_devanagari_with_a_reph_reads_back_whole(read):
    text = read(_packet_with({"label": DEVANAGARI_REPH, "evidence": DEVANAGARI_REPH}))
    assert text.count(DEVANAGARI_REPH) >= 2  # bold on the cover, regular in the evidence
    assert not any("\ue000" <= char <= "\uf8ff" for char in text)  # no private-use glyph


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
