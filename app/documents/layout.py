"""Shared bilingual layout of every printed form (docs/domain.md §4): A4, Kazakh line above the
Russian line as the appendices lay them out, the department header, signature lines and the
place of the seal, the slot of the electronic-signature stamp and the QR code of a checkable
document.  Builders in this package describe a form with :class:`Form` and write it with
:func:`write_pdf`."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

from . import fonts
from .words import date_kk, date_ru

MARGIN = 15 * mm
LEFT_MARGIN = 25 * mm  # room for the binding edge


def _style(name: str, size: float, *, bold: bool = False, align: int = 0, space_before: float = 0) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=fonts.BOLD if bold else fonts.REGULAR, fontSize=size,
                          leading=size * 1.2, alignment=align, spaceBefore=space_before)


TEXT = _style("text", 10.5)
CAPTION = _style("caption", 8, align=TA_CENTER)
SMALL = _style("small", 8)
TITLE = _style("title", 12, bold=True, align=TA_CENTER)
RIGHT = _style("right", 9, align=TA_RIGHT)
HEADING = _style("heading", 11, bold=True, space_before=4)

# §51 part 3.  The Russian text is the seed's; the Kazakh text is not in the seeds (the Kazakh
# edition of the Rules is not among them) and follows the wording "сырттай проактивті куәландыру"
# and "сараптама қорытындысы" that the seeds use elsewhere (docs/domain.md §10).
PROACTIVE_MARK_KK = "Сараптама қорытындысы сырттай проактивті шығарылды"
PROACTIVE_MARK_RU = "Экспертное заключение вынесено заочно проактивно"

NAME_CAPTION_KK = "(Тегі, аты, әкесінің аты (болған кезде)/"
NAME_CAPTION_RU = "Фамилия, имя, отчество (при его наличии))"

MINISTRY_KK = "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі"  # App 8, 17, 18
MINISTRY_RU = "Министерство труда и социальной защиты населения Республики Казахстан"


def text(value: object) -> str:
    """A value as Paragraph markup (names may hold ``&`` or ``<``)."""
    return escape("" if value is None else str(value))


def value(value: object) -> str:
    """A filled-in blank: bold, or a line to write on by hand when there is nothing to print."""
    shown = text(value)
    return f"<b>{shown}</b>" if shown.strip() else "____________________"


@dataclass(frozen=True)
class DepartmentHeading:
    """Who issues the paper: region, department and address, in both languages."""

    region_kk: str
    region_ru: str
    number: int
    address: str
    head_name: str
    code: str
    methodology: bool = False
    city: tuple[str, ...] = ()  # the city's names when the region is a city of national significance

    def line(self, lang: str) -> str:
        if lang == "kk":
            kind = "МӘС ӘБ бөлімі" if self.methodology else "МӘС бөлімі"
            return f"{self.region_kk}, № {self.number} {kind}, {self.street_address}"
        kind = "отдел МК МСЭ" if self.methodology else "отдел МСЭ"
        return f"{self.region_ru}, {kind} № {self.number}, {self.street_address}"

    @property
    def street_address(self) -> str:
        """The address after the region: a city of national significance, which the region's
        name already says ("город Алматы"), is not named again at its start."""
        first, _comma, rest = self.address.partition(",")
        if rest and first.strip().casefold() in {name.casefold() for name in self.city}:
            return rest.strip()
        return self.address


@dataclass(frozen=True)
class SignatureStamp:
    """What the electronic signature adds (the signatures issue fills it): signer, certificate, time."""

    signer: str = ""
    certificate: str = ""
    signed_at: str = ""


class Form:
    """A form as a list of flowables, written top to bottom."""

    def __init__(self) -> None:
        fonts.register()  # paragraphs look their font up as they are made
        self.story: list[Flowable] = []

    def add(self, *flowables: Flowable) -> Form:
        self.story.extend(flowables)
        return self

    def space(self, height_mm: float = 3) -> Form:
        return self.add(Spacer(1, height_mm * mm))

    def para(self, markup: str, style: ParagraphStyle = TEXT) -> Form:
        return self.add(Paragraph(markup, style))

    def lines(self, *markups: str, style: ParagraphStyle = TEXT) -> Form:
        for markup in markups:
            self.para(markup, style)
        return self

    def appendix_note(self, appendix: str, to_rules: bool = True) -> Form:
        """"Приложение N к Правилам … Форма", at the top right, as the seed prints it."""
        rules = ("к Правилам проведения<br/>медико-социальной экспертизы" if to_rules else
                 "к Правилам ведения реестра<br/>независимых экспертов<br/>медико-социальной экспертизы")
        return self.para(f"{text(appendix)}<br/>{rules}<br/>Форма", RIGHT).space(2)

    def authority(self, heading: DepartmentHeading) -> Form:
        """The issuing body and department with their captions (App 19-23)."""
        self.para(value(f"{MINISTRY_KK} / {MINISTRY_RU}"), CAPTION)
        self.para("(уәкілетті орган / уполномоченный орган)", CAPTION)
        self.para(value(f"{heading.line('kk')} / {heading.line('ru')}"), CAPTION)
        return self.para("(өңір, бөлім, мекенжайы / регион, отдел, адрес)", CAPTION).space(3)

    def ministry(self, heading: DepartmentHeading | None, caption: str = "(өңір, бөлім/регион, отдел)") -> Form:
        """The ministry in both languages and the department line (App 8, 17, 18)."""
        self.lines(MINISTRY_KK, MINISTRY_RU, style=CAPTION)
        if heading is not None:
            self.para(value(f"{heading.line('kk')} / {heading.line('ru')}"), CAPTION).para(caption, CAPTION)
        return self.space(2)

    def title(self, kk: str, ru: str, suffix: str = "") -> Form:
        return self.lines(text(kk), text(ru) + suffix, style=TITLE).space(3)

    def field(self, kk: str, ru: str, value_kk: object = None, value_ru: object = None, *, both: bool = False) -> Form:
        """A labelled blank: the Kazakh label with its value, the Russian label under it.  A value
        given per language goes on each line; ``both`` writes it on the Russian line as well."""
        self.para(f"{text(kk)} {value(value_kk)}")
        shown_ru = value_ru if value_ru is not None else (value_kk if both else None)
        return self.para(text(ru) + (f" {value(shown_ru)}" if shown_ru not in (None, "") else ""))

    def sentence(self, kk: str, ru: str, value_kk: object, value_ru: object) -> Form:
        """A line whose blank is inside the sentence ("Мүгедектік {} дейінгі мерзімге белгіленген")."""
        return self.para(text(kk).replace("{}", value(value_kk))).para(text(ru).replace("{}", value(value_ru)))

    def name_caption(self) -> Form:
        return self.lines(NAME_CAPTION_KK, NAME_CAPTION_RU, style=SMALL)

    def heading(self, kk: str, ru: str) -> Form:
        return self.lines(text(kk), text(ru), style=HEADING)

    def proactive_mark(self, proactive: bool) -> Form:
        """§51 part 3: every document of a proactive conclusion carries this mark."""
        if proactive:
            self.space(2).lines(f"<b>{PROACTIVE_MARK_KK}</b>", f"<b>{PROACTIVE_MARK_RU}</b>", style=TEXT)
        return self

    def signature(self, role_kk: str, role_ru: str, name: str, *, seal: str | None = "Мөр орны/Место печати",
                  signed_on=None, caption: str = "қолы/подпись") -> Form:
        """A signature line with the signer's name under it, and the place of the seal; ``caption``
        under the line as the form words it ("қолы/подпись", App 21's excerpt "қолы/подпись ЭЦП")."""
        rows = [[seal or "", f"{role_kk} ______________ ({name or '____________________'})"],
                ["", f"{role_ru} ({caption})"],
                ["", f"{NAME_CAPTION_KK} {NAME_CAPTION_RU}"]]
        if signed_on is not None:
            rows.append(["", f"Күні {date_kk(signed_on)} / Дата {date_ru(signed_on)}"])
        table = Table([[Paragraph(text(a), SMALL), Paragraph(text(b), TEXT)] for a, b in rows],
                      colWidths=[35 * mm, None], hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return self.space(3).add(KeepTogether([table]))

    def blank_signatures(self, count: int) -> Form:
        """Further signature lines to fill by hand: "___ (___)"."""
        return self.lines(*["________________________ (_______________________)"] * count)

    def checkable_footer(self, qr_payload: str | None, stamp: SignatureStamp | None) -> Form:
        """The electronic-signature stamp slot beside the QR code of the document."""
        stamp = stamp or SignatureStamp()
        slot = [Paragraph("<b>ЭЦҚ / ЭЦП</b>", SMALL),
                Paragraph(f"Қол қойған / Подписал: {value(stamp.signer)}", SMALL),
                Paragraph(f"Сертификат / Сертификат: {value(stamp.certificate)}", SMALL),
                Paragraph(f"Уақыты / Время: {value(stamp.signed_at)}", SMALL)]
        cells = [[slot, qr_drawing(qr_payload) if qr_payload else ""]]
        table = Table(cells, colWidths=[None, 34 * mm], hAlign="LEFT")
        table.setStyle(TableStyle([("BOX", (0, 0), (0, 0), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        return self.space(3).add(KeepTogether([table]))

    def cut_line(self) -> Form:
        """The tear-off line between a document and its copy or excerpt (App 21-23)."""
        return self.space(4).para("- " * 60, CAPTION).para("(кесу сызығы / линия отреза)", CAPTION).space(4)

    def keep_space(self, height_mm: float) -> Form:
        return self.add(CondPageBreak(height_mm * mm))


def qr_drawing(payload: str, size_mm: float = 32) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    size = size_mm * mm
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    return drawing


class PageNumbers:
    """Page numbers at the foot of every page, continuing through a journal (App 17)."""

    def __init__(self, label: str = "Бет / Лист"):
        self.label = label

    def __call__(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 8)
        width = doc.pagesize[0]
        canvas.drawCentredString(width / 2, 8 * mm, f"{self.label} {canvas.getPageNumber()}")
        canvas.restoreState()


def write_pdf(out, story: list[Flowable], *, title: str, wide: bool = False, numbered: bool = False) -> int:
    """Writes ``story`` to ``out`` (a file name or a binary stream) and returns the page count."""
    fonts.register()
    rl_config.useA85 = 0  # binary streams: smaller files, and no ASCII85 pass over every page
    size = landscape(A4) if wide else A4
    doc = BaseDocTemplate(out, pagesize=size, title=title, author="Saraptama", creator="Saraptama",
                          leftMargin=LEFT_MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
                          invariant=True)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    template = PageTemplate("page", frames=[frame], onPage=PageNumbers()) if numbered else PageTemplate(
        "page", frames=[frame])
    doc.addPageTemplates([template])
    doc.build(story)
    return doc.page
