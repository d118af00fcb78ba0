"""Every optional argument of every seed layer function is positional too, in the documented
order, so a ported Octave script (which has no keywords) can pass it."""
import inspect

import numpy as np
import pytest

import octakd
from octakd import conv2d_layer, current_network, image_input_layer, new_network, softmax_layer

SEED_LAYER_FUNCTIONS = {
    "image_input_layer": ["batch", "channels", "height", "width"],
    "text_input_layer": ["batch", "features"],
    "audio_input_layer": ["batch", "channels", "samples"],
    "conv2d_layer": ["filters", "kh", "kw", "padding", "stride"],
    "relu_layer": [],
    "max_pool2d_layer": ["pool", "stride"],
    "dense_layer": ["units", "activation"],
    "dropout_layer": ["p"],
    "concatenate_layer": ["branches"],
    "softmax_layer": ["classes"],
}


@pytest.mark.parametrize("name", sorted(SEED_LAYER_FUNCTIONS))
def test_signature_is_positional_in_the_documented_order(name):
    params = list(inspect.signature(getattr(octakd, name)).parameters.values())
    assert [p.name for p in params] == SEED_LAYER_FUNCTIONS[name]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params)


@pytest.mark.parametrize("stride, pair, expected_hw", [(2, (2, 2), (4, 4)), ((1, 2), (1, 2), (8, 4)),
                                                       (np.array([[2.0, 1.0]]), (2, 1), (4, 8))])
def test_conv2d_layer_stride_is_the_fifth_positional_argument(stride, pair, expected_hw):
    """conv2d_layer(4, 3, 3, 'same', 2) as an Octave script writes it (stride also as [sh sw],
    which a ported script passes as a 1 x 2 array)."""
    new_network()
    image_input_layer(1, 3, 8, 8)
    conv2d_layer(4, 3, 3, 'same', stride)
    softmax_layer(2)
    net = current_network()
    conv = net.layers[1]
    assert conv.stride == pair
    assert conv.output_shape((3, 8, 8)) == (4, *expected_hw)


def test_octave_script_passes_the_stride(tmp_path):
    from octakd.port.emit import run_file
    script = tmp_path / "strided.m"
    script.write_text("x = rand(2, 3, 8, 8);\n"
                      "b = image_input_layer(1, 3, 8, 8);\n"
                      "b = conv2d_layer(4, 3, 3, 'same', 2);\n"
                      "b = conv2d_layer(4, 3, 3, 'valid', [1 2]);\n"
                      "out = softmax_layer(3);\n")
    ns = run_file(script)
    layers = octakd.current_network().layers
    assert layers[1].stride == (2, 2) and layers[2].stride == (1, 2)
    assert layers[2].output_shape(layers[1].output_shape((3, 8, 8))) == (4, 2, 1)
    assert ns is not None
