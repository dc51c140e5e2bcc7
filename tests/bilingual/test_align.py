"""Sentence alignment: 1-1, merges, splits, omissions, additions, re-ordering."""

from __future__ import annotations

from mtcheck.bilingual.align import align

SRC = [
    "El Gobierno aprobó el martes un plan de vivienda dotado con 2.300 millones de euros.",
    "La ministra explicó que las ayudas cubrirán hasta el 40 % del alquiler mensual durante dos años.",
    "El programa beneficiará a unos 120.000 hogares, según el ministerio.",
    "La oposición criticó que el plan llega tarde y no resuelve la falta de oferta.",
    "Las asociaciones de inquilinos pidieron que se limiten los precios en Madrid y Barcelona.",
]
TGT = [
    "The government on Tuesday approved a 2.3 billion euro housing plan.",
    "The minister said the subsidies would cover up to 40% of monthly rent for two years.",
    "The programme will benefit some 120,000 households, according to the ministry.",
    "The opposition said the plan came too late and did nothing about the lack of supply.",
    "Tenant associations called for price caps in Madrid and Barcelona.",
]


def pairs(a):
    return [(lk.source, lk.target) for lk in a.links]


def test_one_to_one():
    a = align(SRC, TGT, "es")
    assert pairs(a) == [((i,), (i,)) for i in range(5)]


def test_omission_is_a_deletion():
    a = align(SRC, TGT[:1] + TGT[2:], "es")
    assert ((1,), ()) in pairs(a)
    assert ((0,), (0,)) in pairs(a) and ((2,), (1,)) in pairs(a)


def test_addition_is_an_insertion():
    extra = "Analysts had expected the plan to include tax breaks for landlords who rent to young people."
    a = align(SRC, TGT[:2] + [extra] + TGT[2:], "es")
    assert ((), (2,)) in pairs(a)
    assert ((2,), (3,)) in pairs(a)


def test_merged_sentences_are_two_to_one():
    merged = "The minister said the subsidies would cover up to 40% of monthly rent for two years and benefit some 120,000 households, according to the ministry."
    a = align(SRC, TGT[:1] + [merged] + TGT[3:], "es")
    assert ((1, 2), (1,)) in pairs(a)


def test_split_sentence_is_one_to_two():
    split = ["The minister said the subsidies would cover up to 40% of monthly rent.", "They will last for two years."]
    a = align(SRC, TGT[:1] + split + TGT[2:], "es")
    assert ((1,), (1, 2)) in pairs(a)


def test_reordered_sentences_are_recovered():
    tgt = [TGT[0], TGT[3], TGT[1], TGT[2], TGT[4]]  # the opposition sentence moved up
    a = align(SRC, tgt, "es")
    linked = {s: t for s, t in pairs(a) if s and t}
    for s, t in {(0,): (0,), (3,): (1,), (1,): (2,), (2,): (3,), (4,): (4,)}.items():
        assert any(set(s) <= set(k) and set(t) <= set(v) for k, v in linked.items()), (s, t, pairs(a))
    assert not [p for p in pairs(a) if not p[0] or not p[1]]


def test_swapped_neighbours():
    a = align(SRC, [TGT[0], TGT[1], TGT[2], TGT[4], TGT[3]], "es")
    assert not [p for p in pairs(a) if not p[0] or not p[1]], pairs(a)
    kinds = {lk.kind for lk in a.links}
    assert "moved" in kinds or "2-2" in kinds


def test_monolingual_mode_for_compare():
    mt = ["The workers have started this Monday an indefinite strike.", "The employers has indicated losses."]
    ed = ["Workers began an indefinite strike on Monday.", "Employers said they faced losses."]
    a = align(mt, ed, "en", "en", monolingual=True)
    assert pairs(a) == [((0,), (0,)), ((1,), (1,))]


def test_alignment_json_shape():
    a = align(SRC, TGT, "es")
    d = a.to_dict()
    assert d["method"].startswith("gale-church")
    assert d["links"][0] == {"source": [0], "target": [0], "type": "1-1", "similarity": d["links"][0]["similarity"],
                             "source_spans": [], "target_spans": []}
