import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, PdfParser
from pyzbar.pyzbar import ZBarSymbol, decode

from bot.posters.errors import PosterError
from bot.posters.links import links_for
from bot.posters.render import DPI, PAGE_PIXELS, font, qr_image, render_poster, save_poster

CODE = "Zx9_-kQ2mN4pR7sT"
WIDGET = "https://chat.example.org/webhooks/widget/"
BOTH = links_for(CODE, WIDGET, "FirstContactBot")
WIDGET_ONLY = links_for(CODE, WIDGET, None)
CM = DPI / 2.54


def decoded(image: Image.Image):
    return decode(image, symbols=[ZBarSymbol.QRCODE])


def decoded_links(image: Image.Image) -> set:
    return {symbol.data.decode() for symbol in decoded(image)}


@pytest.mark.parametrize(
    "size,languages",
    [("A4", ["nl", "ro", "bg", "hu"]), ("A4", ["en"]), ("A6", ["es", "pl"]), ("A6", ["bg"])],
)
def test_the_qr_codes_decode_back_to_both_links(size, languages, tmp_path):
    page = render_poster(BOTH, languages, size)
    assert page.size == PAGE_PIXELS[size]
    path = save_poster(page, tmp_path / "poster.png", "png")
    saved = Image.open(path)
    assert decoded_links(saved) == {BOTH.widget, BOTH.telegram}
    assert round(saved.info["dpi"][0]) == DPI


def test_a_poster_without_telegram_has_only_the_widget_code():
    page = render_poster(WIDGET_ONLY, ["nl", "en"], "A4")
    assert [s.data.decode() for s in decoded(page)] == [WIDGET_ONLY.widget]


@pytest.mark.parametrize("size,minimum_cm", [("A4", 6.0), ("A6", 3.0)])
def test_the_qr_codes_are_big_enough_to_scan(size, minimum_cm):
    """On A4 at least 6 cm of symbol (modules near 2 mm): a phone reads it from a metre."""
    for symbol in decoded(render_poster(BOTH, ["nl", "en"], size)):
        assert symbol.rect.width >= minimum_cm * CM and symbol.rect.height >= minimum_cm * CM


@pytest.mark.parametrize("size,factor", [("A4", 4), ("A6", 2)])
def test_the_qr_codes_still_decode_when_seen_small_and_blurred(size, factor):
    """A rough stand-in for a phone camera further away: a quarter (A4) or half (A6) of the
    resolution, then blurred."""
    page = render_poster(BOTH, ["nl", "ro", "bg", "hu"][: 4 if size == "A4" else 2], size)
    small = page.resize((page.width // factor, page.height // factor), Image.Resampling.BILINEAR)
    assert decoded_links(small.filter(ImageFilter.GaussianBlur(1.5))) == {
        BOTH.widget,
        BOTH.telegram,
    }


def test_a_qr_code_has_its_quiet_zone_and_whole_pixel_modules():
    image = qr_image(BOTH.widget, 1000)
    assert image.width == image.height and 900 <= image.width <= 1000
    border = next(i for i in range(image.width) if image.getpixel((i, i)) == 0)
    finder = next(x for x in range(border, image.width) if image.getpixel((x, border)) == 255)
    module = (finder - border) // 7  # the finder pattern's top edge is 7 dark modules
    assert finder - border == 7 * module and module >= 10
    assert border == 4 * module and image.width % module == 0
    ring = [image.getpixel((x, y)) for x in range(image.width) for y in (0, border - 1)]
    assert set(ring) == {255}


@pytest.mark.parametrize("where", ["left", "bottom", "centre"])
def test_a_qr_code_survives_a_stain_over_a_tenth_of_it(where):
    """Strong error correction: a torn or dirty patch (here 30 % by 30 % of the symbol, blank)
    must not stop the scan."""
    image = qr_image(BOTH.widget, 1000)
    border = next(i for i in range(image.width) if image.getpixel((i, i)) == 0)
    symbol = image.width - 2 * border
    stain = int(symbol * 0.3)
    middle = image.width // 2 - stain // 2
    corner = {
        "left": (border, middle),
        "bottom": (middle, image.width - border - stain),
        "centre": (middle, middle),
    }[where]
    ImageDraw.Draw(image).rectangle((*corner, corner[0] + stain, corner[1] + stain), fill=255)
    assert decoded_links(image) == {BOTH.widget}


@pytest.mark.parametrize("size,languages", [("A6", ["nl", "en", "ro"]), ("A4", list("abcde"))])
def test_too_many_languages_are_refused(size, languages):
    with pytest.raises(PosterError):
        render_poster(BOTH, languages, size)


def test_an_unknown_language_or_size_is_refused():
    with pytest.raises(PosterError, match="de"):
        render_poster(BOTH, ["de"], "A4")
    with pytest.raises(PosterError, match="A3"):
        render_poster(BOTH, ["nl"], "A3")


def test_a_missing_font_says_which_package_to_install(tmp_path):
    with pytest.raises(PosterError, match="fonts-dejavu-core"):
        font(tmp_path / "DejaVuSans.ttf", 40)


def pdf_page_image(path: Path) -> tuple:
    """The page size in points and the page image stored in a PDF written by Pillow."""
    parser = PdfParser.PdfParser(str(path))
    try:
        assert len(parser.pages) == 1
        page = parser.read_indirect(parser.pages[0])
        media_box = [float(v) for v in page[b"MediaBox"]]
        (reference,) = page[b"Resources"][b"XObject"].values()
        stream = parser.read_indirect(reference)
        assert stream.dictionary[b"Subtype"] == b"Image"
        return media_box, Image.open(io.BytesIO(stream.buf))
    finally:
        parser.close()


@pytest.mark.parametrize("size,points", [("A4", (595.3, 841.9)), ("A6", (297.6, 419.5))])
def test_the_pdf_prints_at_paper_size_and_its_qr_codes_decode(size, points, tmp_path):
    path = save_poster(render_poster(BOTH, ["ro", "nl"], size), tmp_path / "p.pdf", "pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    media_box, image = pdf_page_image(path)
    assert media_box[:2] == [0, 0]
    assert media_box[2] == pytest.approx(points[0], abs=0.5)
    assert media_box[3] == pytest.approx(points[1], abs=0.5)
    assert image.size == PAGE_PIXELS[size]
    assert decoded_links(image) == {BOTH.widget, BOTH.telegram}


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_the_pdf_as_a_pdf_reader_draws_it_decodes(tmp_path):
    path = save_poster(render_poster(BOTH, ["bg"], "A4"), tmp_path / "p.pdf", "pdf")
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
    )
    assert decoded_links(Image.open(tmp_path / "page.png")) == {BOTH.widget, BOTH.telegram}
