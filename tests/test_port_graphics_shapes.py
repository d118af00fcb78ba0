"""fill, patch, area, pie, barh and polar in `octakd run`, checked on the pictures they make
(areas and colours measured in pixels, against what the data says they must be)."""
import numpy as np
import pytest

from octakd.port.cli import main as port_main

pytest.importorskip("matplotlib")
from PIL import Image  # noqa: E402


def run(tmp_path, text, name="script.m"):
    (tmp_path / name).write_text(text)
    return port_main(["run", str(tmp_path / name)])


def rgb_of(path):
    return np.asarray(Image.open(path).convert("RGB")).astype(int)


def pixels_of(rgb, colour, tol=30):
    return int((np.abs(rgb - np.array(colour)).max(axis=2) <= tol).sum())


def test_fill_draws_each_polygon_in_its_colour(tmp_path):
    text = ("fill([0 1 1 0], [0 0 1 1], 'r', [2 3 3 2], [0 0 1 1], [0 0 1]);\n"
            "axis([0 3 0 1]);\n")
    assert run(tmp_path, text) == 0
    rgb = rgb_of(tmp_path / "figure1.png")
    red, blue = pixels_of(rgb, (255, 0, 0)), pixels_of(rgb, (0, 0, 255))
    assert red > 5000 and blue > 5000
    assert 0.8 < red / blue < 1.25          # two unit squares: the same area


def test_pie_slices_are_proportional_to_the_values(tmp_path):
    """pie([1 3]): the second slice is three times the first (areas in pixels)."""
    assert run(tmp_path, "pie([1 3]);\n") == 0
    rgb = rgb_of(tmp_path / "figure1.png")
    colours, counts = np.unique(rgb.reshape(-1, 3), axis=0, return_counts=True)
    big = sorted(((c, tuple(col)) for col, c in zip(colours, counts)
                  if tuple(col) != (255, 255, 255)), reverse=True)[:2]
    ratio = big[0][0] / big[1][0]
    assert 2.7 < ratio < 3.3, big


def test_area_fills_under_the_curve(tmp_path):
    """area(x, y) of a constant 2 over [1 3], axes [1 3 0 4]: half of the plot box is ink."""
    assert run(tmp_path, "area([1 2 3], [2 2 2]);\naxis([1 3 0 4]);\n") == 0
    rgb = rgb_of(tmp_path / "figure1.png")
    colours, counts = np.unique(rgb.reshape(-1, 3), axis=0, return_counts=True)
    filled = max(c for col, c in zip(colours, counts) if tuple(col) != (255, 255, 255))
    box = rgb_of(tmp_path / "figure1.png").shape[0] * rgb.shape[1] * 0.6   # about the box
    assert 0.3 * box < filled < 0.75 * box


def test_barh_bar_lengths_follow_the_values(tmp_path):
    assert run(tmp_path, "barh([1 3], 'r');\nxlim([0 3]);\n") == 0
    rgb = rgb_of(tmp_path / "figure1.png")
    colours, counts = np.unique(rgb.reshape(-1, 3), axis=0, return_counts=True)
    mask = np.abs(rgb - np.array([255, 0, 0])).max(axis=2) <= 30      # the red of 'r'
    assert mask.sum() > 2000
    lengths = sorted({int(row.sum()) for row in mask if row.sum() > 0})
    assert 2.7 < lengths[-1] / lengths[0] < 3.3


def test_polar_draws_red_in_polar_axes(tmp_path):
    text = "polar(linspace(0, 2*pi, 30), ones(1, 30), 'r');\n"
    assert run(tmp_path, text) == 0
    assert pixels_of(rgb_of(tmp_path / "figure1.png"), (255, 0, 0), tol=60) > 300


def test_a_flat_plot_after_surf_or_polar_gets_flat_axes_unless_hold_is_on(tmp_path):
    from octakd.port import runtime as rt
    from octakd.port.runtime import figures
    figures.configure(str(tmp_path), False)
    try:
        rt.polar(np.linspace(0, 6, 10), np.ones(10))
        assert figures.current_axes().name == "polar"
        rt.surf(np.array([[1.0, 2.0], [3.0, 4.0]]))
        assert figures.current_axes().name == "3d"
        rt.errorbar(np.array([[1.0, 2.0]]), np.array([[1.0, 2.0]]), np.array([[0.1, 0.1]]))
        assert figures.current_axes().name == "rectilinear"
        rt.surf(np.array([[1.0, 2.0], [3.0, 4.0]]))
        rt.hold("on")
        rt.plot(np.array([[1.0, 2.0]]))          # hold on: drawn into the 3-D axes
        assert figures.current_axes().name == "3d"
    finally:
        figures.finish()


@pytest.mark.parametrize("code, message", [
    ("fill([0 1], [0 1 2], 'r')", "fill: x and y must have the same number of values (2 and 3)"),
    ("pie([1 -2])", "pie: expected non-negative values"),
    ("pie([1 2], {'a'})", "pie: 2 values but 1 labels"),
    ("polar([1 2 3], [1 2])", "polar: theta and rho must have the same length (3 and 2)"),
    ("area(1, 2, 3)", "area: expected area(y) or area(x, y)"),
    ("fill([0 1 1], [0 0 1], 'r', 'FaceColor')", "fill: property/value arguments must come in pairs"),
])
def test_bad_arguments_name_the_function(tmp_path, capsys, code, message):
    assert run(tmp_path, code + ";\n") == 1
    assert message in capsys.readouterr().err


@pytest.fixture
def drawing(tmp_path):
    from octakd.port.runtime import figures
    figures.configure(str(tmp_path), False)
    yield figures
    figures.finish()


def test_ticks_and_colour_limits_are_set_as_given(drawing):
    from octakd.port import runtime as rt
    rt.plot(np.array([[0.0, 1.0, 2.0]]))
    rt.xticks(np.array([[0.0, 0.5, 2.0]]))
    rt.yticks(np.array([[1.0, 3.0]]))
    rt.xticklabels(rt.cell_literal([["a", "b", "c"]]))
    ax = drawing.current_axes()
    assert ax.get_xticks().tolist() == [0.0, 0.5, 2.0] and ax.get_yticks().tolist() == [1.0, 3.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    rt.imagesc(np.array([[1.0, 2.0], [3.0, 4.0]]))
    rt.caxis(np.array([[0.0, 10.0]]))
    assert drawing.current_axes().images[-1].get_clim() == (0.0, 10.0)
    for call in (rt.xticks, rt.caxis):
        with pytest.raises(ValueError, match="reading the current value is not supported"):
            call()
    with pytest.raises(ValueError, match="caxis: expected \\[lo hi\\] with lo < hi"):
        rt.caxis(np.array([[2.0, 1.0]]))
    with pytest.raises(ValueError, match="xticks: the tick values must be increasing"):
        rt.xticks(np.array([[1.0, 0.0]]))


def test_quiver_scales_arrows_to_the_grid_spacing(drawing):
    """Octave scales the longest arrow to 0.9 of the grid spacing (here 0.5); scale 0 keeps
    the data's lengths."""
    from octakd.port import runtime as rt
    x, y = np.meshgrid([0.0, 0.5, 1.0], [0.0, 0.5])
    u, v = np.full((2, 3), 3.0), np.full((2, 3), 4.0)           # length 5
    rt.quiver(x, y, u, v)
    q = drawing.current_axes().collections[-1]
    assert np.allclose(np.hypot(q.U, q.V), 0.45)
    rt.quiver(np.array([[0.0, 1.0]]), np.array([[0.0, 1.0]]), np.array([[1.0, 2.0]]),
              np.array([[0.0, 0.0]]), 0)
    q = drawing.current_axes().collections[-1]
    assert q.U.tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match="quiver: x, y, u and v must have the same number"):
        rt.quiver(np.array([[0.0, 1.0, 2.0]]), np.array([[0.0]]), np.array([[1.0, 2.0]]),
                  np.array([[0.0, 0.0]]))
