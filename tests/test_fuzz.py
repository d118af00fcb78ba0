"""Fuzzing the boundary (issue 6): every call either succeeds with the documented shape and dtype,
or raises an OctakdError. Never a NumPy broadcasting error, an IndexError, an OverflowError or
a Numba typing error from inside.

Both kernel backends are fuzzed. The CI also runs this file under NUMBA_BOUNDSCHECK=1.
"""
import math
import warnings
from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import octakd
from octakd import OctakdError
from octakd.layers import Conv2D, Dense, MaxPool2D
from octakd.network import Branch, Network

FUZZ = settings(deadline=None, max_examples=150, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
FUZZ_SLOW = settings(FUZZ, max_examples=40)

DTYPES = ["float32", "float64", "int64", "uint8", "bool", "complex128", "object"]

# sizes: mostly small valid ones, plus every kind of invalid value
BAD_NUMBERS = [0, -1, -3, 2.5, float("nan"), float("inf"), 10**30, 2**31, True, None, "3", "same", [],
               (1, 2, 3), (0, 1)]
small = st.integers(1, 5)
size = st.one_of(*[small] * 8, st.sampled_from(BAD_NUMBERS))
size_or_pair = st.one_of(size, st.tuples(small, small))
padding = st.one_of(st.sampled_from(["same", "valid", "same", "valid", 1, "SAME", "full", "", 0, 1, 2,
                                      -1, 1.5, None, 10**30]),
                    st.tuples(st.integers(0, 3), st.integers(0, 3)))
activation = st.sampled_from(["relu", "linear", "sigmoid", "tanh", "relu", "linear", "none", None,
                              "softplus", 3, ""])


@st.composite
def arrays(draw):
    ndim = draw(st.sampled_from([0, 1, 2, 2, 3, 4, 4, 4, 4, 4, 5]))
    dim = st.one_of(st.integers(1, 9), st.integers(1, 9), st.integers(0, 9))
    shape = tuple(draw(dim) for _ in range(ndim))
    dtype = draw(st.sampled_from(DTYPES + ["float32", "float64"] * 3))
    base = np.random.default_rng(draw(st.integers(0, 3))).standard_normal(shape)
    return base.astype(dtype) if dtype != "object" else base.astype(object)


@st.composite
def chaotic_layers(draw):
    kind = draw(st.sampled_from(["conv", "pool", "dense"]))
    if kind == "conv":
        return lambda: Conv2D(draw(size), draw(size_or_pair) if draw(st.booleans()) else draw(size),
                              draw(st.one_of(st.none(), size)), draw(padding), draw(size_or_pair))
    if kind == "pool":
        return lambda: MaxPool2D(draw(size_or_pair), draw(st.one_of(st.none(), size_or_pair)))
    return lambda: Dense(draw(size), draw(activation))


@st.composite
def valid_layer_cases(draw):
    """A layer and an input it must accept: a float NCHW batch, arguments that fit it."""
    n, c = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    h, w = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    dtype = draw(st.sampled_from(["float32", "float64"]))
    x = np.random.default_rng(draw(st.integers(0, 3))).standard_normal((n, c, h, w)).astype(dtype)
    kind = draw(st.sampled_from(["conv", "pool", "dense"]))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    if kind == "conv":
        pad = draw(st.one_of(st.sampled_from(["same", "valid", "SAME"]), st.integers(0, 2)))
        extra = 0 if pad in ("same", "SAME") else (0 if pad == "valid" else pad)
        kh = draw(st.integers(1, 5)) if pad in ("same", "SAME") else draw(st.integers(1, h + 2 * extra))
        kw = draw(st.integers(1, 5)) if pad in ("same", "SAME") else draw(st.integers(1, w + 2 * extra))
        f = draw(st.integers(1, 4))
        return (lambda: Conv2D(f, kh, kw, pad, stride)), x
    if kind == "pool":
        pool = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))   # larger than the map: clamped
        return (lambda: MaxPool2D(pool, stride)), x
    units = draw(st.integers(1, 6))
    act = draw(st.sampled_from(["relu", "linear", "sigmoid", "tanh", "none", None]))
    return (lambda: Dense(units, act)), x


def layer_cases():
    """Three in four cases valid, one in four anything (mostly errors)."""
    return st.one_of(valid_layer_cases(), valid_layer_cases(), valid_layer_cases(),
                     st.tuples(chaotic_layers(), arrays()))


def run_layer(make, x):
    """Construct, forward, backward: success must match the documented shapes and dtype."""
    try:
        layer = make()
    except OctakdError:
        return "refused at construction"
    try:
        y = layer.forward(x)
    except OctakdError:
        return "refused at forward"
    assert isinstance(x, np.ndarray) and x.dtype in (np.float32, np.float64)
    assert y.dtype == x.dtype
    assert y.shape == (x.shape[0],) + tuple(layer.output_shape(x.shape[1:]))
    dx = layer.backward(np.ones_like(y))
    assert dx.shape == x.shape and dx.dtype == x.dtype
    return "ok"


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_layers_give_the_documented_shape_or_an_octakd_error(backend):
    """Most cases must reach the shape checks (at least 60 %), so that a layer that always
    raised an OctakdError would fail here."""
    outcomes = Counter()

    @settings(FUZZ, max_examples=400)
    @given(case=layer_cases())
    def fuzz(case):
        make, x = case
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)     # inf * 0 in random data is fine
            outcomes[run_layer(make, x)] += 1

    previous = octakd.set_backend(backend)
    try:
        fuzz()
    finally:
        octakd.set_backend(previous)
    total = sum(outcomes.values())
    assert total >= 300 and outcomes["ok"] >= 0.6 * total, outcomes
    assert outcomes["refused at construction"] + outcomes["refused at forward"] >= 0.05 * total, outcomes


@pytest.mark.parametrize("backend", ["numpy", "numba"])
@FUZZ
@given(n=st.integers(1, 3), c=st.integers(1, 3), h=st.integers(1, 9), w=st.integers(1, 9),
       f=st.integers(1, 3), kh=st.integers(1, 11), kw=st.integers(1, 11),
       pad=st.one_of(st.sampled_from(["same", "valid"]), st.integers(0, 4)),
       stride=st.tuples(st.integers(1, 4), st.integers(1, 4)),
       dtype=st.sampled_from(["float32", "float64"]))
def test_valid_conv_geometry_matches_output_shape(backend, n, c, h, w, f, kh, kw, pad, stride, dtype):
    """Kernels larger than the input, odd strides, asymmetric 'same': the formula holds or a
    ShapeError says the output would be empty. The two backends agree."""
    x = np.random.default_rng(0).standard_normal((n, c, h, w)).astype(dtype)
    previous = octakd.set_backend(backend)
    try:
        layer = Conv2D(f, kh, kw, pad, stride)
        try:
            y = layer.forward(x)
        except octakd.ShapeError as exc:
            assert "does not fit the padded input" in str(exc)
            return
        assert y.shape == (n,) + layer.output_shape(x.shape[1:]) and y.dtype == x.dtype
        octakd.set_backend("numpy" if backend == "numba" else "numba")
        twin = Conv2D(f, kh, kw, pad, stride)
        twin.build(x.shape[1:], x.dtype)
        twin.params["W"][...] = layer.params["W"]
        tol = 1e-4 if dtype == "float32" else 1e-10
        np.testing.assert_allclose(twin.forward(x), y, rtol=tol, atol=tol)
    finally:
        octakd.set_backend(previous)


@pytest.mark.parametrize("backend", ["numpy", "numba"])
@FUZZ
@given(n=st.integers(1, 3), c=st.integers(1, 3), h=st.integers(1, 9), w=st.integers(1, 9),
       pool=st.tuples(st.integers(1, 11), st.integers(1, 11)),
       stride=st.tuples(st.integers(1, 11), st.integers(1, 11)),
       dtype=st.sampled_from(["float32", "float64"]))
def test_pool_windows_larger_than_the_input_are_clamped(backend, n, c, h, w, pool, stride, dtype):
    x = np.random.default_rng(1).standard_normal((n, c, h, w)).astype(dtype)
    previous = octakd.set_backend(backend)
    try:
        layer = MaxPool2D(pool, stride)
        y = layer.forward(x)
        assert y.shape == (n,) + layer.output_shape(x.shape[1:]) and y.dtype == x.dtype
        dx = layer.backward(np.ones_like(y))
        assert dx.shape == x.shape
        # every output is a maximum over its (clamped) window, so it is one of the inputs
        assert np.all(np.isin(y, x))
    finally:
        octakd.set_backend(previous)


# -- the public seed functions --------------------------------------------------------------
ANY = st.one_of(st.sampled_from(BAD_NUMBERS + ["", "relu", "valid", float("-inf"), -0.0, 1e-300,
                                               np.float64(2.0), np.int64(3), np.nan]),
                st.integers(-5, 40), st.floats(allow_nan=True, allow_infinity=True),
                st.text(max_size=5), st.lists(st.integers(-2, 4), max_size=3))

SEED_FUNCTIONS = {
    "image_input_layer": (octakd.image_input_layer, 4),
    "text_input_layer": (octakd.text_input_layer, 2),
    "audio_input_layer": (octakd.audio_input_layer, 3),
    "conv2d_layer": (octakd.conv2d_layer, 4),
    "max_pool2d_layer": (octakd.max_pool2d_layer, 2),
    "dense_layer": (octakd.dense_layer, 2),
    "dropout_layer": (octakd.dropout_layer, 1),
    "softmax_layer": (octakd.softmax_layer, 1),
    "concatenate_layer": (octakd.concatenate_layer, 1),
    "new_network": (octakd.new_network, 1),
}


@FUZZ
@given(name=st.sampled_from(sorted(SEED_FUNCTIONS)), args=st.lists(ANY, min_size=0, max_size=4),
       open_branch=st.booleans())
def test_seed_layer_functions_accept_or_raise_octakd_errors(name, args, open_branch):
    octakd.new_network()
    if open_branch:
        octakd.image_input_layer(1, 1, 4, 4)
    fn, arity = SEED_FUNCTIONS[name]
    try:
        result = fn(*args[:arity])
    except OctakdError:
        return
    except TypeError as exc:      # Python's own "missing/too many arguments" is not ours to fix
        assert "positional argument" in str(exc), exc
        return
    # success: new_network gives a Network, every layer function the handle of a branch
    assert isinstance(result, Network if name == "new_network" else Branch), result


@pytest.fixture(scope="module")
def tiny():
    net = octakd.new_network("tiny")
    octakd.text_input_layer(1, 4)
    octakd.softmax_layer(2)
    X = np.random.default_rng(0).standard_normal((6, 4))
    y = np.array([0, 1, 0, 1, 1, 0])
    teacher = octakd.train_model(X, y, 1, 0.01, network=net, verbose=False)
    return net, X, y, teacher


BAD_TRAIN_ARG = st.sampled_from([0, -1, 1, 2, 1.0, 2.5, float("nan"), float("inf"), "3", None, 10**30,
                                 True, -0.0, 1e-300, 1e300, [1], 0.5, 0.01])


@st.composite
def train_arguments(draw):
    """Two in three argument sets are valid (training must succeed), one in three is anything."""
    if draw(st.integers(0, 2)) < 2:
        return {"epochs": draw(st.integers(1, 3)), "lr": draw(st.sampled_from([1e-3, 0.01, 0.1, 1])),
                "batch": draw(st.integers(1, 8)), "T": draw(st.sampled_from([0.5, 1, 4.0, 20])),
                "alpha": draw(st.sampled_from([0, 0.1, 0.5, 0.9, 1.0])), "labels": "ok"}
    return {"epochs": draw(BAD_TRAIN_ARG), "lr": draw(BAD_TRAIN_ARG), "batch": draw(BAD_TRAIN_ARG),
            "T": draw(BAD_TRAIN_ARG), "alpha": draw(BAD_TRAIN_ARG),
            "labels": draw(st.sampled_from(["ok", "1-based", "short", "float", "str"]))}


def test_train_model_arguments_accept_or_raise_octakd_errors(tiny):
    """Every call trains or raises an OctakdError; at least 40 % must train, and a trained model
    has one finite history row per iteration."""
    net, X, y, teacher = tiny
    outcomes = Counter()

    @FUZZ_SLOW
    @given(args=train_arguments(), distill=st.booleans())
    def fuzz(args, distill):
        epochs = args["epochs"]
        y_in = {"ok": y, "1-based": y + 1, "short": y[:3], "float": y + 0.5, "str": "labels"}[args["labels"]]
        if isinstance(epochs, (int, float)) and not isinstance(epochs, bool) and math.isfinite(epochs) \
                and epochs > 3:
            epochs = 3                 # a valid but huge epoch count would only take long
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = octakd.train_model(X, y_in, epochs, args["lr"], teacher if distill else None,
                                           network=net, batch_size=args["batch"], temperature=args["T"],
                                           alpha=args["alpha"], verbose=False)
        except OctakdError:
            outcomes["refused"] += 1
            return
        per_epoch = -(-len(y) // model.settings["batch_size"])
        assert len(model.history) == int(epochs) * per_epoch
        assert all(math.isfinite(row["loss"]) for row in model.history)
        assert model.settings["distilled"] == distill
        outcomes["ok"] += 1

    fuzz()
    total = sum(outcomes.values())
    assert total >= 40 and outcomes["ok"] >= 0.4 * total and outcomes["refused"] > 0, outcomes


@st.composite
def inference_inputs(draw):
    """(inputs, number of samples): mostly valid ones (arrays or strings for the text input)."""
    k = draw(st.integers(1, 4))
    choice = draw(st.integers(0, 3))
    if choice == 0:
        dtype = draw(st.sampled_from(["float32", "float64"]))
        return np.random.default_rng(k).standard_normal((k, 4)).astype(dtype), k
    if choice == 1:
        return draw(st.lists(st.text(max_size=6), min_size=k, max_size=k)), k
    if choice == 2:
        return [np.random.default_rng(k).standard_normal((k, 4))], k
    bad = st.one_of(st.sampled_from([None, "text", 3, [], {}, {"text": None}, [None], ["a", 1]]),
                    arrays())
    return draw(bad), 1


def test_inference_functions_accept_or_raise_octakd_errors(tiny):
    """predict, evaluate and calculate_distillation_loss succeed with the right values, or raise
    an OctakdError; at least half of the cases must succeed."""
    _, _, _, model = tiny
    outcomes = Counter()

    @FUZZ_SLOW
    @given(case=inference_inputs(), fn=st.sampled_from(["predict", "evaluate", "calculate_distillation_loss"]),
           batch=st.one_of(st.integers(1, 5), st.integers(1, 5), st.sampled_from([256, 0, -1, "a", 2.5, None])))
    def fuzz(case, fn, batch):
        inputs, n = case
        labels = [i % 2 for i in range(n)]
        try:
            if fn == "predict":
                p = octakd.predict(model, inputs, batch_size=batch)
                assert p.shape == (n, 2) and np.all(np.isfinite(p))
                np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-5)
            elif fn == "evaluate":
                acc = octakd.evaluate(model, inputs, labels, batch_size=batch)
                p = octakd.predict(model, inputs)
                assert acc == pytest.approx(np.mean(p.argmax(axis=1) == labels))
            else:
                loss = octakd.calculate_distillation_loss(model, model, inputs, labels)
                # against itself the soft term is 0: the loss is (1 - alpha) * cross-entropy
                p = octakd.predict(model, inputs).astype(np.float64)
                ce = -np.mean(np.log(p[np.arange(n), labels]))
                assert loss.soft == pytest.approx(0.0, abs=1e-5)
                assert float(loss) == pytest.approx((1 - loss.alpha) * ce, rel=1e-3, abs=1e-6)
        except OctakdError:
            outcomes["refused"] += 1
            return
        outcomes["ok"] += 1

    fuzz()
    total = sum(outcomes.values())
    assert total >= 40 and outcomes["ok"] >= 0.5 * total and outcomes["refused"] > 0, outcomes
