"""Assignment "distillation" (Hinton, Vinyals and Dean, 2015).

    L = alpha * T^2 * KL(softmax(t / T) || softmax(s / T)) + (1 - alpha) * CE(y, softmax(s))

s (N, K) are the student's logits, t (N, K) the teacher's, y (N,) integer labels; KL is summed
over classes and averaged over the batch, CE averaged over the batch. The T^2 factor keeps the
soft term's gradient (which scales as 1/T^2) comparable across temperatures.
"""
import numpy as np


def softmax_t(logits, T=1.0):
    """softmax(logits / T) along the last axis, stable for large logits. Returns (N, K)."""
    ### BEGIN SOLUTION
    z = logits / T
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
    ### END SOLUTION


def distillation_loss(student_logits, teacher_logits, labels, T=4.0, alpha=0.9):
    """The loss above and its gradient with respect to the student's logits:

        dL/ds = alpha * T * (q - p) / N + (1 - alpha) * (softmax(s) - onehot(y)) / N
    with p = softmax(t/T), q = softmax(s/T). Returns (loss as a float, dL/ds (N, K))."""
    ### BEGIN SOLUTION
    N = student_logits.shape[0]
    p, q = softmax_t(teacher_logits, T), softmax_t(student_logits, T)
    logq = np.log(np.maximum(q, 1e-300))
    logp = np.log(np.maximum(p, 1e-300))
    kl = float(np.sum(p * (logp - logq)) / N)
    ps = softmax_t(student_logits, 1.0)
    ce = float(-np.mean(np.log(np.maximum(ps[np.arange(N), labels], 1e-300))))
    onehot = np.zeros_like(ps)
    onehot[np.arange(N), labels] = 1
    loss = alpha * T * T * kl + (1 - alpha) * ce
    grad = alpha * T * (q - p) / N + (1 - alpha) * (ps - onehot) / N
    return loss, grad
    ### END SOLUTION


def train_student(net, inputs, teacher_logits, labels, epochs=15, lr=0.1, T=4.0, alpha=0.9,
                  batch_size=32, seed=0):
    """Train ``net`` (an octakd Network, already built) by plain SGD on distillation_loss.

    For each epoch, visit the samples in a random order (np.random.default_rng(seed)) in
    mini-batches; for each batch: logits = net.forward([x], training=True), loss and gradient
    from distillation_loss, net.backward(grad), then for every (layer, key) in net.parameters()
    layer.params[key] -= lr * layer.grads[key]. Returns net."""
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    n = len(labels)
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            logits = net.forward([inputs[idx]], training=True)
            _, grad = distillation_loss(logits, teacher_logits[idx], labels[idx], T, alpha)
            net.backward(grad.astype(logits.dtype))
            for layer, key in net.parameters():
                layer.params[key] -= lr * layer.grads[key]
    return net
    ### END SOLUTION
