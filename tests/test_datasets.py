"""octakd.datasets: determinism, shapes, class balance, corruption fractions, the helpers."""
import numpy as np
import pytest

from octakd.datasets import (DTMF, GLYPHS, MultimodalDataset, digit_phrase, dtmf_clip,
                             load_av_digits, make_multimodal_digits)


@pytest.fixture(scope="module")
def data():
    return make_multimodal_digits(600, seed=3)


def test_shapes_and_types(data):
    assert len(data) == 600
    assert data.image.shape == (600, 1, 16, 16) and data.image.dtype == np.float32
    assert data.audio.shape == (600, 1, 1, 256) and data.audio.dtype == np.float32
    assert len(data.text) == 600 and all(isinstance(t, str) for t in data.text)
    assert data.labels.shape == (600,) and data.labels.dtype == np.int64
    assert data.fs == 4000
    assert data.inputs[0] is data.image and data.inputs[1] is data.text and data.inputs[2] is data.audio
    assert list(data.as_dict()) == ["image", "text", "audio"]
    assert np.all(np.isfinite(data.image)) and np.all(np.isfinite(data.audio))


def test_deterministic(data):
    again = make_multimodal_digits(600, seed=3)
    np.testing.assert_array_equal(again.image, data.image)
    np.testing.assert_array_equal(again.audio, data.audio)
    np.testing.assert_array_equal(again.labels, data.labels)
    assert again.text == data.text
    other = make_multimodal_digits(600, seed=4)
    assert not np.array_equal(other.image, data.image)


def test_class_balance(data):
    np.testing.assert_array_equal(np.bincount(data.labels, minlength=10), np.full(10, 60))
    odd = make_multimodal_digits(23, seed=0)
    counts = np.bincount(odd.labels, minlength=10)
    assert counts.max() - counts.min() <= 1 and counts.sum() == 23


def test_corruption_fractions():
    d = make_multimodal_digits(2000, seed=1)
    for m in ("image", "text", "audio"):
        assert abs(d.corrupted[m].mean() - 0.3) < 0.04, m
    # independent masks: all three uninformative on about 0.3^3 of the samples
    all3 = d.corrupted["image"] & d.corrupted["text"] & d.corrupted["audio"]
    assert all3.mean() < 0.06
    none = make_multimodal_digits(200, seed=1, corruption=0.0)
    assert not any(v.any() for v in none.corrupted.values())
    some = make_multimodal_digits(1000, seed=1, corruption={"text": 0.5})
    assert abs(some.corrupted["text"].mean() - 0.5) < 0.06
    assert not some.corrupted["image"].any() and not some.corrupted["audio"].any()


def test_corrupted_samples_are_uninformative():
    d = make_multimodal_digits(400, seed=2)
    words = {w for table in __import__("octakd.datasets", fromlist=["NUMBER_WORDS"]).NUMBER_WORDS.values()
             for w in table} | {str(k) for k in range(10)}
    for text, bad in zip(d.text, d.corrupted["text"]):
        if bad:
            assert not set(text.split()) & words, text
    # corrupted audio is noise: no tone pair stands out in the spectrum
    clean = d.audio[~d.corrupted["audio"], 0, 0]
    noisy = d.audio[d.corrupted["audio"], 0, 0]

    def peak_ratio(x):
        spec = np.abs(np.fft.rfft(x, axis=-1)) ** 2
        return np.median(spec.max(axis=-1) / spec.mean(axis=-1))
    assert peak_ratio(clean) > 2 * peak_ratio(noisy)


def test_dtmf_frequencies():
    rng = np.random.default_rng(0)
    fs = 4000
    for digit, (f_row, f_col) in DTMF.items():
        clip = np.mean([np.abs(np.fft.rfft(dtmf_clip(digit, np.random.default_rng([0, k]), 2048)))
                        for k in range(4)], axis=0)
        freqs = np.fft.rfftfreq(2048, 1 / fs)
        top = freqs[np.argsort(clip)[-6:]]
        assert np.min(np.abs(top - f_row)) < 30 and np.min(np.abs(top - f_col)) < 30, digit
    assert len(GLYPHS) == 10 and digit_phrase(3, rng)


def test_label_noise():
    clean = make_multimodal_digits(1000, seed=5)
    noisy = make_multimodal_digits(1000, seed=5, label_noise=0.2)
    changed = np.mean(clean.labels != noisy.labels)
    assert 0.15 < changed < 0.25


def test_split_subset_and_per_class(data):
    train, test = data.split(0.25, seed=0)
    assert len(train) == 450 and len(test) == 150
    np.testing.assert_array_equal(np.bincount(test.labels, minlength=10), np.full(10, 15))
    again_train, _ = data.split(0.25, seed=0)
    np.testing.assert_array_equal(again_train.image, train.image)
    first, rest = train.take_per_class(5, seed=1)
    assert len(first) == 50 and len(rest) == 400
    np.testing.assert_array_equal(np.bincount(first.labels), np.full(10, 5))
    mask = train.per_class_mask(5, seed=1)
    np.testing.assert_array_equal(train.subset(mask).labels, first.labels)
    part = data.subset(slice(10, 20))
    assert isinstance(part, MultimodalDataset) and len(part) == 10
    assert part.text == data.text[10:20] and part.corrupted["image"].shape == (10,)
    assert data.text_features(32).shape == (600, 32)
    with pytest.raises(ValueError):
        data.split(1.5)
    assert "600 samples" in repr(data)


def test_trains_through_the_seed_api(data):
    from octakd import (audio_input_layer, concatenate_layer, conv2d_layer, dense_layer,
                        evaluate, image_input_layer, max_pool2d_layer, new_network, relu_layer,
                        softmax_layer, text_input_layer, train_model)
    new_network("tiny")
    img = image_input_layer(1, 1, 16, 16)
    img = conv2d_layer(4, 3, 3, "same")
    img = relu_layer()
    img = max_pool2d_layer(4, 4)
    txt = text_input_layer(1, 32)
    txt = dense_layer(8, "relu")
    aud = audio_input_layer(1, 1, 256)
    aud = conv2d_layer(4, 1, 9, "same")
    aud = relu_layer()
    aud = max_pool2d_layer(8, 8)
    concatenate_layer([img, txt, aud])
    softmax_layer(10)
    model = train_model(data.inputs, data.labels, 2, 0.003, verbose=False)   # texts as strings
    assert evaluate(model, data.inputs, data.labels) > 0.15       # chance is 0.10 (measured 0.24)


def test_av_digits():
    pytest.importorskip("sklearn")
    d = load_av_digits(seed=0)
    assert len(d) == 1797 and d.image.shape == (1797, 1, 8, 8)
    assert d.image.min() >= 0 and d.image.max() <= 1
    assert d.audio.shape == (1797, 1, 1, 256) and not d.corrupted["image"].any()
    assert abs(d.corrupted["audio"].mean() - 0.3) < 0.05
    again = load_av_digits(seed=0)
    np.testing.assert_array_equal(again.audio, d.audio)


def test_av_digits_without_sklearn(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name.startswith("sklearn"):
            raise ImportError("No module named 'sklearn'")
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    with pytest.raises(ImportError, match="octakd\\[tutorials\\]"):
        load_av_digits()
