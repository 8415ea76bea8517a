"""The linking evaluation set: base articles, their copies (exact, near, spun at 15/30/45%) and hard
negatives (another outlet's report of the same event, articles sharing a publisher footer or an
embedded wire paragraph). Deterministic for a seed; all text is invented here."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.spinner import reorder_sentences, spin, spin_content
from crawler.farm.model import load_articles

FIRST = ("Amara", "Tomasz", "Leila", "Rune", "Ines", "Gideon", "Marta", "Yusuf", "Odile", "Pavel", "Hanna",
         "Daniel", "Elsa", "Mikael", "Josephine", "Henrique", "Anton", "Olga", "Rafael", "Sunita", "Kofi", "Mei")
LAST = ("Quist", "Rilke", "Haddad", "Saltvik", "Kowalczyk", "Baptiste", "Oduya", "Brennan", "Marchetti",
        "Denholm", "Leclair", "Oyelaran", "Brandvold", "Ferrand", "Alwala", "Assuncao", "Lisowski", "Vrabel",
        "Okafor", "Varga", "Lindqvist", "Moreau", "Tanaka", "Mbeki", "Novak", "Castillo")
PLACES = ("Port Velmor", "Teller Valley", "Northgate", "Lindmark", "Hesk", "Dunmere", "Castor Ridge", "Estovia",
          "Wexcombe", "Brask", "Varro", "Mirren", "Eastfield", "Riverton", "Kelda", "Orsk", "Talvik", "Munro Bay")
ORGS = ("the regional council", "the transport ministry", "a local cooperative", "the harbour authority",
        "the national rail company", "the city utility", "a citizens' group", "the health board",
        "the teachers' union", "the chamber of commerce", "the water company", "the football federation")
TOPICS = (("budget", "spending", "deficit"), ("flood", "river", "levee"), ("election", "ballot", "turnout"),
          ("strike", "wages", "union"), ("vaccine", "clinic", "doses"), ("tram", "line", "stations"),
          ("harvest", "farmers", "crop"), ("factory", "jobs", "plant"), ("festival", "music", "tickets"),
          ("school", "pupils", "classrooms"), ("wildfire", "hectares", "crews"), ("airport", "runway", "flights"))
# A small phrase grammar: subject x verb x object x tail gives tens of thousands of sentence frames,
# so two different articles share almost none (real articles do not share sentence templates).
SUBJECTS = ("{name}", "{org_cap}", "Officials in {place}", "A spokesperson for {org}", "Residents of {place}",
            "Engineers from {org}", "Critics including {name2}", "Traders in {place2}", "The mayor of {place}",
            "Union leaders in {place}", "Farmers near {place2}", "Analysts at {org}", "{name2}",
            "Two councillors from {place2}", "Volunteers working with {org}", "Police in {place}",
            "A report by {org}", "Parents in {place2}", "The deputy head of {org}", "Local business owners")
VERBS = ("said", "warned", "announced", "confirmed", "argued", "estimated", "reported", "insisted", "claimed",
         "acknowledged", "predicted", "suggested", "complained", "revealed", "wrote")
OBJECTS = (
    "that the {t0} would cost {n2} million", "that {n1} {t1} jobs were at risk",
    "that the {t0} plan ignored smaller towns such as {place2}", "that {n4} households had felt the {t2}",
    "that work on the {t1} could start by {season}", "that the {t2} figures were incomplete",
    "that {n3} extra inspectors would be hired for the {t0}", "that a petition about the {t1} had {n5} signatures",
    "that the {t2} had been discussed since {year}", "that the vote on the {t0} was set for {date}",
    "that nobody had been consulted about the {t1}", "that the {t2} deadline would slip again",
    "that prices linked to the {t0} rose {n2} percent", "that the {t1} rules dated back to {year}",
    "that {n1} complaints about the {t2} arrived in a week", "that insurers were watching the {t0} closely",
    "that the {t1} budget was cut by {n3} percent", "that schools near {place2} would stay open despite the {t2}",
    "that the {t0} dispute was heading to court", "that volunteers had mapped {n1} damaged sites",
    "that the {t2} review would be public", "that emergency funds of {n2} million were ready",
    "that the {t1} contract went to a firm from {place2}", "that the {t0} timetable was unrealistic",
    "that traffic near {place} doubled during the {t2}", "that the {t1} inquiry would report in {season}")
TAILS = ("", " on {day}", " in a statement on {day}", " at a meeting in {place}", " after talks with {org}",
         " earlier this {season}", " for the first time since {year}", " in an interview", " late on {day}",
         " during a visit to {place2}")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASONS = ("spring", "summer", "autumn", "winter")
FOOTER = "Reporting by {a}; editing by {b}. SOURCE: {pub} and news agencies"
WIRE = ("The agency's figures, released on Friday, showed output in the sector rose 2.4 percent in the third "
        "quarter, the fastest pace in two years, while prices paid by producers fell for a fourth month.")


@dataclass(frozen=True, slots=True)
class Doc:
    id: str
    source: str  # base article this doc copies; negatives have their own source
    kind: str  # original | exact | near-boilerplate | near-truncated | near-edit | near-excerpt | spin15 | spin30 | spin45 | spin-content60 | spin-thesaurus45 | negative-*
    text: str
    published: str


def _event(rng: random.Random) -> dict[str, str]:
    topic = rng.choice(TOPICS)
    org = rng.choice(ORGS)
    return {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "name2": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "org": org, "org_cap": org[:1].upper() + org[1:], "place": rng.choice(PLACES),
            "place2": rng.choice(PLACES), "day": rng.choice(DAYS), "season": rng.choice(SEASONS),
            "year": str(rng.randint(1998, 2024)), "date": f"{rng.randint(1, 28)} {rng.choice(('March', 'May', 'June', 'October'))}",
            "n1": str(rng.randint(12, 900)), "n2": str(rng.randint(2, 95)), "n3": str(rng.randint(1, 60)),
            "n4": f"{rng.randint(2, 40)},{rng.randint(100, 999)}", "n5": f"{rng.randint(1, 30)},{rng.randint(100, 999)}",
            "t0": topic[0], "t1": topic[1], "t2": topic[2]}


def _sentence(rng: random.Random, event: dict[str, str]) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}.".format(**event)
    return text[:1].upper() + text[1:]


def _article(rng: random.Random, event: dict[str, str], n_sentences: int = 8) -> str:
    sentences = [_sentence(rng, event) for _ in range(n_sentences)]
    paragraphs, i = [], 0
    while i < len(sentences):
        k = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[i:i + k]))
        i += k
    return "\n".join(paragraphs)


def build(n_generated: int = 120, seed: int = 7) -> list[Doc]:
    """Base articles (12 hand-written + n generated), their copies, and the hard negatives."""
    rng = random.Random(seed)
    bases: list[tuple[str, str]] = [(a.slug, "\n".join(a.paragraphs)) for a in load_articles()]
    negatives: list[Doc] = []
    for i in range(n_generated):
        event = _event(rng)
        bases.append((f"gen-{i}", _article(rng, event)))
        if i % 3 == 0:  # another outlet's report of the same event: same names, numbers and places
            negatives.append(Doc(f"gen-{i}-other-outlet", f"gen-{i}-other-outlet", "negative-same-event",
                                 _article(rng, event), "2026-03-01T11:00:00Z"))
    docs: list[Doc] = []
    for n, (source, text) in enumerate(bases):
        when = f"2026-03-01T{n % 24:02d}:00:00Z"
        if n % 4 == 1:  # same publisher: a shared footer paragraph
            text = text + "\n" + FOOTER.format(a="Ines Kowalczyk", b="Rune Saltvik", pub="Coastal Ledger")
        if n % 7 == 2:  # an embedded wire paragraph shared by several different articles
            paras = text.split("\n")
            paras.insert(len(paras) // 2, WIRE)
            text = "\n".join(paras)
        docs.append(Doc(f"{source}/original", source, "original", text, when))
        later = f"2026-03-02T{n % 24:02d}:00:00Z"
        paras = text.split("\n")
        copies = {
            "exact": text,
            "near-boilerplate": "Breaking news from our partners\n" + text + "\nShare this story with your friends",
            "near-truncated": "\n".join(paras[: max(1, (len(paras) * 2 + 2) // 3)]),
            "near-edit": text.replace(" the ", " the local ", 1).replace(".", ";", 1),
            # an excerpt, as a feed or an autoblog plugin cuts it, between lines of the splog's own
            "near-excerpt": "Fresh from the wires, picked for you\n" + " ".join(text.split()[:60]) + " […]\n"
                            "Read more at the source",
            "spin15": spin(text, 0.15, n * 10 + 1),
            "spin30": spin(text, 0.30, n * 10 + 2),
            "spin45": spin(text, 0.45, n * 10 + 3),
            "spin-content60": spin_content(text, 0.60, n * 10 + 4),
            # every content word swapped (about 45% of all words), each paragraph's sentences reordered
            "spin-thesaurus45": reorder_sentences(spin_content(text, 1.0, n * 10 + 5), n * 10 + 6),
        }
        for kind, body in copies.items():
            docs.append(Doc(f"{source}/{kind}", source, kind, body, later))
    docs.extend(negatives)
    rng.shuffle(docs)
    return docs
