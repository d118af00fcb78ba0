"""Text features in any script (octakd/text.py): Unicode words, stable hashes, and a warning
when a text has no word and so encodes to zeros."""
import warnings

import numpy as np
import pytest

from octakd.text import encode_text, encode_texts, words

SCRIPTS = {
    "cyrillic": "Привет, мир! Это текст.",
    "chinese": "这是一个文本数据",
    "greek": "Αυτό είναι ένα κείμενο",
    "arabic": "هذا نص بيانات",
    "devanagari": "यह एक पाठ डेटा है",      # vowel signs are combining marks: kept in the word
    "hebrew": "זהו נתוני טקסט",
}


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_non_latin_text_has_features(script):
    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # no "encodes to zeros" warning
        vec = encode_text(SCRIPTS[script], 100)
    assert vec.shape == (100,) and vec.dtype == np.float32
    assert np.linalg.norm(vec) == pytest.approx(1.0, abs=1e-6)


def test_words_by_hand():
    assert words("Don’t STOP-me now, café 42") == ["don't", "stop", "me", "now", "café", "42"]
    assert words("Привет, мир!") == ["привет", "мир"]
    assert words("यह एक") == ["यह", "एक"]               # the vowel sign U+093E... stays inside
    assert words("नमस्ते") == ["नमस्ते"]
    assert words("a_b") == ["a", "b"]                   # underscore is not a word character
    assert words("中文 text") == ["中文", "text"]


def test_different_scripts_give_different_features():
    vecs = encode_texts(list(SCRIPTS.values()), 64)
    gram = vecs @ vecs.T
    off_diagonal = gram[~np.eye(len(SCRIPTS), dtype=bool)]
    assert np.all(np.abs(off_diagonal) < 0.9)


def test_latin_features_are_those_of_the_hashing_formula():
    """By hand: 'ab' gives the n-grams w:ab, c:<ab, c:ab>; each adds +-1 to its BLAKE2b bucket."""
    import hashlib
    expected = np.zeros(16)
    for gram in ["w:ab", "c:<ab", "c:ab>"]:
        value = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
        expected[value % 16] += 1.0 if value >> 63 else -1.0
    expected /= np.linalg.norm(expected)
    np.testing.assert_allclose(encode_text("AB", 16), expected, rtol=1e-6)


@pytest.mark.parametrize("text", ["", "   ", "?!... --", "😀😀"])
def test_a_text_without_words_warns(text):
    with pytest.warns(UserWarning, match="no letters or digits.*zeros"):
        vec = encode_text(text, 10)
    assert not vec.any()


def test_one_warning_for_a_batch():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = encode_texts(["ok", "??", "fine", "!!"], 8)
    assert len(caught) == 1 and "2 of 4 texts" in str(caught[0].message)
    assert np.count_nonzero(np.abs(out).sum(axis=1)) == 2
