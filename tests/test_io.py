"""imread / imwrite / imresize / audioread / audiowrite / audioinfo against GNU Octave 7.3.

The expected values were recorded once with Octave (tests/fixtures/record_octave.m ->
tests/fixtures/octave_expected.mat), so these tests do not need Octave installed.
"""
import os
import pickle
import struct
import zlib

import numpy as np
import pytest
import scipy.io
import soundfile
from PIL import Image

from octakd import io as oio
from octakd.errors import OctakdFileError, OctakdTypeError, OctakdValueError, ShapeError
from octakd.io import (AudioArray, audioinfo, audioread, audiowrite, imread, imresize, imwrite,
                       ind2rgb)

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures")
SAMPLES = os.path.join(os.path.dirname(HERE), "data_samples")

IMAGES = ["rgb.png", "gray.png", "rgba.png", "la.png", "gray_content_rgb.png", "palette.png",
          "gray16.png", "rgb16.png", "bilevel.png", "small.jpg", "gray.jpg"]
SOUNDS = ["mono16.wav", "stereo16.wav", "u8.wav", "float32.wav", "int32.wav", "pcm24.wav",
          "float64.wav"]
OCTAVE_CLASS = {"uint8": np.uint8, "uint16": np.uint16, "logical": np.bool_, "double": np.float64,
                "single": np.float32, "int16": np.int16, "int32": np.int32}


@pytest.fixture(scope="module")
def octave():
    return scipy.io.loadmat(os.path.join(FIX, "octave_expected.mat"), squeeze_me=False)


def key(name):
    return name.replace(".", "_")


def fix(name):
    return os.path.join(FIX, name)


def octave_text(value):
    value = np.asarray(value)
    return "" if value.size == 0 else str(value.ravel()[0])


# -- imread -----------------------------------------------------------------------------
@pytest.mark.parametrize("name", IMAGES)
def test_imread_matches_octave_exactly(octave, name):
    expected = octave["img_" + key(name)]
    got = imread(fix(name))
    assert got.shape == expected.shape
    assert got.dtype == OCTAVE_CLASS[octave_text(octave["cls_" + key(name)])]
    # JPEG too: Pillow's libjpeg-turbo and Octave's GraphicsMagick decode these bit for bit
    np.testing.assert_array_equal(got.astype(np.int64), expected.astype(np.int64))


def test_octave_recording_is_from_octave_7():
    m = scipy.io.loadmat(fix("octave_expected.mat"))
    assert octave_text(m["octave_version"]).startswith("7.")


def test_imread_rgba_returns_rgb_and_alpha_separately(octave):
    img, alpha = imread(fix("rgba.png"), return_alpha=True)
    assert img.shape == (6, 5, 3)
    np.testing.assert_array_equal(alpha, octave["alpha_rgba_png"])
    gray, alpha = imread(fix("la.png"), return_alpha=True)
    assert gray.shape == (6, 5)
    np.testing.assert_array_equal(alpha, octave["alpha_la_png"])


def test_imread_palette_gives_indices_and_colormap_like_octave(octave):
    index, cmap, alpha = imread(fix("palette.png"), return_map=True, return_alpha=True)
    np.testing.assert_array_equal(index, octave["img_palette_png"])
    np.testing.assert_allclose(cmap, octave["map_palette_png"], rtol=0, atol=1e-12)
    assert alpha is None
    rgb = ind2rgb(index, cmap)
    assert rgb.shape == (6, 5, 3) and rgb.dtype == np.float64
    np.testing.assert_allclose(rgb[0, 0], cmap[index[0, 0]])


def test_imread_without_map_has_none(octave):
    img, cmap = imread(fix("rgb.png"), return_map=True)
    assert cmap is None and img.shape == (6, 5, 3)


def test_ind2rgb_rejects_bad_arguments():
    with pytest.raises(ShapeError, match="ind2rgb"):
        ind2rgb(np.zeros((2, 2), np.uint8), np.zeros((4, 2)))
    with pytest.raises(OctakdTypeError, match="1-based"):
        ind2rgb(np.zeros((2, 2)), np.zeros((4, 3)))


def test_imread_bilevel_is_logical(octave):
    img = imread(fix("bilevel.png"))
    assert img.dtype == bool


def test_imread_gray16_via_own_decoder_matches_octave(octave):
    # gray16.png was written by Pillow with adaptive filters, so this also exercises them
    np.testing.assert_array_equal(oio.images._read_png16(fix("gray16.png")), octave["img_gray16_png"])


def _encode_png16(arr, filters):
    """A 16-bit PNG whose row r uses PNG filter type filters[r % len(filters)]."""
    h, w = arr.shape[:2]
    c = 1 if arr.ndim == 2 else arr.shape[2]
    bpp = 2 * c
    data = arr.astype(">u2").reshape(h, w * bpp // 2).view(np.uint8).reshape(h, w * bpp).astype(np.int64)
    out, prev = [], np.zeros(w * bpp, np.int64)
    for r in range(h):
        cur, kind = data[r], filters[r % len(filters)]
        left = np.concatenate([np.zeros(bpp, np.int64), cur[:-bpp]])
        upleft = np.concatenate([np.zeros(bpp, np.int64), prev[:-bpp]])
        if kind == 0:
            f = cur
        elif kind == 1:
            f = cur - left
        elif kind == 2:
            f = cur - prev
        elif kind == 3:
            f = cur - (left + prev) // 2
        else:
            p = left + prev - upleft
            pa, pb, pc = abs(p - left), abs(p - prev), abs(p - upleft)
            f = cur - np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, prev, upleft))
        out.append(bytes([kind]) + (f & 255).astype(np.uint8).tobytes())
        prev = cur
    ctype = {1: 0, 2: 4, 3: 2, 4: 6}[c]

    def chunk(k, d):
        return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, ctype, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(out))) + chunk(b"IEND", b""))


@pytest.mark.parametrize("channels", [3, 4, 2])
def test_imread_16bit_colour_png_all_filters(tmp_path, channels):
    rng = np.random.default_rng(channels)
    arr = rng.integers(0, 65536, (10, 7, channels), dtype=np.uint16)
    path = tmp_path / "x16.png"
    path.write_bytes(_encode_png16(arr, [0, 1, 2, 3, 4]))
    img, alpha = imread(path, return_alpha=True)
    assert img.dtype == np.uint16
    if channels == 3:
        np.testing.assert_array_equal(img, arr)
        assert alpha is None
    else:
        np.testing.assert_array_equal(img, arr[:, :, :-1] if channels == 4 else arr[:, :, 0])
        np.testing.assert_array_equal(alpha, arr[:, :, -1])


def test_imread_missing_file_message_like_octave(tmp_path):
    missing = str(tmp_path / "x.jpg")
    with pytest.raises(OctakdFileError) as info:
        imread(missing)
    assert str(info.value) == f"imread: unable to find file '{missing}'"
    assert isinstance(info.value, OSError)
    with pytest.raises(OSError):
        imread("no_such_image.jpg")


@pytest.mark.parametrize("damage", ["truncated_jpeg", "truncated_png", "not_an_image", "empty"])
def test_imread_corrupt_file_names_the_file(tmp_path, damage):
    path = tmp_path / f"bad_{damage}.{'jpg' if 'jpeg' in damage else 'png'}"
    if damage == "truncated_jpeg":
        data = open(fix("small.jpg"), "rb").read()
        path.write_bytes(data[: len(data) // 2])
    elif damage == "truncated_png":
        data = open(fix("rgb.png"), "rb").read()
        path.write_bytes(data[:60])
    elif damage == "not_an_image":
        path.write_text("This is a text data")
    else:
        path.write_bytes(b"")
    with pytest.raises(OctakdFileError) as info:
        imread(path)
    assert str(path) in str(info.value) and "imread" in str(info.value)
    assert info.value.__suppress_context__          # no PIL traceback chained in front


def test_imread_rejects_folders_and_non_paths(tmp_path):
    with pytest.raises(OctakdFileError, match="folder"):
        imread(tmp_path)
    with pytest.raises(OctakdTypeError, match="file name"):
        imread(np.zeros((2, 2)))
    with pytest.raises(OctakdValueError, match="empty"):
        imread("")


def test_imread_accepts_pathlike_and_bytes():
    from pathlib import Path
    a = imread(Path(fix("rgb.png")))
    b = imread(os.fsencode(fix("rgb.png")))
    np.testing.assert_array_equal(a, b)


# -- imwrite ------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype,shape", [(np.uint8, (9, 7, 3)), (np.uint8, (9, 7)), (np.uint8, (9, 7, 4)),
                                         (np.uint16, (9, 7)), (np.uint16, (9, 7, 3)), (bool, (9, 7))])
def test_imwrite_png_round_trip(tmp_path, dtype, shape):
    rng = np.random.default_rng(0)
    if dtype == bool:
        img = rng.random(shape) > 0.5
    else:
        img = rng.integers(0, np.iinfo(dtype).max + 1, shape).astype(dtype)
    path = tmp_path / "out.png"
    imwrite(img, path)
    back = imread(path)
    if len(shape) == 3 and shape[2] == 4:
        back, alpha = imread(path, return_alpha=True)
        np.testing.assert_array_equal(alpha, img[:, :, 3])
        img = img[:, :, :3]
    assert back.dtype == img.dtype
    np.testing.assert_array_equal(back, img)


def test_imwrite_float_is_scaled_like_im2uint8(tmp_path):
    img = np.array([[0.0, 0.5, 1.0, 1.7, -0.2, 0.25]])
    imwrite(img, tmp_path / "f.png")
    np.testing.assert_array_equal(imread(tmp_path / "f.png"), [[0, 128, 255, 255, 0, 64]])


def test_imwrite_jpeg_quality_options(tmp_path):
    img = imread(os.path.join(SAMPLES, "image.jpg"))
    imwrite(img, tmp_path / "q90.jpg", "Quality", 90)
    imwrite(img, tmp_path / "q90b.jpg", quality=90)
    imwrite(img, tmp_path / "q20.jpg", "Quality", 20)
    imwrite(img, tmp_path / "noext", "jpg")
    assert (tmp_path / "q90.jpg").read_bytes() == (tmp_path / "q90b.jpg").read_bytes()
    assert os.path.getsize(tmp_path / "q20.jpg") < os.path.getsize(tmp_path / "q90.jpg")
    back = imread(tmp_path / "q90.jpg")
    assert back.shape == img.shape and np.abs(back.astype(int) - img).mean() < 3
    assert imread(tmp_path / "noext").shape == img.shape


def test_imwrite_errors(tmp_path):
    img = np.zeros((4, 4, 3), np.uint8)
    with pytest.raises(OctakdTypeError, match="image comes first"):
        imwrite(str(tmp_path / "a.png"), img)
    with pytest.raises(OctakdValueError, match="format"):
        imwrite(img, tmp_path / "a.xyz")
    with pytest.raises(OctakdFileError, match="does not exist"):
        imwrite(img, tmp_path / "missing" / "a.png")
    with pytest.raises(ShapeError, match="transpose"):
        imwrite(np.zeros((1, 3, 4, 4), np.float32), tmp_path / "a.png")
    with pytest.raises(OctakdTypeError, match="uint8"):
        imwrite(img.astype(np.int64), tmp_path / "a.png")
    with pytest.raises(OctakdTypeError, match="PNG only"):
        imwrite(img.astype(np.uint16), tmp_path / "a.jpg")
    with pytest.raises(OctakdValueError, match="Quality"):
        imwrite(img, tmp_path / "a.jpg", "Quality", 150)
    with pytest.raises(OctakdValueError, match="option"):
        imwrite(img, tmp_path / "a.jpg", "Quality")
    assert not list(tmp_path.iterdir())


# -- imresize -----------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.float32, np.float64, bool])
def test_imresize_keeps_dtype_and_size(dtype):
    rng = np.random.default_rng(1)
    img = rng.random((30, 40, 3))
    img = (img > 0.5) if dtype == bool else (img * (255 if dtype == np.uint8 else 65535 if dtype == np.uint16 else 1)).astype(dtype)
    out = imresize(img, [12, 20])
    assert out.shape == (12, 20, 3) and out.dtype == np.dtype(dtype)
    assert imresize(img[:, :, 0], [12, 20]).shape == (12, 20)


def test_imresize_scale_and_nan_like_octave():
    img = np.zeros((30, 45, 3), np.uint8)
    assert imresize(img, 0.5).shape == (15, 23, 3)         # ceil(45 / 2) = 23
    assert imresize(img, 2).shape == (60, 90, 3)
    assert imresize(img, [20, np.nan]).shape == (20, 30, 3)
    assert imresize(img, (np.nan, 90)).shape == (60, 90, 3)
    assert imresize(img, np.array([224, 224])).shape == (224, 224, 3)


def test_imresize_identity_and_constant():
    rng = np.random.default_rng(2)
    img = rng.integers(0, 256, (16, 16, 3), dtype=np.uint8)
    np.testing.assert_array_equal(imresize(img, [16, 16]), img)
    flat = np.full((10, 10), 0.25, np.float64)
    np.testing.assert_allclose(imresize(flat, [23, 7]), 0.25, atol=1e-7)


def test_imresize_bilinear_upsampling_interpolates():
    img = np.array([[0, 255]], np.uint8)
    out = imresize(img, [1, 4])
    assert out[0, 0] == 0 and out[0, -1] == 255 and 0 < out[0, 1] < out[0, 2] < 255
    nearest = imresize(img, [1, 4], "nearest")
    np.testing.assert_array_equal(nearest, [[0, 0, 255, 255]])


def test_imresize_errors():
    img = np.zeros((8, 8), np.uint8)
    for bad in ([0, 3], [2.5, 3], [1, 2, 3], "big", -1, [np.nan, np.nan]):
        with pytest.raises(OctakdValueError, match="imresize"):
            imresize(img, bad)
    with pytest.raises(OctakdValueError, match="method"):
        imresize(img, 2, "spline")
    with pytest.raises(OctakdTypeError):
        imresize("image.jpg", [2, 2])
    with pytest.raises(ShapeError):
        imresize(np.zeros((1, 3, 8, 8)), [4, 4])


def test_imresize_is_the_fix_the_image_layer_suggests():
    from octakd.layers import ImageInput
    layer = ImageInput(1, 3, 8, 8)
    layer.build(None, np.float32)
    img = imread(os.path.join(SAMPLES, "image.jpg"))
    with pytest.raises(ShapeError, match=r"imresize\(img, \[8 8\]\)"):
        layer.forward(img)
    x = layer.forward(imresize(img, [8, 8]))
    assert x.shape == (1, 3, 8, 8) and x.dtype == np.float32


# -- audioread ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", SOUNDS)
def test_audioread_matches_octave_bit_for_bit(octave, name):
    y, fs = audioread(fix(name), return_fs=True)
    expected = octave["y_" + key(name)]
    assert y.dtype == np.float64 and y.shape == expected.shape
    np.testing.assert_array_equal(np.asarray(y), expected)
    assert fs == int(octave["fs_" + key(name)].ravel()[0]) == y.fs


@pytest.mark.parametrize("name", SOUNDS)
def test_audioread_native_matches_octave(octave, name):
    y = audioread(fix(name), "native")
    expected = octave["native_" + key(name)]
    assert y.dtype == expected.dtype
    np.testing.assert_array_equal(np.asarray(y), expected)


@pytest.mark.parametrize("name", SOUNDS)
def test_audioinfo_matches_octave(octave, name):
    info = audioinfo(fix(name))
    expected = octave["info_" + key(name)][0, 0]
    for field in expected.dtype.names:
        want = expected[field]
        got = info[field]
        if np.asarray(want).dtype.kind in "US" or np.asarray(want).size == 0:
            assert got == octave_text(want), field
        else:
            assert got == pytest.approx(float(np.asarray(want).ravel()[0]), rel=1e-12), field
    assert info.Filename == os.path.abspath(fix(name))
    assert list(info)[:7] == ["Filename", "CompressionMethod", "NumChannels", "SampleRate",
                             "TotalSamples", "Duration", "BitsPerSample"]
    with pytest.raises(AttributeError, match="fields"):
        info.Samplerate


def test_audioread_scaling_rules():
    y = audioread(fix("mono16.wav"))
    raw, _ = soundfile.read(fix("mono16.wav"), dtype="int16", always_2d=True)
    np.testing.assert_array_equal(y, raw / 32768.0)
    assert y[0, 0] == -1.0 and y[1, 0] == 32767 / 32768
    u = audioread(fix("u8.wav"))
    native = audioread(fix("u8.wav"), "native")
    np.testing.assert_array_equal(u, (native.astype(np.float64) - 128) / 128)
    i32 = audioread(fix("int32.wav"))
    np.testing.assert_array_equal(i32, audioread(fix("int32.wav"), "native") / 2.0 ** 31)
    f = audioread(fix("float32.wav"))
    assert f[0, 0] == 1.5 and f[1, 0] == -2.0          # floats as stored, not clipped


def test_audioread_mono_is_a_column_and_stereo_two_columns():
    assert audioread(fix("mono16.wav")).shape == (64, 1)
    assert audioread(fix("stereo16.wav")).shape == (64, 2)


def test_audioread_sample_range_is_one_based_inclusive():
    full = audioread(fix("stereo16.wav"))
    part = audioread(fix("stereo16.wav"), [3, 10])
    np.testing.assert_array_equal(part, full[2:10])
    tail = audioread(fix("stereo16.wav"), [60, np.inf], "native")
    assert tail.shape == (5, 2) and tail.dtype == np.int16
    for bad in ([0, 5], [5, 3], [1, 65], [1.5, 3], [1, 2, 3], "x"):
        with pytest.raises(OctakdValueError, match="audioread"):
            audioread(fix("stereo16.wav"), bad) if bad != "x" else audioread(fix("stereo16.wav"), [1, 2], "x")


def test_audioarray_keeps_fs_on_views_and_degrades_on_arithmetic():
    a = audioread(fix("stereo16.wav"))
    assert isinstance(a, AudioArray) and a.fs == 22050
    assert a.duration == pytest.approx(64 / 22050)
    for view in (a[:10], a.T, a[:, :1], a.copy(), a.reshape(-1), a.astype(np.float32)):
        assert isinstance(view, AudioArray) and view.fs == 22050
    for result in (a * 0.5, a + a, np.abs(a), a.mean(axis=0), a > 0):
        assert type(result) is np.ndarray
    for scalar in (a.sum(), a.max(), a.mean(), a[0, 0], np.sum(a)):
        assert np.ndim(scalar) == 0 and not isinstance(scalar, np.ndarray)
    assert type(np.asarray(a)) is np.ndarray
    b = pickle.loads(pickle.dumps(a))
    assert isinstance(b, AudioArray) and b.fs == 22050 and np.array_equal(a, b)
    assert "fs=22050" in repr(a)
    assert AudioArray(np.zeros(3), 8000).fs == 8000


def test_audioread_output_feeds_the_audio_input_layer():
    from octakd.layers import AudioInput
    layer = AudioInput(1, 1, 64)
    layer.build(None, np.float32)
    x = layer.forward(audioread(fix("mono16.wav")))
    assert x.shape == (1, 1, 1, 64) and x.dtype == np.float32


def test_audioread_missing_and_corrupt_files(tmp_path):
    missing = str(tmp_path / "x.wav")
    with pytest.raises(OctakdFileError) as info:
        audioread(missing)
    assert str(info.value) == f"audioread: unable to find file '{missing}'"
    assert isinstance(info.value, OSError)
    with pytest.raises(OctakdFileError, match="audioinfo: unable to find file"):
        audioinfo(missing)
    bad = tmp_path / "bad.wav"
    bad.write_text("This is a text data")
    with pytest.raises(OctakdFileError) as info:
        audioread(bad)
    assert str(bad) in str(info.value) and info.value.__suppress_context__
    with pytest.raises(OctakdFileError, match="bad.wav"):
        audioinfo(bad)
    with pytest.raises(OctakdValueError, match="datatype"):
        audioread(fix("mono16.wav"), "single")


def test_audioread_truncated_wav(tmp_path):
    data = open(os.path.join(SAMPLES, "audio.wav"), "rb").read()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(data[:1000])
    try:
        y = audioread(cut)
    except OctakdFileError as exc:
        assert "cut.wav" in str(exc)
    else:                        # libsndfile trims the frame count to the data present
        assert y.shape[0] < 44100


# -- audiowrite ---------------------------------------------------------------------------
@pytest.mark.parametrize("bits", [8, 16, 32, 64])
def test_audiowrite_quantises_and_clips_like_octave(octave, tmp_path, bits):
    w = octave["write_input"]
    path = tmp_path / "w.wav"
    audiowrite(path, w, 8000, bits_per_sample=bits)
    native = audioread(path, "native")
    np.testing.assert_array_equal(np.asarray(native), octave[f"write_native_{bits}"])
    np.testing.assert_array_equal(np.asarray(audioread(path)), octave[f"write_double_{bits}"])


def test_audiowrite_octave_style_option_and_24_bit(tmp_path):
    y = np.linspace(-1, 1, 101)[:, None]
    audiowrite(tmp_path / "a.wav", y, 16000, "BitsPerSample", 24)
    info = audioinfo(tmp_path / "a.wav")
    assert info.BitsPerSample == 24 and info.SampleRate == 16000 and info.TotalSamples == 101
    back = audioread(tmp_path / "a.wav")
    np.testing.assert_allclose(back, y, atol=2.0 ** -23)


def test_audiowrite_round_trip_is_exact_on_the_16_bit_grid(tmp_path):
    rng = np.random.default_rng(3)
    y = rng.integers(-32768, 32768, (500, 2)) / 32768.0
    audiowrite(tmp_path / "s.wav", y, 44100)
    np.testing.assert_array_equal(audioread(tmp_path / "s.wav"), y)
    audiowrite(tmp_path / "i.wav", (y * 32768).astype(np.int16), 44100)
    np.testing.assert_array_equal(audioread(tmp_path / "i.wav"), y)
    audiowrite(tmp_path / "m.wav", y[:, 0], 44100)
    assert audioread(tmp_path / "m.wav").shape == (500, 1)


def test_audiowrite_errors(tmp_path):
    y = np.zeros((10, 1))
    with pytest.raises(OctakdValueError, match="fs"):
        audiowrite(tmp_path / "a.wav", y, 0)
    with pytest.raises(OctakdValueError, match="BitsPerSample"):
        audiowrite(tmp_path / "a.wav", y, 8000, bits_per_sample=12)
    with pytest.raises(OctakdValueError, match="format"):
        audiowrite(tmp_path / "a.mp9", y, 8000)
    with pytest.raises(ShapeError, match=r"y\.T"):
        audiowrite(tmp_path / "a.wav", np.zeros((1, 1000)), 8000)
    with pytest.raises(OctakdValueError, match="NaN"):
        audiowrite(tmp_path / "a.wav", np.full((4, 1), np.nan), 8000)
    with pytest.raises(OctakdTypeError):
        audiowrite(tmp_path / "a.wav", np.zeros(4, np.int64), 8000)
    with pytest.raises(OctakdFileError, match="does not exist"):
        audiowrite(tmp_path / "nope" / "a.wav", y, 8000)
    assert not list(tmp_path.iterdir())


def test_audiowrite_failure_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "keep.wav"
    audiowrite(path, np.full((10, 1), 0.5), 8000)
    before = path.read_bytes()

    def broken(f, *args, **kwargs):
        f.write(b"RIFF half")
        raise OSError("disk full")
    monkeypatch.setattr(soundfile, "write", broken)
    with pytest.raises(OctakdFileError, match="unchanged"):
        audiowrite(path, np.zeros((10, 1)), 8000)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.wav"]


# -- the seed's sample files -----------------------------------------------------------------
def test_sample_image_is_what_octave_reads(octave):
    img = imread(os.path.join(SAMPLES, "image.jpg"))
    assert img.shape == (224, 224, 3) and img.dtype == np.uint8
    assert list(img.shape) == octave["sample_image_size"].ravel().astype(int).tolist()
    np.testing.assert_array_equal(img.reshape(-1, 3).sum(axis=0), octave["sample_image_sums"].ravel())
    np.testing.assert_array_equal(img[99:131, 59:91], octave["sample_image_crop"])
    import hashlib
    column_major = np.asfortranarray(img).tobytes(order="F")
    assert hashlib.md5(column_major).hexdigest() == octave_text(octave["sample_image_md5"])


def test_sample_audio_is_what_octave_reads(octave):
    y, fs = audioread(os.path.join(SAMPLES, "audio.wav"), return_fs=True)
    assert y.shape == (44100, 1) and fs == 44100 == int(octave["sample_audio_fs"].ravel()[0])
    assert y.sum() == octave["sample_audio_sum"].ravel()[0]
    assert (y ** 2).sum() == pytest.approx(octave["sample_audio_sumsq"].ravel()[0], rel=1e-12)
    np.testing.assert_array_equal(y[:2000, 0], octave["sample_audio_head"].ravel())
    info = audioinfo(os.path.join(SAMPLES, "audio.wav"))
    assert (info.NumChannels, info.BitsPerSample, info.Duration) == (1, 16, 1.0)


def test_sample_text():
    with open(os.path.join(SAMPLES, "text.txt"), encoding="utf-8") as f:
        assert f.read() == "This is a text data"


def test_make_samples_is_deterministic(tmp_path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_samples", os.path.join(SAMPLES, "make_samples.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(str(tmp_path))
    for name in ("audio.wav", "text.txt"):
        assert (tmp_path / name).read_bytes() == open(os.path.join(SAMPLES, name), "rb").read(), name
    # The JPEG encoder is Pillow's bundled libjpeg(-turbo): identical bytes with the same build,
    # and near-identical pixels with another
    new, committed = imread(tmp_path / "image.jpg"), imread(os.path.join(SAMPLES, "image.jpg"))
    assert new.shape == committed.shape
    assert np.abs(new.astype(int) - committed).mean() < 1.0
