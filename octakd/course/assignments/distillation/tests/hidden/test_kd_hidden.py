"""Hidden tests of assignment "distillation": values against octakd and a trained student."""
import numpy as np

from octakd.course.checks import assert_close, points
from octakd.losses import distillation_loss as reference_loss
from kd import distillation_loss, train_student

rng = np.random.default_rng(99)


@points(3)
def test_loss_matches_reference():
    """distillation_loss equals octakd's at T in {1, 4, 20} (the T^2 factor included)"""
    s, t = rng.standard_normal((6, 10)) * 3, rng.standard_normal((6, 10)) * 3
    y = rng.integers(0, 10, 6)
    for T in (1.0, 4.0, 20.0):
        loss, grad = distillation_loss(s, t, y, T, 0.8)
        rloss, rgrad = reference_loss(s, t, y, T, 0.8)
        assert abs(loss - rloss) <= 1e-9 * max(1.0, abs(rloss)), f"T={T}: loss {loss}, expected {rloss}"
        assert_close(grad, rgrad, f"the gradient at T={T}")


@points(4)
def test_student_learns_from_teacher():
    """train_student: a small student distilled from a teacher reaches 35 % on held-out digits"""
    from octakd import datasets
    from octakd.layers import Dense, ImageInput, Softmax
    from octakd.network import Network
    from octakd.training import evaluate, train_model

    def mlp(hidden):
        net = Network("mlp")
        b = net.add(ImageInput(1, 1, 16, 16))
        b = net.add(Dense(hidden, "relu"), b)
        net.add(Softmax(10), b)
        return net

    data = datasets.make_multimodal_digits(1200, seed=0)
    X, y, Xt, yt = data.image[:900], data.labels[:900], data.image[900:], data.labels[900:]
    teacher = train_model([X], y, 8, 0.01, network=mlp(64), verbose=False)
    student = mlp(16).build(np.float32, 0)
    student = train_student(student, X, teacher.forward([X]), y, epochs=15, lr=0.1)
    acc = evaluate(student, [Xt], yt)
    assert acc >= 0.35, f"the student reached {acc:.1%} on held-out samples; expected at least 35 %"
