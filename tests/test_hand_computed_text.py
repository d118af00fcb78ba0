"""Text features pinned by hand: a saved model's text features must never change silently.

The documented hashing (octakd/text.py): n-grams are the words ``w:<word>``, the word bigrams
``b:<a> <b>`` and the character trigrams ``c:<tri>`` of each word padded with ``<`` and ``>``.
Each n-gram's BLAKE2b digest (8 bytes) is read as a little-endian unsigned 64-bit integer ``h``;
its bucket is ``h mod features`` and its sign is +1 when the top bit (bit 63) of ``h`` is set,
else -1. The signed counts are then divided by their L2 norm.

If the hashing ever changes on purpose, the saved-model format must be bumped and these
literals re-derived; a silent change fails here.
"""
import hashlib

import numpy as np
import pytest

from octakd.layers import TextInput
from octakd.text import encode_text, encode_texts

# "The cat sat." at 16 features, n-gram by n-gram: (bucket, sign). Worked from the digests.
CAT_SAT_GRAMS = [
    ("w:the", 6, -1), ("w:cat", 8, +1), ("w:sat", 15, -1), ("b:the cat", 7, -1),
    ("b:cat sat", 2, +1), ("c:<th", 2, -1), ("c:the", 14, +1), ("c:he>", 10, -1),
    ("c:<ca", 11, +1), ("c:cat", 12, +1), ("c:at>", 12, +1), ("c:<sa", 10, -1),
    ("c:sat", 10, +1), ("c:at>", 12, +1),
]
# summing the signs per bucket: bucket 2 cancels (+1 - 1), bucket 10 is -1 -1 +1, bucket 12 is 3
CAT_SAT_COUNTS = np.array([0, 0, 0, 0, 0, 0, -1, -1, 1, 0, -1, 1, 3, 0, 1, -1], dtype=float)
# norm = sqrt(1+1+1+1+1+9+1+1) = 4, so every value is a multiple of 1/4
CAT_SAT_16 = CAT_SAT_COUNTS / 4.0

# "Hello, world! hello" at 7 features (a size that is not a power of two): counts
# [0, -5, 6, -3, 1, 0, -3], norm sqrt(25 + 36 + 9 + 1 + 9) = sqrt(80)
HELLO_7 = np.array([0, -5, 6, -3, 1, 0, -3], dtype=float) / np.sqrt(80.0)


def digest_value(gram):
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")


def test_each_ngram_bucket_and_sign_follows_the_documented_rule():
    for gram, bucket, sign in CAT_SAT_GRAMS:
        h = digest_value(gram)
        assert h % 16 == bucket, gram
        assert (+1 if h >> 63 else -1) == sign, gram
    # the sign rule is not symmetric by accident: the grams have both signs, and the low bit
    # (or bit 62) would give a different vector
    low_bit = np.zeros(16)
    for gram, bucket, _ in CAT_SAT_GRAMS:
        low_bit[bucket] += +1 if digest_value(gram) & 1 else -1
    assert not np.allclose(low_bit / np.linalg.norm(low_bit), CAT_SAT_16)


def test_pinned_vector_for_a_known_phrase():
    np.testing.assert_array_equal(encode_text("The cat sat.", 16, np.float64), CAT_SAT_16)
    np.testing.assert_allclose(encode_text("Hello, world! hello", 7, np.float64), HELLO_7,
                               rtol=1e-15)


def test_lower_case_and_punctuation_do_not_matter():
    np.testing.assert_array_equal(encode_text("the CAT, sat", 16, np.float64), CAT_SAT_16)


def test_float32_is_the_same_vector_rounded():
    v = encode_text("The cat sat.", 16)
    assert v.dtype == np.float32
    np.testing.assert_array_equal(v, CAT_SAT_16.astype(np.float32))


def test_empty_text_is_the_zero_vector():
    np.testing.assert_array_equal(encode_text("  ...  ", 5, np.float64), np.zeros(5))


@pytest.mark.parametrize("data", ["The cat sat.", ["The cat sat.", "Hello, world! hello"]])
def test_text_input_layer_uses_the_same_features(data):
    layer = TextInput(1, 16)
    x = np.asarray(layer.convert(data), dtype=np.float64)
    np.testing.assert_allclose(x[0], CAT_SAT_16, rtol=1e-7, atol=1e-7)
    if isinstance(data, list):
        np.testing.assert_allclose(x, encode_texts(data, 16, np.float64), rtol=1e-7, atol=1e-7)
