"""What the input layers do to raw data, pinned by hand: integer scaling, where the channels go,
where short audio is padded and long audio cropped, and which characters make text words.

Each expectation is arithmetic on a handful of values (no octakd function computes it), so a
scaling by 1/256 instead of 1/255, an H x W x C image read with rows and columns swapped, or
audio padded at the start instead of the end fails here.
"""
import warnings

import numpy as np
import pytest

from octakd.layers import AudioInput, ImageInput, TextInput
from octakd.layers.inputs import InputCroppedWarning
from octakd.text import encode_text, words


def test_uint8_image_is_divided_by_255():
    img = np.array([[0, 51], [204, 255]], np.uint8)           # 51 / 255 = 0.2, 204 / 255 = 0.8
    x = ImageInput(1, 1, 2, 2).forward(img)
    np.testing.assert_allclose(x[0, 0], [[0.0, 0.2], [0.8, 1.0]], rtol=0, atol=1e-7)
    assert x[0, 0, 1, 1] == 1.0                                # 255 is exactly white


def test_uint16_image_is_divided_by_65535():
    img = np.array([[0, 65535]], np.uint16)
    x = ImageInput(1, 1, 1, 2).forward(img)
    np.testing.assert_array_equal(x[0, 0], [[0.0, 1.0]])


def _square_hwc():
    """A 4 x 4 x 3 image, value 100*ch + 10*row + col: no two pixels alike and square, so a
    transposition keeps the shape and only the values tell. (3 x 3 x 3 would be ambiguous:
    an array whose first axis has the channel count is taken as C x H x W.)"""
    r, c, ch = np.meshgrid(np.arange(4), np.arange(4), np.arange(3), indexing="ij")
    return (100 * ch + 10 * r + c).astype(np.float64)


def test_square_hwc_image_keeps_rows_and_columns():
    img = _square_hwc()                                        # Octave's H x W x C
    x = ImageInput(1, 3, 4, 4).forward(img)
    # x[0, ch, row, col] = img[row, col, ch]: channel 1, row 2, col 0 is 100 + 20 + 0
    assert x[0, 1, 2, 0] == 120.0 and x[0, 2, 0, 3] == 203.0
    for ch in range(3):
        np.testing.assert_array_equal(x[0, ch], img[:, :, ch])


def test_square_nhwc_batch_keeps_rows_and_columns():
    batch = np.stack([_square_hwc(), _square_hwc() + 1000])   # N x H x W x C
    x = ImageInput(2, 3, 4, 4).forward(batch)
    assert x[1, 2, 1, 3] == 1213.0
    for n in range(2):
        for ch in range(3):
            np.testing.assert_array_equal(x[n, ch], batch[n, :, :, ch])


def test_int16_audio_is_divided_by_32768():
    clip = np.array([-32768, -16384, 0, 16384, 32767], np.int16)
    a = AudioInput(1, 1, 5).forward(clip)
    np.testing.assert_array_equal(a[0, 0, 0], [-1.0, -0.5, 0.0, 0.5, np.float32(32767 / 32768)])


def test_uint8_audio_is_centred_on_128():
    clip = np.array([0, 64, 128, 192, 255], np.uint8)       # (u - 128) / 128
    a = AudioInput(1, 1, 5).forward(clip)
    np.testing.assert_array_equal(a[0, 0, 0], [-1.0, -0.5, 0.0, 0.5, np.float32(127 / 128)])


def test_short_audio_is_padded_at_the_end():
    a = AudioInput(1, 1, 5).forward(np.array([[1.0], [2.0], [3.0]]))   # 3 samples x 1 channel
    np.testing.assert_array_equal(a[0, 0, 0], [1.0, 2.0, 3.0, 0.0, 0.0])
    b = AudioInput(2, 1, 4).forward([np.array([1.0, 2.0]), np.array([3.0, 4.0, 5.0])])
    np.testing.assert_array_equal(b[:, 0, 0], [[1.0, 2.0, 0.0, 0.0], [3.0, 4.0, 5.0, 0.0]])


def test_long_audio_is_cropped_at_the_end():
    with pytest.warns(InputCroppedWarning):
        a = AudioInput(1, 1, 3).forward(np.arange(1.0, 6.0))          # 1 2 3 4 5 -> 1 2 3
    np.testing.assert_array_equal(a[0, 0, 0], [1.0, 2.0, 3.0])
    with pytest.warns(InputCroppedWarning):
        b = AudioInput(1, 1, 2).forward(np.arange(1.0, 5.0).reshape(1, 1, 4))
    np.testing.assert_array_equal(b[0, 0, 0], [1.0, 2.0])


def test_text_words_lower_case_digits_and_apostrophes():
    assert words("The CAT's 2 Dogs") == ["the", "cat's", "2", "dogs"]
    assert words("don\u2019t stop") == ["don't", "stop"]        # the curly apostrophe is folded
    assert words("route 66, exit 4b") == ["route", "66", "exit", "4b"]


def test_text_vectors_ignore_case_and_apostrophe_style():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(encode_text("The Cat", 64), encode_text("the cat", 64))
        np.testing.assert_array_equal(encode_text("don\u2019t", 64), encode_text("don't", 64))
        assert np.any(encode_text("66", 64) != 0)                # digits are a word
        assert not np.array_equal(encode_text("route 66", 64), encode_text("route", 64))


def test_stereo_audioread_output_keeps_its_channels_apart():
    # audioread gives samples x channels: left 1 2 3, right 10 20 30
    clip = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])
    a = AudioInput(1, 2, 3).forward(clip)
    np.testing.assert_array_equal(a[0, :, 0], [[1.0, 2.0, 3.0], [10.0, 20.0, 30.0]])
    b = AudioInput(2, 2, 3).forward([clip, clip[::-1]])
    np.testing.assert_array_equal(b[1, :, 0], [[3.0, 2.0, 1.0], [30.0, 20.0, 10.0]])
