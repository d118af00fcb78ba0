"""Deterministic text features: hashed word and character n-grams, L2-normalised.

``encode_text(s, features)`` maps a string to a float vector of length ``features``:

1. lower-case the text and split it into words: runs of Unicode letters, combining marks,
   digits and apostrophes (so Cyrillic, Greek, Arabic, Devanagari or Chinese text has words
   too; a script written without spaces, like Chinese, gives one word per run of characters);
2. collect the words, the word bigrams and the character trigrams of each word padded with
   ``<`` and ``>`` (so "cat" gives "<ca", "cat", "at>");
3. hash each n-gram with BLAKE2b (stable across runs and machines, unlike Python's ``hash``)
   to a bucket in [0, features) and a sign +-1, and add the sign to that bucket
   (the "hashing trick" with signed buckets, so collisions cancel on average). The 8-byte
   digest is read as a little-endian integer h: the bucket is ``h % features``, the sign is +1
   when bit 63 of h is set, else -1 (tests/test_hand_computed_text.py pins the result);
4. divide by the L2 norm. A text with no word at all (empty, or only punctuation and spaces)
   gives the zero vector, with a warning, since the network then cannot tell it from another.
"""
import hashlib
import unicodedata
import warnings

import numpy as np

_APOSTROPHES = "'\u2019"


def _is_word_char(ch):
    """Letters (L*), combining marks (M*), digits and numbers (N*) and apostrophes."""
    return ch in _APOSTROPHES or unicodedata.category(ch)[0] in "LMN"


def words(text):
    """The lower-cased words of ``text``: maximal runs of word characters."""
    out, current = [], []
    for ch in text.lower():
        if _is_word_char(ch):
            current.append("'" if ch in _APOSTROPHES else ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def _ngrams(text):
    ws = words(text)
    grams = [f"w:{w}" for w in ws]
    grams += [f"b:{a} {b}" for a, b in zip(ws, ws[1:])]
    for w in ws:
        padded = f"<{w}>"
        grams += [f"c:{padded[i:i + 3]}" for i in range(len(padded) - 2)]
    return grams


def _bucket_and_sign(gram, features):
    digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % features, 1.0 if (value >> 63) & 1 else -1.0


def _encode(text, features):
    vec = np.zeros(features, dtype=np.float64)
    for gram in _ngrams(text):
        bucket, sign = _bucket_and_sign(gram, features)
        vec[bucket] += sign
    norm = np.linalg.norm(vec)
    if norm > 0:
        vec /= norm
    return vec


def _warn_empty(texts, features):
    """One warning for the texts of a batch that have no word (they all encode to zeros)."""
    empty = [t for t in texts if not words(t)]
    if empty:
        shown = empty[0] if len(empty[0]) <= 40 else empty[0][:37] + "..."
        which = f"the text {shown!r}" if len(texts) == 1 else \
            f"{len(empty)} of {len(texts)} texts (the first: {shown!r})"
        verb = "has" if len(texts) == 1 else "have"
        warnings.warn(f"text_input_layer: {which} {verb} no letters or digits, so "
                      f"{'it encodes' if len(texts) == 1 else 'they encode'} to {features} zeros",
                      stacklevel=3)


def encode_text(text, features, dtype=np.float32):
    """One string -> a vector of shape (features,), L2 norm 1 (or all zeros, with a warning,
    when the text has no word)."""
    _warn_empty([text], features)
    return _encode(text, features).astype(dtype)


def encode_texts(texts, features, dtype=np.float32):
    """A list of N strings -> an array of shape (N, features); one warning if some of them have
    no word."""
    if not texts:
        return np.zeros((0, features), dtype=dtype)
    _warn_empty(texts, features)
    return np.stack([_encode(t, features) for t in texts]).astype(dtype)
