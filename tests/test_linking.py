"""Copy linking: verification rules, the evaluation targets, persistence, `splog link`, the seed pair."""

from __future__ import annotations

import html
import re

import pytest

from bench.link_eval import as_record, evaluate
from bench.linkset import WIRE, Doc, build
from bench.spinner import changed_share, spin
from pipelines.fingerprint import simhash64
import numpy as np

from pipelines.linking import BandIndex, CopyIndex, LinkStore, SentenceCounts, prepare, prepare_many
from pipelines.similarity import Features, compare, held_lines
from pipelines.state import SQLiteState
from tests.conftest import run_splog
from tests.test_seed import SEED, needs_seed

ARTICLE = ("The council approved a four-kilometer extension of the number 3 tram line on Tuesday night.\n"
           "The extension will add six stops between the station and the new hospital in Eastfield.\n"
           "Council member Yusuf Brennan said he still doubted the forecasts for 2027.\n"
           "The project is budgeted at 310 million, of which the region will pay half.")


@pytest.mark.parametrize(("b", "kind"), [
    (ARTICLE, "exact"),
    ("Read the latest from our partners\n" + ARTICLE, "near"),  # other boilerplate
    (ARTICLE.rsplit("\n", 1)[0], "near"),  # truncated
    (spin(ARTICLE, 0.3, 1), "spin"),
    ("A storm closed the coastal road near Wexcombe on Friday.\nCrews expect to reopen it by Monday.\n"
     "Drivers were told to use the inland route through Brask.", "none"),
])
def test_compare(b: str, kind: str) -> None:
    verdict = compare(Features(ARTICLE), Features(b), same_hash=b == ARTICLE)
    assert verdict.kind == kind, verdict


PILOTS = (
    "Maritime pilots at the port of Kessling have voted to strike for 48 hours from next Monday, saying new rest "
    "rules leave them too tired to guide ships safely into the harbour.\n"
    "The pilots' union said 91 percent of its members backed the action on a turnout of 88 percent. Pilots board "
    "large vessels outside the harbour and steer them through a narrow channel to the container terminal.\n"
    "Under rules introduced in June, pilots can be called for a new job four hours after finishing the last one, "
    "down from eight. The port authority says the change was needed to cut waiting times for ships.\n"
    "\"Nobody wants a 300-metre ship in the channel with a pilot who has slept three hours,\" union representative "
    "Anke Solberg said.\n"
    "The port authority said it would keep talking to the union and had asked neighbouring ports to lend pilots "
    "during the strike.")
# A thesaurus spinner's copy (our own, by hand): most content words swapped, the order kept.
PILOTS_SPUN = (
    "Sea pilots at the Kessling port have elected to walk out for 48 hours starting next Monday, stating that new "
    "rest regulations leave them excessively exhausted to steer vessels securely into the harbor.\n"
    "The pilots' association stated 91 percent of its members supported the move on a turnout of 88 percent. Pilots "
    "climb aboard big ships beyond the harbor and guide them via a tight channel to the container terminal.\n"
    "Under regulations brought in during June, pilots may be summoned for a fresh assignment four hours after "
    "completing the previous one, reduced from eight. The port authority states the modification was required to "
    "reduce waiting periods for vessels.\n"
    "\"No one desires a 300-metre vessel in the channel with a pilot who has rested three hours,\" union rep Anke "
    "Solberg stated.\n"
    "The port authority stated it would continue speaking with the union and had requested nearby ports to loan "
    "pilots throughout the walkout.")
# A heavier thesaurus spin (our own, by hand): nearly every content word swapped, the function words
# and numbers kept in place, and the sentences of each paragraph in another order. Its sentences
# share 0-0.3 of their content words with the original's.
PILOTS_RESPUN = (
    "Nautical guides at the haven of Kessling have balloted to stop work for 48 hours from upcoming Monday, "
    "claiming fresh recovery policies leave them too drained to lead boats securely into the anchorage.\n"
    "Guides embark massive craft outside the anchorage and navigate them through a slim passage to the freight "
    "depot. The guides' guild declared 91 percent of its associates endorsed the protest on a participation of "
    "88 percent.\n"
    "The haven board asserts the alteration was essential to trim delays for boats. Under policies launched in "
    "June, guides can be summoned for a novel task four hours after concluding the final one, lowered from eight.\n"
    "\"Nobody craves a 300-metre boat in the passage with a guide who has dozed three hours,\" guild delegate "
    "Anke Solberg remarked.\n"
    "The haven board declared it would keep conversing with the guild and had petitioned adjacent havens to "
    "lend guides during the stoppage.")
# Another outlet's report of the same strike: the same facts, names and numbers, in the same order.
PILOTS_OTHER_OUTLET = (
    "Ships heading for Kessling face delays next week after harbour pilots announced a 48-hour walkout starting on "
    "Monday.\n"
    "Members of the pilots' union voted 91 percent in favour, with 88 percent of members taking part in the ballot.\n"
    "The dispute is about rest periods. Since June, the port has been allowed to send a pilot out again four hours "
    "after a job ends; before that, the gap was eight hours.\n"
    "Port officials argue the shorter break keeps queues of waiting ships down, while pilots say it puts safety at "
    "risk.\n"
    "Anke Solberg, who speaks for the union, said no one should be steering a 300-metre ship after three hours of "
    "sleep.\n"
    "Talks between the two sides are due to continue, and the port has approached its neighbours about borrowing "
    "pilots.")


# A fictional report, and the copy a thesaurus spinner made of it.
FERRY = (
    "The ferry company on Brannholm said on Tuesday that it would cut the first crossing of the day from "
    "March, after a winter in which fewer than 40 people used it on most mornings.\n"
    "Its chief executive, Mirela Oskarsen, told the island council that the boat had lost money for three "
    "years and that the company could not keep it running without help from the county.\n"
    "The council had asked the company in 2025 to keep every crossing until a new harbour opened. Members "
    "said they would write to the county before the next meeting, which is set for 14 February.\n"
    "Parents in the north of the island said the early boat was the only way for their children to reach "
    "the school in Varnvik by 8 o'clock. Some of them have started a petition, which had been signed by "
    "about 600 people on Monday evening.\n"
    "The company said that it recently added ten sailings in the afternoon and that most travellers had "
    "moved to them. It said it was ready to talk to the parents about a smaller boat for the school run.\n"
    "A spokesman for the county said that it had not yet received a request and that any money would have "
    "to come out of next year's budget.")
# a thesaurus spinner's copy: nearly every content word swapped, with numbers of its own ("1" for
# "first", "10" for "ten") and function words of its own ("of late" for "recently", "go up" for "rise")
FERRY_SPUN = (
    "The ferryboat firm on Brannholm stated on Tuesday that it would trim the 1 traverse of the daytime from "
    "March, after a wintertime in which fewer than 40 persons employed it on most dawns.\n"
    "Its main director, Mirela Oskarsen, informed the isle assembly that the vessel had mislaid cash for 3 "
    "twelvemonths and that the firm could not hold it operating without assist from the shire.\n"
    "The assembly had questioned the firm in 2025 to maintain every traverse until a novel seaport opened. "
    "Members stated they would compose to the shire before the following session, which is fixed for 14 "
    "February.\n"
    "Parents in the northward of the isle stated the early vessel was the lone path for their kids to "
    "attain the schoolhouse in Varnvik by 8 o'clock. Some of them have begun a request, which had been "
    "autographed by approximately 600 persons on Monday eventide.\n"
    "The firm stated that it of late appended 10 voyages in the afternoon and that most wayfarers had "
    "shifted to them. It stated it was prepared to speak to the parents about a littler vessel for the "
    "schoolhouse tally.\n"
    "A representative for the shire stated that it had not yet obtained a petition and that any cash would "
    "have to arrive out of following year's budget.")


@pytest.mark.parametrize(("a", "b", "kind"), [
    (PILOTS, PILOTS_SPUN, "spin"),  # (its sentences share 0.2-0.45 of their content words: matched in order)
    (PILOTS, PILOTS_RESPUN, "spin"),  # (function words in place: the same sequence of them in most sentences)
    (PILOTS, PILOTS_OTHER_OUTLET, "none"),
    (PILOTS_SPUN, PILOTS_OTHER_OUTLET, "none"),
    (PILOTS_RESPUN, PILOTS_OTHER_OUTLET, "none"),
])
def test_a_copy_spun_with_a_thesaurus_links_and_another_outlets_report_does_not(a: str, b: str, kind: str) -> None:
    assert compare(Features(a), Features(b)).kind == kind


def test_a_thesaurus_spin_that_writes_numbers_and_function_words_of_its_own_links() -> None:
    """Its new numbers and words break the function-word n-grams around the numbers it kept (12 of
    the original's, 24 of the copy's, of which 6 shared), but it keeps every number and most of
    the skeleton."""
    assert compare(Features(FERRY), Features(FERRY_SPUN)).kind == "spin"
    assert compare(Features(FERRY_SPUN), Features(FERRY)).kind == "spin"


def test_a_thesaurus_spin_whose_numbers_are_all_others_does_not_link() -> None:
    """The same function words and names, but none of the numbers (three a side: too few for the
    rule that any spin keeps the numbers): a report from one template, not a copy."""
    a = "\n".join(FERRY.split("\n")[:3])
    b = "\n".join(FERRY_SPUN.split("\n")[:3])
    for old, new in (("40", "25"), ("2025", "2023"), ("14 February", "2 March")):
        b = b.replace(old, new)
    assert compare(Features(a), Features(b)).kind == "none"
    assert compare(Features(a), Features("\n".join(FERRY_SPUN.split("\n")[:3]))).kind == "spin"


def test_an_excerpt_between_lines_of_the_splogs_own_is_a_near_copy() -> None:
    """The first 60 words (a heading and a paragraph run together, as an excerpt is made), cut off
    mid-sentence, with a line above and a credit below."""
    excerpt = ("Today's pick from the harbour desk\n" + " ".join(PILOTS.split()[:60]) + " […]\n"
               "Continue reading this story on the publisher's website")
    assert compare(Features(PILOTS), Features(excerpt)).kind == "near"
    assert compare(Features(excerpt), Features(PILOTS)).kind == "near"


JA_ARTICLE = ("北川市は十七日、駅前の旧倉庫を改装して新しい図書館を建てる計画を発表した。完成は二年後の春を予定している。\n"
              "市によると、新しい図書館には約十二万冊の本が置かれ、子ども向けの読書室や学習スペースも設けられる。\n"
              "建設費は約三十億円で、国の補助金も使う予定だ。市長は記者会見で「市民が毎日通いたくなる場所にしたい」と話した。")
TH_ARTICLE = ("เทศบาลเมืองเหนือเปิดห้องสมุดประชาชนแห่งใหม่ในอาคารสถานีรถไฟเก่าเมื่อวันอังคาร หลังการปรับปรุงนานสองปี\n"
              "นายกเทศมนตรีกล่าวว่าห้องสมุดมีห้องอ่านหนังสือสำหรับเด็กและพื้นที่สำหรับนักศึกษาที่เปิดจนถึงเที่ยงคืนทุกวัน\n"
              "ประชาชนสามารถสมัครบัตรสมาชิกได้ฟรีที่เคาน์เตอร์ชั้นหนึ่งตั้งแต่วันนี้เป็นต้นไป")


@pytest.mark.parametrize(("a", "b", "kind"), [
    # a word changed in each sentence of a text written without spaces: a near copy
    (JA_ARTICLE, JA_ARTICLE.replace("十七日", "17日").replace("約十二万冊", "12万冊").replace("話した", "語った"), "near"),
    (TH_ARTICLE, TH_ARTICLE.replace("วันอังคาร", "วันพุธ").replace("ทุกวัน", "").replace("ฟรี", "โดยไม่เสียค่าใช้จ่าย"), "near"),
    # another article in the same language
    (JA_ARTICLE, "南山町の商店街で十八日、春祭りが開かれ、多くの家族連れでにぎわった。\n"
                 "会場では地元の農家が野菜を販売し、子ども向けの工作教室も行われた。\n"
                 "実行委員長は「来年はさらに多くの人に来てほしい」と話した。", "none"),
])
def test_a_copy_written_without_spaces_with_a_word_changed_in_each_sentence_is_near(a: str, b: str, kind: str) -> None:
    """Chinese, Japanese and Thai write no spaces between words: a run between two commas had been one
    word, so a copy with a word changed in every sentence shared no shingle with its original and was
    never linked. Each character is a word now, and the shingles are character 3-grams."""
    assert compare(Features(a), Features(b)).kind == kind
    copies = CopyIndex()  # (found by the index's bands too, not only verified as a pair)
    kinds = [copies.link(as_record(Doc(f"d{n}", f"s{n}", "original", text, "2026-02-17T09:00:00Z"))).duplicate.kind
             for n, text in enumerate((a, b))]
    assert kinds == ["first", "first" if kind == "none" else kind]


def test_short_posts_sharing_a_long_footer_are_not_near_copies() -> None:
    """Most of each is the footer, but neither starts as the other: not a shortened copy. (The spin
    rule's sentence coverage does pair them; in the index the footer's sentences become boilerplate
    once three clusters share them, and count no more.)"""
    footer = ("About us: the Harbour Desk collects shipping news from ports around the Baltic every morning and "
              "sends it to subscribers before nine. Tips and corrections go to the desk's editors, who read every "
              "message. Our reporting is free to share with a link back to this page.")
    posts = ["Two cranes at the Kessling container terminal stood idle on Tuesday after a power cut that lasted "
             "most of the morning shift.",
             "A ferry between Talvik and Orsk was cancelled on Wednesday because of high winds, the operator said "
             "in a short notice."]
    a, b = (Features(p + "\n" + footer) for p in posts)
    assert held_lines(a, b) == 0.0 and compare(a, b).kind != "near"


# A template splogs fill in by machine: the same words around other names and numbers.
FILING = ("{fund} added to its position in {co} by {p} percent in the {q} quarter, as it told the Federal Markets "
          "Board in its latest filing. The fund held {n} shares of the company at the end of that period.\n"
          "A number of other funds and large investors have also changed their positions in the company over the "
          "last few months. {fund2} raised its stake in {co} by {p2} percent during the same quarter. Funds and "
          "other large investors now own {own} percent of the stock.\n"
          "Shares of {co} opened at {px} dollars on {day}. The company is worth {cap} billion dollars on the "
          "market, and its shares trade at {pe} times what it earns.\n"
          "The company last told investors about its results in {month}, when it earned more than most of the "
          "analysts who follow it had expected. Analysts at Harrow Capital and at Kestrel Partners think that "
          "it will do better again in the coming year.")


def test_reports_filled_in_from_one_template_do_not_link() -> None:
    """Their function words are the template's, in the same places; their numbers are not."""
    reports = [FILING.format(fund=fund, co=co, p=p, q=q, n=n, fund2=fund2, p2=p2, own=own, px=px, day=day,
                             cap=cap, pe=pe, month=month)
               for fund, co, p, q, n, fund2, p2, own, px, day, cap, pe, month in (
                   ("Harrow Capital", "Ferrodyne Systems", 4, "third", "12,400", "Kestrel Partners", 18, 71, 41,
                    "Friday", 3, 22, "October"),
                   ("Harrow Capital", "Quorra Foods", 9, "third", "8,150", "Kestrel Partners", 3, 64, 17, "Friday",
                    12, 13, "October"),
                   ("Kestrel Partners", "Nimbus Grid", 13, "third", "40,900", "Harrow Capital", 7, 82, 240,
                    "Monday", 31, 45, "July"))]
    for a, b in ((0, 1), (0, 2), (1, 2)):
        assert compare(Features(reports[a]), Features(reports[b])).kind == "none", (a, b)


def test_spinner_hits_its_change_rates() -> None:
    texts = [d.text for d in build(20, 3) if d.kind == "original"][:20]
    for rate in (0.15, 0.30, 0.45):
        shares = [changed_share(t, spin(t, rate, i)) for i, t in enumerate(texts)]
        assert abs(sum(shares) / len(shares) - rate) < 0.04


def test_evaluation_targets() -> None:
    """The issue's targets on our evaluation set (kept small for CI; bench/link_eval.py runs it big)."""
    res = evaluate(build(60, 5))
    per = res["per_kind"]
    assert all(per[k] == 1.0 for k in ("exact", "near-boilerplate", "near-truncated", "near-edit", "near-excerpt")), per
    assert per["spin15"] >= 0.95 and per["spin30"] >= 0.95 and per["spin45"] >= 0.80, per
    assert per["spin-content60"] >= 0.90, per  # (0.77 when a sentence had to keep 0.4 of its content words)
    assert per["spin-thesaurus45"] >= 0.80, per  # (0.28 before function words in place were compared)
    assert res["precision"] >= 0.99, res["precision"]
    assert res["hard_negative_false_links"] <= 0.005


def test_shared_wire_paragraph_does_not_link_different_articles() -> None:
    index = CopyIndex()
    others = [d for d in build(40, 9) if d.kind == "original"][:12]
    kinds = [index.link(as_record(Doc(d.id, d.source, d.kind, d.text + "\n" + WIRE, d.published))).duplicate.kind
             for d in others]
    assert kinds == ["first"] * len(kinds)


def test_batch_linking_gives_the_same_clusters_as_one_by_one() -> None:
    records = [as_record(d) for d in sorted(build(30, 12), key=lambda d: d.published)]
    one = CopyIndex()
    single = [one.link(r).duplicate for r in records]
    many = CopyIndex()
    batched = [r.duplicate for i in range(0, len(records), 41) for r in many.link_many(records[i:i + 41])]
    assert batched == single
    assert {d.kind for d in single} >= {"first", "exact", "near", "spin"}


def test_band_index_runs_merge_without_losing_or_reordering_pairs() -> None:
    rng = np.random.default_rng(5)
    index, pairs = BandIndex(), []
    for batch in range(40):  # runs of uneven sizes, so merges cascade; few distinct keys, many collisions
        keys = rng.integers(0, 300, size=int(rng.integers(1, 50)), dtype=np.int64)
        vals = np.full(len(keys), batch, dtype=np.int32)
        index.add_run(keys, vals)
        pairs += zip(keys.tolist(), vals.tolist())
    assert 1 < len(index.runs) < 10  # merged like an LSM tree, not one run per batch
    for run in index.runs:
        assert (np.diff(run.keys) >= 0).all()
    probes = np.arange(300, dtype=np.int64)
    pos, members = index.probe_runs(probes[None, :])
    got = sorted(zip(probes[pos].tolist(), members.tolist()))
    assert got == sorted(pairs)
    for run in index.runs:  # among equal keys, the older member comes first
        same = np.diff(run.keys) == 0
        assert (np.diff(run.vals)[same] >= 0).all()


def test_batched_signatures_equal_single_ones() -> None:
    texts = [d.text for d in build(6, 3)][:40] + ["", "one", "two words", "Ein Satz, 1,200 Leute. Noch einer!"]
    assert prepare_many(texts) == [prepare(t) for t in texts]
    assert all(p.simhash == simhash64(t) for p, t in zip(prepare_many(texts), texts))


def test_state_from_another_signature_scheme_is_rebuilt(tmp_path) -> None:
    docs = [d for d in build(6, 8) if d.kind in ("original", "spin15")]
    state = SQLiteState(tmp_path / "s.db")
    index = CopyIndex(LinkStore(state.db))
    for d in docs:
        if d.kind == "original":
            index.link(as_record(d))
    state.db.execute("UPDATE link_docs SET keys = zeroblob(length(keys))")  # keys of some other scheme
    state.db.execute("UPDATE link_meta SET value = 'older' WHERE name = 'scheme'")
    state.close()
    state = SQLiteState(tmp_path / "s.db")
    index = CopyIndex(LinkStore(state.db))
    spins = [index.link(as_record(d)).duplicate.kind for d in docs if d.kind == "spin15"]
    assert spins and all(kind == "spin" for kind in spins)
    state.close()


@pytest.mark.parametrize("flush_every", [1, 3, 50_000])
def test_sentence_becomes_boilerplate_in_its_third_cluster(flush_every: int) -> None:
    counts = SentenceCounts()
    counts.FLUSH_EVERY = flush_every  # first sightings in the dict, in the sorted arrays, or both
    counts.add([11, 12], "a")
    counts.add([11, 12], "a")  # the same cluster again: still one
    counts.add([11, 13], "b")
    assert counts.boilerplate == set()
    counts.add([11], "b")  # after two distinct clusters every sighting counts
    counts.add([12, 14], "c")
    assert counts.boilerplate == {11}
    counts.add([12], "d")
    assert counts.boilerplate == {11, 12}


def test_index_persists_across_runs(tmp_path) -> None:
    docs = [d for d in build(10, 2) if d.kind in ("original", "spin30")]
    originals = [d for d in docs if d.kind == "original"]
    state = SQLiteState(tmp_path / "s.db")
    first = {d.source: CopyIndex(LinkStore(state.db)).link(as_record(d)).duplicate.cluster_id for d in originals[:1]}
    index = CopyIndex(LinkStore(state.db))
    for d in originals[1:]:
        first[d.source] = index.link(as_record(d)).duplicate.cluster_id
    state.close()
    state = SQLiteState(tmp_path / "s.db")  # a later run
    index = CopyIndex(LinkStore(state.db))
    assert len(index) == len(originals)
    for d in docs:
        if d.kind == "spin30":
            dup = index.link(as_record(d)).duplicate
            assert dup.kind == "spin" and dup.cluster_id == first[d.source]
    state.close()


def test_splog_link_command(tmp_path) -> None:
    docs = [d for d in build(8, 4) if not d.kind.startswith("negative")]
    src = tmp_path / "in.jsonl"
    with src.open("w") as fh:
        for d in docs:
            fh.write(as_record(d).model_dump_json() + "\n")
        fh.write('{"not": "a record"}\n\n  \r\n')  # (blank lines are no records, nor rejects)
    run = run_splog("link", str(src), out=tmp_path / "out.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    records = run.records()
    assert len(records) == len(docs) and [r["reason"] for r in run.rejects()] == ["invalid_record"]
    by_base: dict[str, set[str]] = {}
    for r in records:
        if not r["url"].endswith(("/spin45", "/spin-content60")):  # heavy spins may be missed now and then
            by_base.setdefault(r["url"].rsplit("/", 2)[-2], set()).add(r["duplicate"]["cluster_id"])
    assert all(len(clusters) == 1 for clusters in by_base.values())  # each base article: one cluster
    originals = [r for r in records if r["url"].endswith("/original")]
    assert all(r["duplicate"]["kind"] == "first" for r in originals)  # earliest-published represents



def test_splog_link_reads_standard_input_and_writes_standard_output(tmp_path) -> None:
    """`splog crawl … -o - | splog link - -o -`: lines in any order of arrival, linked in order of
    publication (the original still represents its cluster), the linked lines on standard output."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    docs = [d for d in build(2, 4) if not d.kind.startswith("negative")]
    lines = "".join(as_record(d).model_dump_json() + "\n" for d in reversed(docs))  # newest first
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "link", "-", "-o", "-"], input=lines, text=True,
                          capture_output=True, cwd=tmp_path, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    import json

    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(docs)
    originals = [r for r in out if r["url"].endswith("/original")]
    assert originals and all(r["duplicate"]["kind"] == "first" for r in originals)


def test_splog_link_reads_other_tools_output_beside_its_own(tmp_path) -> None:
    """trafilatura's JSON lines (url or source, text, date) and datatrove's documents (id, text,
    metadata.url) are linked with our records: kept as they are, with an id, fingerprint and duplicate
    added; a line of theirs without text is a reject that says so."""
    import json

    every = build(1, 4)
    source = every[0].source
    docs = {d.kind: d for d in every if d.source == source}
    src = tmp_path / "mixed.jsonl"
    lines = [as_record(docs["original"]).model_dump_json(),
             json.dumps({"source": "https://copy.example/a", "text": docs["near-boilerplate"].text,
                         "date": "2099-01-01", "title": "A copy"}),
             json.dumps({"id": "dt-7", "text": docs["spin15"].text, "metadata": {"url": "https://spun.example/b"}}),
             json.dumps({"url": "https://bare.example/c", "text": docs["exact"].text}),
             json.dumps({"url": "https://empty.example/d", "title": "no text"})]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_splog("link", str(src), out=tmp_path / "out.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    out = run.records()
    ours = next(r for r in out if r.get("schema_version"))
    theirs = {r.get("source") or r.get("url") or r["metadata"]["url"]: r for r in out if not r.get("schema_version")}
    assert set(theirs) == {"https://copy.example/a", "https://spun.example/b", "https://bare.example/c"}
    assert theirs["https://copy.example/a"]["title"] == "A copy" and theirs["https://spun.example/b"]["id"] == "dt-7"
    cluster = ours["duplicate"]["cluster_id"]
    assert {r["duplicate"]["cluster_id"] for r in theirs.values()} == {cluster}
    assert {r["duplicate"]["of"] for r in theirs.values()} == {ours["id"]}
    assert [(r["reason"], r["detail"]) for r in run.rejects()] == [
        ("invalid_record", 'no "text" to link (another tool\'s line needs one)')]
    assert run.manifest()["counts"]["records_by_via"]["foreign"] == 3


@needs_seed
def test_seed_spin_lands_in_the_seed_cluster(tmp_path) -> None:
    from tests.test_seed import _rebuild

    lines = SEED.read_text(encoding="utf-8").split("\n")
    page, _, _ = _rebuild(lines)
    (tmp_path / "000.html").write_text(page, encoding="utf-8")
    spun = next(SEED.parent.glob("002_*.txt")).read_text(encoding="utf-8").split("\n")
    body = "".join(f"<p>{html.escape(x)}</p>" for x in spun[1:] if x.strip())
    (tmp_path / "002.html").write_text(
        f"<html><head><title>{html.escape(spun[0])}</title><link rel='canonical' href='https://spun.example/a.html'>"
        f"</head><body><article><h1>{html.escape(spun[0])}</h1><div class='entry-content'>{body}</div></article>"
        "</body></html>", encoding="utf-8")
    (tmp_path / "000.html").write_text(page.replace("<head>", "<head><link rel='canonical' href="
                                                    "'https://ladokopintan.blogspot.com/2020/09/a.html'>"), encoding="utf-8")
    run = run_splog("extract", str(tmp_path / "000.html"), str(tmp_path / "002.html"), "--workers", "1",
                    out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    recs = {r["url"]: r for r in run.records()}
    seed, copy = recs["https://ladokopintan.blogspot.com/2020/09/a.html"], recs["https://spun.example/a.html"]
    assert copy["duplicate"]["cluster_id"] == seed["duplicate"]["cluster_id"]
    assert copy["duplicate"]["kind"] == "spin" and copy["duplicate"]["of"] == seed["id"]


def test_band_index_runs_keep_every_member_of_a_bucket_in_insertion_order() -> None:
    index = BandIndex()
    index.add([5, 9, 2], 0)
    index.add([9, 7], 1)  # bucket 9 now holds 0 and 1
    index.add([9, 2, 11], 2)
    index.merge()
    (run,) = index.runs
    assert run.keys.tolist() == [2, 2, 5, 7, 9, 9, 9, 11]
    assert run.vals.tolist() == [0, 2, 0, 1, 0, 1, 2, 2]
    assert run.keys.dtype == np.int64 and run.vals.dtype == np.int32 and not index.recent


def test_splog_link_fails_when_no_line_is_a_record_to_link(tmp_path) -> None:
    """A file of something else (a manifest, another tool's lines without text) links nothing: every
    line is a reject, and the command says so and exits non-zero."""
    src = tmp_path / "wrong.jsonl"
    src.write_text('{"counts": {"records": 3}}\n{"url": "https://empty.example/d", "title": "no text"}\n', encoding="utf-8")
    run = run_splog("link", str(src), out=tmp_path / "out.jsonl")
    assert run.code == 1 and "no line of" in run.stderr and "Traceback" not in run.stderr
    assert [r["reason"] for r in run.rejects()] == ["invalid_record", "invalid_record"] and run.records() == []


def _posted(doc: Doc, url: str, source_url: str | None = None):
    """The doc as a record at `url`, naming `source_url` as its original."""
    from pipelines.normalize import record_id
    from schemas.article import Source

    rec = as_record(doc)
    return rec.model_copy(update={"id": record_id(url), "url": url,
                                  "source": Source(url=source_url) if source_url else rec.source})


ORIGINAL_URL = "https://harbour-desk.example/2026/03/pilots-strike"


@pytest.mark.parametrize("batched", [False, True])
def test_the_publishers_original_represents_its_cluster_however_late_it_comes(batched: bool) -> None:
    """A copy whose source.url names the original was linked first; then the original came, then
    more copies: from the original on, `of` names it (the cluster keeps its id)."""
    built = build(6, 21)
    base = next(d for d in built if d.kind == "original")
    copies = [d for d in built if d.source == base.source and d.kind in ("exact", "near-boilerplate", "spin15", "spin30")]
    records = [_posted(copies[0], "https://splog-a.example/p/1", ORIGINAL_URL),
               _posted(base, ORIGINAL_URL),
               _posted(copies[1], "https://splog-b.example/p/2"),  # (names no original)
               _posted(copies[2], "https://splog-c.example/p/3", ORIGINAL_URL + "?utm_source=feed")]
    index = CopyIndex()
    dups = [r.duplicate for r in index.link_many(records)] if batched else \
        [index.link(r).duplicate for r in records]
    cluster = records[0].id
    assert [d.cluster_id for d in dups] == [cluster] * 4
    assert dups[0].kind == "first" and dups[0].of is None
    assert [d.of for d in dups[1:]] == [records[1].id] * 3


def test_a_copy_naming_an_original_already_linked_makes_it_the_representative(tmp_path) -> None:
    """The original joined a cluster another copy had founded; a later copy names it: from then on
    `of` names the original, also in a later run (the state keeps who named whom)."""
    built = build(6, 22)
    base = next(d for d in built if d.kind == "original")
    docs = {d.kind: d for d in built if d.source == base.source}
    state = SQLiteState(tmp_path / "s.db")
    index = CopyIndex(LinkStore(state.db))
    founder = index.link(_posted(docs["exact"], "https://splog-a.example/p/1")).duplicate
    original = index.link(_posted(docs["original"], ORIGINAL_URL)).duplicate
    assert original.of == founder.cluster_id  # (nothing names it the original yet)
    naming = index.link(_posted(docs["spin15"], "https://splog-b.example/p/2", ORIGINAL_URL)).duplicate
    assert naming.of == _posted(docs["original"], ORIGINAL_URL).id and naming.cluster_id == founder.cluster_id
    state.close()
    state = SQLiteState(tmp_path / "s.db")  # a later run
    later = CopyIndex(LinkStore(state.db)).link(_posted(docs["spin30"], "https://splog-c.example/p/3")).duplicate
    assert later.of == naming.of and later.cluster_id == founder.cluster_id
    state.close()


# A copy that dodges copy detection by writing letters in look-alikes of another script (Cyrillic "о"
# for "o", Greek "Α" for "A") and putting characters that print nothing inside words.
_HIDDEN = {"o": "о", "a": "а", "e": "е", "p": "р", "c": "с", "A": "Α", "T": "Т"}


def _hidden_copy(text: str) -> str:
    words = text.split(" ")
    return " ".join("".join(_HIDDEN.get(c, c) for c in w) if i % 3 == 0 else
                    w[:2] + "\u2063" + w[2:] if i % 3 == 1 and len(w) > 3 else w for i, w in enumerate(words))


def test_a_copy_in_look_alike_letters_and_hidden_characters_is_an_exact_copy(tmp_path) -> None:
    """Crawled beside its original, such a copy had been a record of its own ("first"), linked to
    nothing; its text is now the original's, and `removed` lists the words as the copy wrote them."""
    from tests.conftest import Handler, serve

    copy = _hidden_copy(ARTICLE)
    assert copy != ARTICLE and not compare(Features(ARTICLE), Features(copy), same_hash=False).kind == "exact"

    def page(text: str) -> str:
        body = "".join(f"<p>{html.escape(x)}</p>" for x in text.split("\n"))
        return (f"<html><head><title>Tram line extended</title></head><body><article><h1>Tram line extended</h1>"
                f"<div class='entry-content'>{body}</div></article></body></html>")

    class Site(Handler):
        def do_GET(self) -> None:
            if self.path in ("/original.html", "/copy.html"):
                self.send(200, "text/html; charset=utf-8", page(ARTICLE if self.path == "/original.html" else copy))
            else:
                self.send(404, "text/html", "no")

    with serve(Site) as url:
        run = run_splog("crawl", url + "/original.html", url + "/copy.html", "--allow-private-hosts", "--workers", "1",
                        "-s", "CONCURRENT_REQUESTS=1", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    recs = {r["url"].rsplit("/", 1)[1]: r for r in run.records()}
    original, hidden = recs["original.html"], recs["copy.html"]
    assert hidden["text"] == original["text"] == ARTICLE
    assert hidden["duplicate"]["cluster_id"] == original["duplicate"]["cluster_id"]
    assert hidden["duplicate"]["kind"] == "exact" or original["duplicate"]["kind"] == "exact"
    (words,) = [text for rule, text in ((r["rule"], r["text"]) for r in hidden["removed"]) if rule == "text.homoglyphs"]
    looks = set(_HIDDEN.values())
    assert words.split() == list(dict.fromkeys(w for w in re.findall(r"\w+", copy) if looks & set(w)))[:20]
    assert not any(r["rule"] == "text.homoglyphs" for r in original["removed"])
    assert run.manifest()["counts"]["records_by_removed_rule"].get("text.homoglyphs") == 1


def test_splog_link_reads_another_tools_copy_in_look_alike_letters_as_the_same_text(tmp_path) -> None:
    import json

    src = tmp_path / "theirs.jsonl"
    src.write_text(json.dumps({"url": "https://a.example/1", "text": ARTICLE, "date": "2026-03-01"}) + "\n"
                   + json.dumps({"url": "https://b.example/2", "text": _hidden_copy(ARTICLE), "date": "2026-03-02"}) + "\n",
                   encoding="utf-8")
    run = run_splog("link", str(src), out=tmp_path / "out.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    first, second = run.records()
    assert second["text"] == _hidden_copy(ARTICLE)  # (another tool's line is written back as it came)
    assert (first["duplicate"]["kind"], second["duplicate"]["kind"]) == ("first", "exact")
    assert second["duplicate"]["of"] == first["id"]


def _long_with_excerpt() -> tuple[str, str]:
    """A long article (~1,500 words: PILOTS, then made-up paragraphs) and a feed excerpt of it: its
    first 60 words, paragraphs run together, cut off, between two lines of the splog's own."""
    from crawler.farm.model import synthetic_article

    long = "\n".join([PILOTS, *(p for n in range(4) for p in synthetic_article(900 + n).paragraphs)])
    excerpt = ("Today's pick from the harbour desk\n" + " ".join(long.split()[:60]) + " […]\n"
               "Continue reading this story on the publisher's website")
    return long, excerpt


@pytest.mark.parametrize("batched", [False, True], ids=["one-by-one", "batched"])
@pytest.mark.parametrize("excerpt_first", [False, True], ids=["original-first", "excerpt-first"])
def test_an_excerpt_of_a_long_article_is_found_by_its_opening(batched: bool, excerpt_first: bool) -> None:
    # (3-shingle Jaccard ~0.04: the bands never make the two candidates of each other)
    long, excerpt = _long_with_excerpt()
    docs = [Doc("pilots/original", "pilots", "original", long, "2026-03-01T08:00:00Z"),
            Doc("pilots/excerpt", "pilots", "near-excerpt", excerpt, "2026-03-01T09:00:00Z")]
    if excerpt_first:
        docs.reverse()
    others = [Doc(f"other-{n}", f"other-{n}", "original", "\n".join(synthetic_paragraphs(n)), "2026-02-01T00:00:00Z")
              for n in range(20)]
    records = [as_record(d) for d in others + docs]
    index = CopyIndex()
    dups = ([r.duplicate for r in index.link_many(records)] if batched
            else [index.link(r).duplicate for r in records])
    assert [d.kind for d in dups] == ["first"] * 21 + ["near"]
    assert dups[-1].cluster_id == dups[-2].cluster_id


def test_an_excerpt_is_found_by_its_opening_in_an_index_read_back_from_the_state(tmp_path) -> None:
    long, excerpt = _long_with_excerpt()
    state = SQLiteState(tmp_path / "s.db")
    first = CopyIndex(LinkStore(state.db)).link(as_record(Doc("o", "o", "original", long, "2026-03-01T08:00:00Z")))
    state.close()
    state = SQLiteState(tmp_path / "s.db")  # a later run
    dup = CopyIndex(LinkStore(state.db)).link(as_record(Doc("e", "o", "near-excerpt", excerpt, "2026-03-02T08:00:00Z"))).duplicate
    state.close()
    assert (dup.kind, dup.cluster_id) == ("near", first.duplicate.cluster_id)


def test_a_line_every_post_of_a_splog_opens_with_finds_no_more_than_one_candidate() -> None:
    """The lead index keeps a sentence's first text only: a splog's stock opening line makes each
    new post verify one earlier post, not all of them."""
    index = CopyIndex()
    for n in range(30):
        text = "Welcome back to the daily roundup of stories from around the harbour district.\n" + "\n".join(
            synthetic_paragraphs(100 + n))
        assert index.link(as_record(Doc(f"p{n}", f"p{n}", "original", text, "2026-03-01T08:00:00Z"))).duplicate.kind == "first"
    assert index.costs["candidates"] <= 29


def synthetic_paragraphs(n: int) -> tuple[str, ...]:
    from crawler.farm.model import synthetic_article

    return synthetic_article(n).paragraphs
