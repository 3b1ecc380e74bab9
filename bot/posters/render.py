"""Draw a printable poster (A4 or A6 at 300 dpi): invitations, QR codes, the closing line.

Top to bottom: the invitation in each chosen language, the QR code(s) with captions, and
"Anonymous. Not the police. Free." in each language. Black on white so any printer does it.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_Q

from bot.posters.errors import (
    DOES_NOT_FIT,
    MISSING_FONT,
    NO_LANGUAGES,
    TOO_MANY_LANGUAGES,
    UNKNOWN_FORMAT,
    UNKNOWN_LANGUAGE,
    UNKNOWN_SIZE,
    PosterError,
)
from bot.posters.links import PosterLinks
from bot.posters.texts import PosterTexts, default_texts

DPI = 300
PAGE_PIXELS: Dict[str, Tuple[int, int]] = {"A4": (2480, 3508), "A6": (1240, 1748)}
MAX_LANGUAGES: Dict[str, int] = {"A4": 4, "A6": 2}
FORMATS = ("pdf", "png")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR_FONT = FONT_DIR / "DejaVuSans.ttf"
BOLD_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"

QR_QUIET_MODULES = 4  # the quiet zone the QR standard asks for
# Share of the text width one QR code takes (quiet zone included): on A4 about 8.5 cm with two
# codes and 10 cm with one, with modules of about 2 mm, which a phone reads from a metre away.
QR_SHARE = {1: 0.56, 2: 0.46}
MARGIN_SHARE = 0.07
# Font sizes as shares of the page width, before shrinking to fit.
HEADLINE, BODY, SMALL, CLOSING = 0.050, 0.037, 0.029, 0.033
LINE_SPACING = 1.25
# Text grows on a poster with one or two languages and shrinks to fit four.
MAX_SCALE, MIN_SCALE = 1.6, 0.55
BLACK, GREY, WHITE = 0, 150, 255


@dataclass(frozen=True)
class Line:
    text: str
    font: ImageFont.FreeTypeFont

    @property
    def height(self) -> int:
        return round(self.font.size * LINE_SPACING)


@lru_cache(maxsize=64)
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    if not path.exists():
        raise PosterError(MISSING_FONT.format(path=path))
    return ImageFont.truetype(str(path), size)


def check_request(languages: Sequence[str], size: str, file_format: str = "png") -> None:
    if size not in PAGE_PIXELS:
        raise PosterError(UNKNOWN_SIZE.format(size=size))
    if file_format not in FORMATS:
        raise PosterError(UNKNOWN_FORMAT.format(format=file_format))
    if not languages:
        raise PosterError(NO_LANGUAGES)
    texts = default_texts()
    for language in languages:
        if language not in texts:
            choices = ", ".join(texts)
            raise PosterError(UNKNOWN_LANGUAGE.format(language=language, choices=choices))
    if len(languages) > MAX_LANGUAGES[size]:
        raise PosterError(
            TOO_MANY_LANGUAGES.format(size=size, limit=MAX_LANGUAGES[size], count=len(languages))
        )


def qr_image(data: str, max_width: int) -> Image.Image:
    """A QR code (error correction Q, quiet zone included) with whole-pixel modules."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, border=QR_QUIET_MODULES)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    small = Image.new("L", (modules, modules), WHITE)
    small.putdata([BLACK if dark else WHITE for row in matrix for dark in row])
    module_pixels = max_width // modules
    return small.resize((modules * module_pixels,) * 2, Image.Resampling.NEAREST)


def greedy_lines(words: List[str], face: ImageFont.FreeTypeFont, width: float) -> List[str]:
    lines: List[str] = []
    for word in words:
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and face.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> List[Line]:
    """Lines of about equal length (no lone last word), in as few lines as fit the width."""
    words = text.split()
    if any(face.getlength(word) > width for word in words):
        raise ValueError("a single word is wider than the page")
    count = len(greedy_lines(words, face, width))
    narrow, wide = max(face.getlength(word) for word in words), float(width)
    while wide - narrow > 1:
        middle = (narrow + wide) / 2
        if len(greedy_lines(words, face, middle)) > count:
            narrow = middle
        else:
            wide = middle
    return [Line(line, face) for line in greedy_lines(words, face, wide)]


def unique(values: Sequence[str]) -> List[str]:
    return list(dict.fromkeys(values))


@dataclass
class Layout:
    invitations: List[List[Line]]  # one block per language
    captions: List[List[Line]]  # one column per QR code
    closing: List[Line]
    qr_codes: List[Image.Image]
    separator_gap: int

    def invitation_height(self) -> int:
        blocks = sum(line.height for block in self.invitations for line in block)
        return blocks + self.separator_gap * 2 * (len(self.invitations) - 1)

    def qr_row_height(self) -> int:
        return max(code.height for code in self.qr_codes)

    def qr_height(self) -> int:
        captions = max(sum(line.height for line in column) for column in self.captions)
        return self.qr_row_height() + captions

    def height(self) -> int:
        return (
            self.invitation_height() + self.qr_height() + sum(line.height for line in self.closing)
        )


def lay_out(
    texts: List[PosterTexts], links: PosterLinks, width: int, scale: float, page_width: int
) -> Layout:
    def face(path: Path, share: float) -> ImageFont.FreeTypeFont:
        return font(path, max(8, round(page_width * share * scale)))

    headline, closing_face = face(BOLD_FONT, HEADLINE), face(BOLD_FONT, CLOSING)
    body, small = face(REGULAR_FONT, BODY), face(REGULAR_FONT, SMALL)
    invitations = [
        wrap(t.headline, headline, width) + wrap(t.body, body, width) + wrap(t.scan, small, width)
        for t in texts
    ]
    targets = [(links.widget, [t.widget_caption for t in texts])]
    if links.telegram:
        targets.append((links.telegram, [t.telegram_caption for t in texts]))
    qr_width = round(width * QR_SHARE[len(targets)])
    qr_codes = [qr_image(link, qr_width) for link, _ in targets]
    captions = [
        [line for caption in unique(words) for line in wrap(caption, small, qr_width)]
        for _, words in targets
    ]
    closing = [
        line
        for text in unique([t.reassurance for t in texts])
        for line in wrap(text, closing_face, width)
    ]
    return Layout(invitations, captions, closing, qr_codes, separator_gap=round(body.size * 0.6))


def render_poster(links: PosterLinks, languages: Sequence[str], size: str) -> Image.Image:
    """The poster as a greyscale image of the page at 300 dpi."""
    check_request(languages, size)
    page_width, page_height = PAGE_PIXELS[size]
    margin = round(page_width * MARGIN_SHARE)
    width, height = page_width - 2 * margin, page_height - 2 * margin
    texts = [default_texts()[language] for language in languages]
    scale = MAX_SCALE
    while True:
        try:
            layout = lay_out(texts, links, width, scale, page_width)
        except ValueError:
            layout = None
        # Leave at least two body lines of air around the QR codes.
        if layout and layout.height() + 4 * layout.separator_gap <= height:
            break
        scale *= 0.95
        if scale < MIN_SCALE:
            raise PosterError(DOES_NOT_FIT.format(size=size))
    page = Image.new("L", (page_width, page_height), WHITE)
    draw_layout(ImageDraw.Draw(page), page, layout, margin, width, height)
    return page


def draw_lines(draw: ImageDraw.ImageDraw, lines: List[Line], centre_x: int, top: int) -> int:
    for line in lines:
        draw.text((centre_x, top), line.text, font=line.font, fill=BLACK, anchor="ma")
        top += line.height
    return top


def draw_layout(
    draw: ImageDraw.ImageDraw,
    page: Image.Image,
    layout: Layout,
    margin: int,
    width: int,
    height: int,
) -> None:
    centre = page.width // 2
    gap = (height - layout.height()) // 2  # the air goes above and below the QR codes
    top = margin
    for index, block in enumerate(layout.invitations):
        if index:
            rule = top + layout.separator_gap
            draw.line(
                (margin + width // 4, rule, margin + 3 * width // 4, rule), fill=GREY, width=3
            )
            top += 2 * layout.separator_gap
        top = draw_lines(draw, block, centre, top)
    top += gap
    column = width // len(layout.qr_codes)
    row = layout.qr_row_height()
    for index, (code, captions) in enumerate(zip(layout.qr_codes, layout.captions, strict=True)):
        column_centre = margin + column * index + column // 2
        page.paste(code, (column_centre - code.width // 2, top + (row - code.height) // 2))
        draw_lines(draw, captions, column_centre, top + row)
    top += layout.qr_height() + gap
    draw_lines(draw, layout.closing, centre, top)


def save_poster(page: Image.Image, path: Path, file_format: str) -> Path:
    """Write the page as a PNG or a one-page PDF that prints at the page's real size."""
    if file_format not in FORMATS:
        raise PosterError(UNKNOWN_FORMAT.format(format=file_format))
    path.parent.mkdir(parents=True, exist_ok=True)
    if file_format == "pdf":
        page.save(path, "PDF", resolution=DPI, quality=95)
    else:
        page.save(path, "PNG", dpi=(DPI, DPI), optimize=True)
    return path
