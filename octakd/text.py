"""Deterministic text features: hashed word and character n-grams, L2-normalised.

``encode_text(s, features)`` maps a string to a float vector of length ``features``:

1. lower-case the text and keep letters, digits and apostrophes as words;
2. collect the words, the word bigrams and the character trigrams of each word padded with
   ``<`` and ``>`` (so "cat" gives "<ca", "cat", "at>");
3. hash each n-gram with BLAKE2b (stable across runs and machines, unlike Python's ``hash``)
   to a bucket in [0, features) and a sign +-1, and add the sign to that bucket
   (the "hashing trick" with signed buckets, so collisions cancel on average). The 8-byte
   digest is read as a little-endian integer h: the bucket is ``h % features``, the sign is +1
   when bit 63 of h is set, else -1 (tests/test_hand_computed_text.py pins the result);
4. divide by the L2 norm (an empty text gives the zero vector).
"""
import hashlib
import re

import numpy as np

_WORD = re.compile(r"[0-9a-z\u00c0-\u024f']+")


def _ngrams(text):
    words = _WORD.findall(text.lower())
    grams = [f"w:{w}" for w in words]
    grams += [f"b:{a} {b}" for a, b in zip(words, words[1:])]
    for w in words:
        padded = f"<{w}>"
        grams += [f"c:{padded[i:i + 3]}" for i in range(len(padded) - 2)]
    return grams


def _bucket_and_sign(gram, features):
    digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % features, 1.0 if (value >> 63) & 1 else -1.0


def encode_text(text, features, dtype=np.float32):
    """One string -> a vector of shape (features,), L2 norm 1 (or all zeros if empty)."""
    vec = np.zeros(features, dtype=np.float64)
    for gram in _ngrams(text):
        bucket, sign = _bucket_and_sign(gram, features)
        vec[bucket] += sign
    norm = np.linalg.norm(vec)
    if norm > 0:
        vec /= norm
    return vec.astype(dtype)


def encode_texts(texts, features, dtype=np.float32):
    """A list of N strings -> an array of shape (N, features)."""
    return np.stack([encode_text(t, features, dtype) for t in texts]) if texts else \
        np.zeros((0, features), dtype=dtype)
