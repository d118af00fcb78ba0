"""The model: a small DAG of layers with several inputs and one softmax output.

Nodes are kept in the order they were added, which is a topological order (a layer can only
take branches that already exist). ``forward`` walks the nodes in that order and ``backward``
in reverse, adding up the gradient of every node output that feeds more than one layer.

    net = Network("teacher")
    img = net.add(ImageInput(1, 3, 32, 32))
    img = net.add(Conv2D(8, 3, 3), img)
    txt = net.add(TextInput(1, 50))
    merged = net.add(Concatenate(), [img, txt])
    net.add(Softmax(10), merged)
    net.build(seed=0)
    logits = net.forward([images, texts])          # (N, 10)

The same network is what the seed-style functions build behind the scenes (builder.py).
"""
import copy
import warnings

import numpy as np

from .errors import NetworkError, OctakdError, OctakdTypeError, ShapeError, describe
from .layers import Softmax
from .layers.base import Layer
from .losses import softmax
from .validate import optional_name


class Branch:
    """A handle to the output of one node: what ``img_branch = relu_layer()`` holds."""

    def __init__(self, network, index):
        self.network = network
        self.index = index

    @property
    def layer(self):
        return self.network.layers[self.index]

    def __repr__(self):
        return f"<branch ending at {self.layer.name} of network {self.network.name!r}>"


def _accepts(layer, item):
    """Whether the input layer would take ``item`` (used only to explain an error)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            layer.forward(item, training=False)
        return True
    except OctakdError:
        return False


class Network:
    """A DAG of layers. Also the trained model: it then carries params, history and settings."""

    def __init__(self, name=None):
        self.name = optional_name(name, "new_network") or "network"
        self.layers = []
        self.parents = []                  # parents[i]: indices of the nodes layer i reads
        self.dtype = np.dtype(np.float32)
        self.history = []                  # one dict per logged training iteration
        self.settings = {}                 # how the model was trained
        self.input_order = None            # modalities of the inputs list it was trained on
        self._built = False

    # -- construction ---------------------------------------------------------------------
    def add(self, layer, inputs=None):
        """Append ``layer`` reading from ``inputs`` (a Branch, or a list of them for
        Concatenate; nothing for an input layer). Returns a Branch for the new node."""
        where = layer.seed_name
        if self.ended:
            raise NetworkError(f"{where}: network {self.name!r} already ends with softmax_layer; "
                               f"start another with new_network()")
        if layer.is_input:
            if inputs is not None:
                raise NetworkError(f"{where}: an input layer takes no input branch")
            parents = []
            layer.position = len(self.input_indices) + 1
        else:
            branches = inputs if isinstance(inputs, (list, tuple)) else [inputs]
            if inputs is None or len(branches) == 0:
                raise NetworkError(f"{where}: no input branch; open one first with an input layer "
                                   f"such as image_input_layer(...)")
            for b in branches:
                if not isinstance(b, Branch):
                    raise NetworkError(f"{where}: expected branch handles (what the layer functions "
                                       f"return), got {describe(b)}")
                if b.network is not self:
                    raise NetworkError(f"{where}: {b} belongs to another network")
            if len(branches) > 1 and not getattr(layer, "multi_input", False):
                raise NetworkError(f"{where}: only layers that join branches (concatenate_layer, "
                                   f"addition_layer) take several branches")
            if not hasattr(layer, "params") or not hasattr(layer, "grads"):
                raise NetworkError(f"{where}: {type(layer).__name__} has no params/grads; its "
                                   f"__init__ must call super().__init__()")
            parents = [b.index for b in branches]
        count = sum(type(l) is type(layer) for l in self.layers) + 1
        layer.name = f"{layer.seed_name}_{count}"
        self.layers.append(layer)
        self.parents.append(parents)
        self._built = False
        return Branch(self, len(self.layers) - 1)

    @property
    def ended(self):
        return bool(self.layers) and isinstance(self.layers[-1], Softmax)

    @property
    def input_indices(self):
        return [i for i, l in enumerate(self.layers) if l.is_input]

    @property
    def input_layers(self):
        return [self.layers[i] for i in self.input_indices]

    @property
    def modalities(self):
        return [l.modality for l in self.input_layers]

    @property
    def num_classes(self):
        self._require_end("num_classes")
        return self.layers[-1].classes

    def _require_end(self, where):
        if not self.layers:
            raise NetworkError(f"{where}: the network {self.name!r} is empty; build it with the layer "
                               f"functions (image_input_layer, ..., softmax_layer)")
        if not self.ended:
            raise NetworkError(f"{where}: the network {self.name!r} does not end with softmax_layer(K) "
                               f"yet; add it to give the number of classes")

    def check(self, where="network"):
        """Every node must reach the output: a branch left out of concatenate_layer is an error."""
        self._require_end(where)
        used = {len(self.layers) - 1}
        for i in range(len(self.layers) - 1, -1, -1):
            if i in used:
                used.update(self.parents[i])
        for i, layer in enumerate(self.layers):
            if i not in used:
                raise NetworkError(f"{where}: {layer.name} is not connected to the output; "
                                   f"include its branch in concatenate_layer([...])")

    def build(self, dtype=np.float32, seed=0, *, init=None):
        """Infer every shape from the input layers and create the parameters (He/Glorot init
        from ``seed``). Returns self. ``init`` replaces the random generator given to every
        layer: load_model passes one that draws zeros without work, since it overwrites the
        weights anyway."""
        self.check("build")
        self.dtype = np.dtype(dtype)
        shapes = []
        for i, layer in enumerate(self.layers):
            rng = np.random.default_rng([seed, i]) if init is None else init
            if layer.is_input:
                layer.build(None, self.dtype)
                shapes.append(layer.output_shape())
                continue
            in_shape = [shapes[p] for p in self.parents[i]]
            in_shape = in_shape if layer.multi_input else in_shape[0]
            layer.build(in_shape, self.dtype, rng)
            if hasattr(layer, "rng"):
                layer.rng = np.random.default_rng([seed, i, 1])
            shapes.append(layer.output_shape(in_shape))
        self.shapes = shapes
        self._built = True
        return self

    @property
    def built(self):
        return self._built

    def reseed_dropout(self, seed):
        for i, layer in enumerate(self.layers):
            if hasattr(layer, "rng"):
                layer.rng = np.random.default_rng([seed, i, 1])

    # -- inputs -----------------------------------------------------------------------------
    def arrange_inputs(self, inputs, where="forward", order=None):
        """Return one entry per input layer, in the order the input layers were created.

        - a dict is matched by modality ('image', 'text', 'audio') or input-layer name;
        - a list or tuple with one entry per input layer is taken in order;
        - a list in the order ``order`` (a list of modalities, e.g. a teacher's) is matched by
          modality, so a single-modality student picks its own entry and ignores the rest;
        - a network with one input also takes the data itself.
        """
        layers = self.input_layers
        if isinstance(inputs, dict):
            picked = []
            for layer in layers:
                for key in (layer.name, layer.modality):
                    if key in inputs:
                        picked.append(inputs[key])
                        break
                else:
                    raise ShapeError(f"{where}: no input for {layer.name}; the dict has keys "
                                     f"{sorted(inputs)}, expected {layer.modality!r}")
            return picked
        order = order if order is not None else self.input_order
        if isinstance(inputs, (list, tuple)):
            if len(inputs) == len(layers) and (order is None or len(order) != len(inputs)
                                               or list(order) == self.modalities):
                return list(inputs)
            if order is not None and len(inputs) == len(order):
                return self._pick_by_modality(inputs, order, where)
            if len(layers) == 1 and len(inputs) == 1:
                return list(inputs)
            if len(layers) == 1 and _mixed_kinds(inputs):
                raise ShapeError(
                    f"{where}: expected 1 input ({layers[0].seed_name}), got a list of "
                    f"{len(inputs)} entries of different kinds, which looks like a multimodal "
                    f"inputs list; pass a dict such as {{'{layers[0].modality}': x}}, or train "
                    f"with teacher_model so the model knows the teacher's input order")
        if len(layers) == 1 and not (isinstance(inputs, (list, tuple)) and len(inputs) == 0):
            return [inputs]
        got = len(inputs) if isinstance(inputs, (list, tuple)) else 1
        names = ", ".join(l.seed_name for l in layers)
        raise ShapeError(f"{where}: expected {len(layers)} input(s), one per input layer in the order "
                         f"they were created ({names}), got {got}")

    def convert_input(self, k, data, training=False):
        """Input layer ``k`` converts ``data[k]`` (the arranged inputs). When it refuses, and the
        entry would fit another input layer, the error says so: the inputs are probably in the
        wrong order."""
        return self._convert_input(self.input_layers, k, data, training)

    def _convert_input(self, layers, k, data, training=False):
        try:
            return layers[k].forward(data[k], training)
        except (ShapeError, OctakdTypeError) as exc:
            fits = [j for j in range(len(layers)) if j != k and _accepts(layers[j], data[k])]
            if not fits:
                raise
            j = fits[0]
            order = ", ".join(l.modality for l in layers)
            raise type(exc)(f"{exc}. This entry fits {layers[j].where} instead: give the inputs in "
                            f"the order the input layers were created, [{order}]") from None

    def convert_inputs(self, data):
        """All arranged inputs through their input layers (inference mode)."""
        layers = self.input_layers
        return [self._convert_input(layers, k, data) for k in range(len(layers))]

    def _pick_by_modality(self, inputs, order, where):
        picked = []
        seen = {}                       # modality -> how many input layers of it came before
        for layer in self.input_layers:
            slots = [k for k, m in enumerate(order) if m == layer.modality]
            rank = seen.get(layer.modality, 0)
            seen[layer.modality] = rank + 1
            if rank >= len(slots):
                raise ShapeError(f"{where}: the inputs (ordered {list(order)}) have no "
                                 f"{layer.modality} entry for {layer.name}")
            picked.append(inputs[slots[rank]])
        return picked

    # -- forward and backward -------------------------------------------------------------
    def forward(self, inputs, training=False, output_index=None):
        """Run every layer in order; return the logits (N, K) of the softmax layer.

        ``training`` turns dropout on. Inputs are converted by the input layers (see
        layers/inputs.py) to the network's dtype. With ``output_index`` the walk stops at that
        node and returns its output instead."""
        if not self._built:
            raise NetworkError(f"forward: network {self.name!r} has no weights yet; "
                               f"call build() or train_model(...)")
        data = self.arrange_inputs(inputs, "forward")
        outputs = [None] * len(self.layers)
        k = 0
        for i, layer in enumerate(self.layers):
            if layer.is_input:
                outputs[i] = self.convert_input(k, data, training)
                k += 1
            elif layer.multi_input:
                outputs[i] = layer.forward([outputs[p] for p in self.parents[i]], training)
            elif isinstance(layer, Softmax):
                outputs[i] = layer.forward_logits(outputs[self.parents[i][0]], training)
            else:
                outputs[i] = layer.forward(outputs[self.parents[i][0]], training)
            if i == output_index:
                return outputs[i]
        batch = {outputs[i].shape[0] for i in self.input_indices}
        if len(batch) > 1:
            sizes = [outputs[i].shape[0] for i in self.input_indices]
            raise ShapeError(f"forward: the inputs have different numbers of samples {sizes}")
        return outputs[-1]

    def backward(self, dlogits):
        """Backpropagate dL/dlogits through every layer (reverse order), setting each layer's
        grads. Returns dL/d(input) for each input layer."""
        grads = [None] * len(self.layers)
        grads[-1] = dlogits
        d_inputs = []
        for i in range(len(self.layers) - 1, -1, -1):
            layer, dy = self.layers[i], grads[i]
            if layer.is_input:
                d_inputs.append(dy)
                continue
            dx = layer.backward_logits(dy) if isinstance(layer, Softmax) else layer.backward(dy)
            pieces = dx if layer.multi_input else [dx]
            for p, piece in zip(self.parents[i], pieces):
                grads[p] = piece if grads[p] is None else grads[p] + piece
        return d_inputs[::-1]

    def _chain_check(self, start):
        for i in range(start + 1, len(self.layers)):
            if self.parents[i] != [i - 1]:
                raise NetworkError(f"forward_from: nodes {start}.. are not a simple chain")

    def forward_from(self, start, x, training=False):
        """Run the chain of nodes ``start``..end (the trunk's tail) on ``x``, the input of node
        ``start``; return the logits."""
        self._chain_check(start)
        for layer in self.layers[start:]:
            x = layer.forward_logits(x, training) if isinstance(layer, Softmax) else layer.forward(x, training)
        return x

    def backward_to(self, start, dlogits):
        """Backward through nodes end..``start`` only (after forward_from); returns dL/dx of
        node ``start``'s input."""
        d = dlogits
        for layer in reversed(self.layers[start:]):
            d = layer.backward_logits(d) if isinstance(layer, Softmax) else layer.backward(d)
        return d

    def predict_proba(self, inputs):
        """Class probabilities (N, K) with dropout off."""
        return softmax(self.forward(inputs, training=False))

    # -- parameters ------------------------------------------------------------------------
    def parameters(self):
        """[(layer, key)] for every parameter array, in a fixed order."""
        return [(layer, key) for layer in self.layers for key in sorted(layer.params)]

    @property
    def num_params(self):
        return int(sum(layer.num_params for layer in self.layers))

    def get_flat_params(self, dtype=np.float64):
        """All parameters as one vector (for scipy.optimize and gradient checks)."""
        return np.concatenate([layer.params[k].ravel() for layer, k in self.parameters()]).astype(dtype)

    def get_flat_grads(self, dtype=np.float64):
        """All gradients from the last backward, in the order of get_flat_params."""
        return np.concatenate([layer.grads[k].ravel() for layer, k in self.parameters()]).astype(dtype)

    def set_flat_params(self, vector):
        """Copy a vector made like get_flat_params back into the parameter arrays (in place)."""
        vector = np.asarray(vector)
        if vector.shape != (self.num_params,):
            raise ShapeError(f"set_flat_params: expected a vector of {self.num_params} values, "
                             f"got shape {vector.shape}")
        start = 0
        for layer, key in self.parameters():
            p = layer.params[key]
            p[...] = vector[start:start + p.size].reshape(p.shape)
            start += p.size

    def astype(self, dtype):
        """Convert the parameters (and later inputs) to ``dtype``, e.g. float64 for gradient
        checks. Returns self."""
        dtype = np.dtype(dtype)
        if dtype not in (np.float32, np.float64):
            raise OctakdTypeError(f"astype: expected float32 or float64, got {dtype}")
        self.dtype = dtype
        for layer in self.layers:
            for key in list(layer.params):
                layer.params[key] = layer.params[key].astype(dtype)
            for key in list(getattr(layer, "buffers", {})):
                layer.buffers[key] = layer.buffers[key].astype(dtype)
            if getattr(layer, "dense", None) is not None:
                layer.dense.params = layer.params
            layer.reset_grads()
            if layer.is_input:
                layer.dtype = dtype
        return self

    def release_memory(self):
        """Drop what backward left behind (gradients become lazy zeros, forward caches go)."""
        for layer in self.layers:
            for key in Layer.FORWARD_CACHE:
                layer.__dict__.pop(key, None)
            layer.reset_grads()

    def clone(self, name=None):
        """A deep copy (layers, weights, history); the copy shares nothing with self. Gradients
        and forward caches are not copied (see Layer.__getstate__)."""
        twin = copy.deepcopy(self)
        if name is not None:
            twin.name = name
        return twin

    def summary(self):
        """A table of layers, output shapes and parameter counts."""
        rows = [f"Network {self.name!r}", f"{'layer':<24}{'input from':<28}{'output shape':<22}{'params':>12}"]
        for i, layer in enumerate(self.layers):
            src = ", ".join(self.layers[p].name for p in self.parents[i]) or "-"
            shape = str(self.shapes[i]) if self._built else "?"
            rows.append(f"{layer.name:<24}{src[:27]:<28}{shape:<22}{layer.num_params:>12,}")
        rows.append(f"{'total':<74}{self.num_params:>12,}")
        return "\n".join(rows)

    def __repr__(self):
        state = f"{self.num_params:,} parameters" if self._built else "not built"
        return f"<octakd Network {self.name!r}: {len(self.layers)} layers, {state}>"


def _mixed_kinds(items):
    """True when a list mixes strings and arrays, or arrays of different shapes: not a batch
    of samples of one modality (those are all strings, or arrays of one shape)."""
    kinds = {x.shape if isinstance(x, np.ndarray) else type(x).__name__ for x in items}
    return len(kinds) > 1
