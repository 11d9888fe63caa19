"""Names of other people in free text (relatives, a neighbour, a guardian), whoever they are:
found by the Russian named-entity model of natasha (slovnet's ``news`` tagger with navec
embeddings, shipped inside the PyPI packages: nothing is downloaded at run time), and by the
words of kinship before a capitalised name in Kazakh or Russian ("анасы Гүлнар", "со слов дочери
Айгерим"), which the model, trained on Russian news, misses in Kazakh sentences.

The model costs about a tenth of a second a field and two seconds to load, so it runs only on
free text (a string of several words) that holds a capitalised word after its first one: a
sentence of clinical words alone ("Жалобы на слабость. Состояние средней тяжести.") is passed by
without it.  Loaded once per process, on first need."""

from __future__ import annotations

import functools
import re

KIN_WORDS = (
    # Russian, in any case ending
    r"мат(?:ь|ери|ерью)|отц\w*|отец|сын\w*|доч(?:ь|ери|ерью|ерей)|дочк\w*|жен\w*|муж\w*|брат\w*|сестр\w*|"
    r"опекун\w*|бабушк\w*|дедушк\w*|внук\w*|внучк\w*|супруг\w*|сожител\w*|сосед\w*|родственни\w*|"
    r"представител\w*|законн\w+|"
    # the wider family, step-relatives, in-laws and carers
    r"племянни\w*|т[её]т[яиеюй]\w*|дяд[яиеюь]\w*|св[её]кр\w*|т[её]щ\w*|тест(?:ь|я|ю|ем)|зят\w*|невестк\w*|"
    r"снох\w*|отчим\w*|мачех\w*|падчериц\w*|пасын\w*|кузен\w*|кузин\w*|сиделк\w*|соцработник\w*|"
    r"социальн\w+\s+работник\w*|сопровождающ\w*|"
    # Kazakh
    r"анасы|анасының|әкесі|әкесінің|ұлы|қызы|баласы|әйелі|күйеуі|ағасы|інісі|апасы|әпкесі|сіңлісі|қарындасы|"
    r"әжесі|атасы|немересі|қамқоршысы|көршісі|жұбайы|шешесі|шешесінің|келіні|келінінің|жиені|жиенінің|бауыры|"
    r"бауырының|нағашы\w*|жеңге\w*|қайын\w*|өгей\s+\w+|күтушісі|тәрбиешісі")
NAME_WORD = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+(?:-[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+)?"
# a name in capitals: five letters or more with two vowels or more, so that the abbreviations of a
# family history after a word of kinship ("у матери ИБС", "у отца ОНМК", "у сына ОРВИ") are none
CAPITALS = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
VOWELS = "AEIOUYАЕЁИОУЫЭЮЯӘӨҰҮІ"
CAPITALS_NAME = rf"(?=[{CAPITALS}]{{5,}}(?![\w]))(?=(?:[^{VOWELS}\W]*[{VOWELS}]){{2}})[{CAPITALS}]+(?:-[{CAPITALS}]+)?"
INITIALS = r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?){1,2}"
# a word of kinship, then up to three capitalised words, initials or what was taken already (the
# examined person's patronymic, "со слов дочери Тамара *** Лысенко"): the names after it go; a
# colon, a dash, a comma or a bracket may stand between ("сын - Асқар", "әкесі, Ұлан")
AFTER_KIN = re.compile(
    rf"(?<!\w)(?i:{KIN_WORDS})(?:\s*[:,(\-–—]\s*|\s+)"
    rf"(?P<names>(?:(?:{NAME_WORD}|{CAPITALS_NAME}|{INITIALS}|\*\*\*)\s*){{1,3}})")
# a name after these words is a disease's, a sign's or a method's (an eponym), not a person's
EPONYM_HEADS = re.compile(
    r"(?:болезн|синдром|симптом|шкал|индекс|метод|методик|проб|рефлекс|тетрад|тетралоги|триад|пентад|операци|"
    r"классификаци|критери|при[её]м|феномен|знак|тест|опухол|грыж|контрактур|перелом|аномали|деформаци|"
    r"анастомоз|доступ|пластик|эндопротез|ауруы|синдромы|шкаласы|әдісі|по)\w*$", re.IGNORECASE)
WORD_BEFORE = re.compile(r"(\w+)\W*$")
CAPITAL_INSIDE = re.compile(r"[\w,;:)*]\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]")
MIN_FREE_TEXT = 12


@functools.cache
def _model():
    """natasha's segmenter and NER tagger (numpy only; nothing fetched from the network)."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter
    return Segmenter(), NewsNERTagger(NewsEmbedding())


def _model_spans(text: str) -> list[tuple[int, int]]:
    from natasha import Doc
    segmenter, tagger = _model()
    document = Doc(text)
    document.segment(segmenter)
    document.tag_ner(tagger)
    return [(span.start, span.stop) for span in document.spans if span.type == "PER"]


def is_free_text(text: str) -> bool:
    """Several words with a capitalised one after the first: where a name could stand."""
    return len(text) >= MIN_FREE_TEXT and " " in text and CAPITAL_INSIDE.search(text) is not None


def name_spans(text: str) -> list[tuple[int, int]]:
    """Where other people's names stand in ``text``: after a word of kinship in any text (also where
    the word after it was taken already, "анасы *** Сейдахметов"), by the model in free text."""
    spans = [(m.start("names"), m.end("names")) for m in AFTER_KIN.finditer(text)]
    if not is_free_text(text):
        return spans
    return spans + [span for span in _model_spans(text) if not _eponym(text, *span)]


def _eponym(text: str, start: int, end: int) -> bool:
    """"Болезнь Паркинсона", "шкала Бартел", "тетралогия Фалло": the name of a disease or a method."""
    before = WORD_BEFORE.search(text, 0, start)
    first = text[start:end].split()[0] if text[start:end].split() else ""
    return bool(before and EPONYM_HEADS.fullmatch(before.group(1))) or bool(EPONYM_HEADS.fullmatch(first))


def scrub_names(text: str, replacement: str) -> str:
    """``text`` with every other person's name replaced."""
    spans = sorted(name_spans(text))
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in spans:
        end = len(text[:end].rstrip())
        if start >= position and end > start:
            pieces += [text[position:start], replacement]
            position = end
        elif end > position:
            position = end
    return "".join(pieces) + text[position:]
