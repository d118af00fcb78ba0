"""When the lean path (lean.py) uses more than one thread, and for what.

kernels/threads.py has the mechanisms (splitting a batch between threads, running tasks
together, holding BLAS at one thread); this module decides, from a network's shapes:

- **branches in parallel**: a multimodal network's input branches (the demo's image, text and
  audio towers) are independent until they meet (a Concatenate), so their steps can run at the
  same time, forward and backward, one group of branches per thread. Two hand-offs per
  training step, whatever the batch: this is what makes two threads pay at batch 32, where
  each conv alone is too small to split.
- **BLAS held at one thread** for a whole train_model / predict / evaluate call when the
  network's convs outweigh its dense layers and our threads will be used (branches in
  parallel, or convs big enough to split). Held, because an OpenBLAS call on two threads
  anywhere in the loop (a dense layer, a gradient norm) leaves OpenBLAS's idle threads spinning
  for about 0.1 s on the cores our threads need. A dense-heavy network (the seed listing's
  283 M-weight layer) keeps its threaded BLAS and none of this applies.

Nothing here changes arithmetic: every step runs the same kernels on the same data in the same
order within its branch, so results are the same bits as on one thread.
"""
import weakref

from .kernels import threads
from .layers import Conv2D, Dense, Softmax

# A branch group must have at least this much work (threads.split_cost units) for the hand-off
# to a thread (about 80 µs on the 2-core benchmark machine) to pay. Measured at 2 threads,
# batch 32: the demo teacher's image and audio towers (15 M each) went from 0.65-0.72 to
# 0.49-0.53 s per epoch; the student's (1.1 M each) from 0.08-0.09 to 0.12 s, a loss.
BRANCH_MIN_COST = 1 << 22

_decisions = weakref.WeakKeyDictionary()      # network -> {batch: bool}


def origins(net):
    """For each node of ``net``: the index of the one input node all its inputs come from, or
    None for nodes that mix inputs (a Concatenate and everything after it)."""
    origin = []
    for i, layer in enumerate(net.layers):
        if layer.is_input:
            origin.append(i)
            continue
        ps = {origin[p] for p in net.parents[i]}
        origin.append(ps.pop() if len(ps) == 1 else None)
    return origin


def node_costs(net, N):
    """The work of each node for a batch of N: a conv's threads.split_cost, a dense layer's
    multiply-adds N * inputs * outputs, 0 for the rest (cheap next to those)."""
    costs = []
    for layer in net.layers:
        cost = 0
        if isinstance(layer, Conv2D) and layer.input_shape is not None:
            F, C, kh, kw = layer.params["W"].shape
            _, (Ho, Wo) = layer._geometry(layer.input_shape)
            cost = threads.split_cost(N, C * kh * kw, F, Ho * Wo)
        elif isinstance(layer, (Dense, Softmax)) and layer.input_shape is not None:
            cost = N * (layer.dense if isinstance(layer, Softmax) else layer).params["W"].size
        costs.append(cost)
    return costs


def _branch_costs(net, N):
    """{input node: the work of its branch} for a batch of N."""
    totals = {}
    for origin, cost in zip(origins(net), node_costs(net, N)):
        if origin is not None:
            totals[origin] = totals.get(origin, 0) + cost
    return totals


def wants_threads(net, N):
    """Whether batches of N of ``net`` use our threads (and so hold BLAS at one thread): its
    convs outweigh its dense layers, and either two branches have BRANCH_MIN_COST of work or
    a conv is big enough to split (threads.MIN_SPLIT_COST). Cached per network and N."""
    per_net = _decisions.setdefault(net, {})
    if N not in per_net:
        costs = list(zip(net.layers, node_costs(net, N)))
        convs = [c for layer, c in costs if isinstance(layer, Conv2D)]
        dense = sum(c for layer, c in costs if isinstance(layer, (Dense, Softmax)))
        branches = sorted(_branch_costs(net, N).values(), reverse=True)
        parallel = len(branches) >= 2 and branches[1] >= BRANCH_MIN_COST
        split = bool(convs) and max(convs) >= threads.MIN_SPLIT_COST
        per_net[N] = sum(convs) > 0 and sum(convs) >= dense and (parallel or split)
    return per_net[N]


def hold(net, N):
    """The context of a whole train_model (N = its batch size) or predict call:
    threads.hold_blas() when batches of N of ``net`` use our threads, else threads.serial()
    (BLAS keeps its threads, and the kernels do not split: a split next to threaded BLAS
    calls loses more to OpenBLAS's spinning idle threads than it gains)."""
    return threads.hold_blas() if wants_threads(net, N) else threads.serial()


def branch_groups(steps, net, N, parts):
    """The steps of the input branches, in ``parts`` groups of whole branches to run at the
    same time (each group's steps in their plan order), balanced by work (largest branch first
    into the lightest group); None when fewer than two groups would have BRANCH_MIN_COST of
    work, or when ``net`` does not use our threads at batch N."""
    if parts < 2 or not wants_threads(net, N):
        return None
    origin, costs = origins(net), _branch_costs(net, N)
    groups = [[] for _ in range(parts)]
    loads = [0] * parts
    for k in sorted(costs, key=costs.get, reverse=True):
        g = loads.index(min(loads))
        groups[g].append(k)
        loads[g] += costs[k]
    if sum(load >= BRANCH_MIN_COST for load in loads) < 2:
        return None
    where = {k: g for g, ks in enumerate(groups) for k in ks}
    out = [[] for _ in range(parts)]
    for step in steps:
        k = origin[step.index]
        if k is not None:
            out[where[k]].append(step)
    return [g for g in out if g]


def head(steps, net):
    """The steps after the branches meet (origin None), in plan order."""
    origin = origins(net)
    return [step for step in steps if origin[step.index] is None]
