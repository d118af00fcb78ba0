"""Load a user's layer file: ``octakd run script.m --layers mylayers.py`` and ``octakd port``.

A layer file is an ordinary Python module that defines Layer subclasses and registers them
with ``octakd.register_layer`` (a call or a class decorator). Importing it makes each
registered class known to ``load_model`` and checkpoints, and its ``seed_name`` a function of
``from octakd import *``, so a translated Octave script can call it::

    # mylayers.py                          % net.m
    import numpy as np, octakd             text_input_layer(1, 5);
    from octakd.layers import Layer        tanh_layer();
                                           softmax_layer(3);
    @octakd.register_layer
    class Tanh(Layer):
        seed_name = "tanh_layer"
        ...

    $ octakd run net.m --layers mylayers.py
"""
import importlib.util
import os
import sys
import traceback

from .errors import OctakdFileError, OctakdValueError

_loaded = {}          # absolute path -> (module, seed names it registered)


def registered_names(module_name):
    """The seed names of the layers that the module ``module_name`` registered."""
    import octakd
    return sorted(n for n in octakd.__all__
                  if getattr(getattr(octakd, n, None), "registered_class", None) is not None
                  and octakd.__dict__[n].registered_class.__module__ == module_name)


def load_layer_file(path, relative_to=None):
    """Import the layer file ``path`` (once per process) and return the seed names it registered.

    ``relative_to`` (a file, usually a ported script's ``__file__``) resolves a relative
    ``path`` against that file's folder instead of the working directory. The module is
    imported under its file name (``mylayers``) unless that name is taken by an imported or a
    standard-library module (a file named ``random.py`` must not shadow ``random``). Its folder
    is on ``sys.path`` while it runs, so it can import its neighbours. Raises OctakdFileError
    when the file is missing or not a ``.py`` file, and OctakdValueError when importing it
    fails or it registers no layer (the message says how to register one).
    """
    path = os.fspath(path)
    if relative_to is not None and not os.path.isabs(path):
        path = os.path.join(os.path.dirname(os.path.abspath(relative_to)), path)
    full = os.path.abspath(path)
    if full in _loaded:
        return _loaded[full][1]
    if not full.endswith(".py"):
        raise OctakdFileError(f"--layers: expected a Python file (.py) that registers layers, got '{path}'")
    if not os.path.isfile(full):
        raise OctakdFileError(f"--layers: unable to find the layer file '{path}'")
    stem = os.path.splitext(os.path.basename(full))[0]
    taken = stem in sys.modules or stem in getattr(sys, "stdlib_module_names", ())
    name = stem if stem.isidentifier() and not taken else f"octakd_user_layers_{len(_loaded)}"
    spec = importlib.util.spec_from_file_location(name, full)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, os.path.dirname(full))
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        sys.modules.pop(name, None)
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == full]
        at = f"{path}:{frames[-1].lineno}: " if frames else f"{path}: "
        raise OctakdValueError(f"--layers: {at}importing the layer file raised "
                               f"{type(exc).__name__}: {exc}") from None
    finally:
        sys.path.remove(os.path.dirname(full))
    names = registered_names(name)
    if not names:
        sys.modules.pop(name, None)
        raise OctakdValueError(
            f"--layers: '{path}' registered no layer; register each class the script calls, e.g. "
            f"octakd.register_layer(MyLayer) after the class, or @octakd.register_layer above it "
            f"(the class needs seed_name = 'my_layer', the name the script calls)")
    _loaded[full] = (module, names)
    return names
