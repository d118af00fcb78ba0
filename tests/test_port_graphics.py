"""Graphics of ported Octave scripts: every call draws, figures are saved as non-blank PNGs,
matplotlib stays optional, and ``pause`` never blocks a script that has no terminal."""
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from octakd.port.cli import main as port_main

pytest.importorskip("matplotlib")
from PIL import Image  # noqa: E402  (pillow is a dependency of octakd)

ROOT = Path(__file__).parent.parent

# One script calling every graphics function of issue 11, figure by figure.
EVERY_CALL = """\
x = linspace(0, 2*pi, 60);
figure;
plot(x, sin(x), 'rx', 'MarkerSize', 8);
hold on
plot(x, cos(x), 'b--', 'LineWidth', 2);
hold off
xlabel('x'); ylabel('y'); title('plot, hold, labels');
legend('sin', 'cos');
grid on
axis([0 7 -1.5 1.5]);
text(1, 1.2, 'a peak');
figure(2);
subplot(2, 2, 1); bar([3 5 2 7]);
subplot(2, 2, 2); hist([1 2 2 3 3 3 4 4 5 7 7 8], 5);
subplot(2, 2, 3); scatter([1 2 3 4 5], [2 4 1 5 3], 40, 'filled');
subplot(2, 2, 4); stem(1:8, (1:8).^2);
figure(3);
subplot(1, 3, 1); stairs(1:6, [1 3 2 5 4 6]);
subplot(1, 3, 2); semilogy(1:10, exp(1:10));
subplot(1, 3, 3); loglog(1:10, (1:10).^3);
xlim([1 10]); ylim([1 1000]);
figure(4);
X = ones(25, 1) * linspace(-2, 2, 25);
Y = linspace(-2, 2, 25)' * ones(1, 25);
Z = exp(-(X.^2 + Y.^2)) .* cos(2 * X);
subplot(2, 2, 1); surf(X, Y, Z); colorbar;
subplot(2, 2, 2); mesh(X, Y, Z);
subplot(2, 2, 3); contour(X, Y, Z, 10);
subplot(2, 2, 4); imagesc(Z); colormap(jet); colorbar;
drawnow;
figure(5);
img = uint8(zeros(40, 60, 3));
img(:, 1:20, 1) = 255;
img(:, 21:40, 2) = 200;
img(:, 41:60, 3) = 255;
imshow(img);
print -dpng printed.png
figure(6);
imagesc(Z); colormap('gray');
saveas(gcf, 'saved.png');
figure(7); plot(1:5, [1 4 9 16 25], 'k-o'); close(7);
figure(9);
subplot(2, 2, 1); plot3(sin(x), cos(x), x, 'r-'); view(30, 20); zlabel('z'); grid on
subplot(2, 2, 2); errorbar(1:5, [2 3 1 4 2], [0.5 0.3 0.2 0.6 0.4], 'bo');
subplot(2, 2, 3); line([0 1], [0 1], 'Color', 'r', 'LineWidth', 2); box off
subplot(2, 2, 4); surf(X, Y, Z, 'EdgeColor', 'none'); shading interp; colormap(hsv(32));
zlim([-1 1]);
figure(10);
scatter(1:5, 1:5, 30, [1 0 0; 0 1 0; 0 0 1; 1 1 0; 0 1 1]);
hold on
contour(X, Y, Z, [0 0], 'LineWidth', 2, 'LineColor', 'k');
legend boxoff
axis tight
figure(8);
close all
disp('done')
"""
FIGURES = ["figure1.png", "figure2.png", "figure3.png", "figure4.png", "printed.png",
           "saved.png", "figure7.png", "figure9.png", "figure10.png"]


def run_octave_script(tmp_path, text, *options, name="script.m"):
    script = tmp_path / name
    script.write_text(text)
    return port_main(["run", str(script), *options])


def pixel_stats(path):
    """(share of pixels that are not the background white, number of distinct colours)."""
    rgb = np.asarray(Image.open(path).convert("RGB"))
    ink = np.any(rgb < 245, axis=2).mean()
    colours = len(np.unique(rgb.reshape(-1, 3), axis=0))
    return ink, colours


def test_pixel_stats_tell_a_blank_image(tmp_path):
    """The oracle itself: a white image has no ink, one colour."""
    Image.new("RGB", (560, 420), "white").save(tmp_path / "blank.png")
    assert pixel_stats(tmp_path / "blank.png") == (0.0, 1)


def test_every_graphics_call_draws(tmp_path, capsys):
    assert run_octave_script(tmp_path, EVERY_CALL) == 0
    assert capsys.readouterr().out == "done\n"
    for name in FIGURES:
        path = tmp_path / name
        assert path.exists(), name
        assert Image.open(path).size == (560, 420), name
        ink, colours = pixel_stats(path)
        assert ink > 0.02, (name, ink)
        assert colours >= 4, (name, colours)
    stripes = np.asarray(Image.open(tmp_path / "printed.png").convert("RGB")).astype(int)[210]
    assert {(255, 0, 0), (0, 200, 0), (0, 0, 255)} <= {tuple(p) for p in stripes}
    # figure 5 was printed and not changed since: no figure5.png beside printed.png;
    # figure 6 was saved by saveas; figure 8 was never drawn into
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(FIGURES)


def test_colours_of_a_line_spec(tmp_path):
    """'r' draws red and 'b--' blue: the line spec reaches the picture."""
    assert run_octave_script(tmp_path, "plot([1 2 3], [1 2 3], 'r', 'LineWidth', 4);\n"
                                       "hold on\nplot([1 2 3], [3 2 1], 'b--', 'LineWidth', 4);\n") == 0
    rgb = np.asarray(Image.open(tmp_path / "figure1.png").convert("RGB")).astype(int)
    red = (rgb[..., 0] > 200) & (rgb[..., 1] < 60) & (rgb[..., 2] < 60)
    blue = (rgb[..., 2] > 200) & (rgb[..., 0] < 60) & (rgb[..., 1] < 60)
    assert red.sum() > 300 and blue.sum() > 200


def test_figures_option_and_print_extension(tmp_path):
    out = tmp_path / "figs"
    assert run_octave_script(tmp_path, "plot(1:3);\nfigure;\nbar([1 2]);\nprint('-dpng', 'named')\n",
                             "--figures", str(out)) == 0
    assert sorted(p.name for p in out.iterdir()) == ["figure1.png"]
    assert (tmp_path / "named.png").exists()        # print writes where the script says
    assert not (tmp_path / "figure1.png").exists()


def test_hold_off_replaces_the_plot(tmp_path):
    """Without hold, a second plot replaces the first (Octave's rule), so its red is gone."""
    assert run_octave_script(tmp_path, "plot(1:3, 'r', 'LineWidth', 5);\nplot(1:3, 'k');\n") == 0
    rgb = np.asarray(Image.open(tmp_path / "figure1.png").convert("RGB")).astype(int)
    assert ((rgb[..., 0] > 200) & (rgb[..., 1] < 60)).sum() == 0


def test_figures_of_a_failing_script_are_saved(tmp_path, capsys):
    assert run_octave_script(tmp_path, "plot(1:3);\nx = [1 2] * [3 4];\n") == 1
    assert (tmp_path / "figure1.png").exists()
    assert "script.m:2" in capsys.readouterr().err


def test_graphics_refuse_bad_arguments_by_name(tmp_path, capsys):
    assert run_octave_script(tmp_path, "plot([1 2 3], [1 2]);\n") == 1
    assert "plot: the x and y data must have the same length" in capsys.readouterr().err
    assert run_octave_script(tmp_path, "subplot(2, 2, 5);\n") == 1
    assert "subplot: index [5] out of range for a 2x2 grid" in capsys.readouterr().err


def _run_subprocess(tmp_path, text, prelude="", stdin=subprocess.DEVNULL, timeout=120):
    script = tmp_path / "script.m"
    script.write_text(text)
    code = (prelude + "import sys\nfrom octakd.port.cli import main\n"
            f"sys.exit(main(['run', {str(script)!r}]))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], stdin=stdin, capture_output=True,
                          text=True, timeout=timeout, env=env)


def test_without_matplotlib_graphics_are_skipped_with_one_warning(tmp_path):
    block = "import sys\nsys.modules['matplotlib'] = None\nsys.modules['matplotlib.pyplot'] = None\n"
    text = ("disp(1)\nh = figure;\nplot(1:3, 'r');\nhold on\nxlabel('x');\n"
            "subplot(2, 1, 1); bar([1 2]);\nprint -dpng out.png\nclose all\ndisp(h)\n")
    proc = _run_subprocess(tmp_path, text, block)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "1\n1\n"
    assert proc.stderr.count("warning:") == 1
    assert "warning: matplotlib is not installed" in proc.stderr
    assert not list(tmp_path.glob("*.png"))


def test_pause_never_blocks_without_a_terminal(tmp_path):
    start = time.monotonic()
    proc = _run_subprocess(tmp_path, "pause\npause(30)\npause(Inf)\ndisp('after')\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "after\n"
    assert time.monotonic() - start < 25


def test_pause_sleeps_at_most_t(tmp_path, capsys):
    start = time.monotonic()
    assert run_octave_script(tmp_path, "for k = 1:20\n  pause(0.5);\nend\ndisp(k)\n") == 0
    assert time.monotonic() - start < 10
    assert capsys.readouterr().out == "20\n"


def test_show_without_a_display_says_so_and_saves(tmp_path):
    script = tmp_path / "script.m"
    script.write_text("plot(1:3);\n")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MPLBACKEND")}
    env["PYTHONPATH"] = str(ROOT)
    code = f"import sys\nfrom octakd.port.cli import main\nsys.exit(main(['run', {str(script)!r}, '--show']))\n"
    proc = subprocess.run([sys.executable, "-c", code], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "warning: --show: no display; figures are only saved" in proc.stderr
    assert (tmp_path / "figure1.png").exists()


def test_legend_labels_follow_drawing_order(tmp_path):
    """legend('s', 'p', 'b') names the scatter, the line and the bar series, in that order."""
    from matplotlib.collections import PathCollection
    from matplotlib.container import BarContainer
    from matplotlib.lines import Line2D
    from octakd.port import run_file
    from octakd.port.runtime import figures
    script = tmp_path / "s.m"
    script.write_text("scatter(1:3, 1:3);\nhold on\nplot(1:3, 'r');\nbar([1 2 3]);\n"
                      "contour(ones(3, 1) * (1:3), 3);\nlegend('s', 'p', 'b');\n")
    figures.configure(str(tmp_path))
    try:
        run_file(script)
        ax = figures.current_axes()
        legend = ax.get_legend()
        assert [t.get_text() for t in legend.get_texts()] == ["s", "p", "b"]
        kinds = [type(h) for h in legend.legend_handles]
        assert kinds[0] is PathCollection and kinds[1] is Line2D
        assert "bar" in type(legend.legend_handles[2]).__name__.lower() or \
            isinstance(legend.legend_handles[2], BarContainer) or \
            type(legend.legend_handles[2]).__name__ == "Rectangle"
    finally:
        figures.finish()


def test_set_and_get_on_handles(tmp_path, capsys):
    text = ("h = plot([1 2 3], [1 3 2], 'r');\nset(h, 'LineWidth', 4, 'Color', [0 0 1]);\n"
            "set(gca, 'FontSize', 14, 'XLim', [0 4]);\nlim = get(gca, 'XLim')\n"
            "w = get(h, 'LineWidth')\nset(gcf, 'Position', [0 0 800 300]);\n"
            "set(h, 'Colour', 'r');\n")
    assert run_octave_script(tmp_path, text) == 1       # the misspelt property is refused
    out, err = capsys.readouterr()
    assert out == "lim =\n\n   0   4\n\nw = 4\n"
    assert "set: the property 'Colour' of a Line2D is not supported" in err
    image = Image.open(tmp_path / "figure1.png")
    assert image.size == (800, 300)
    rgb = np.asarray(image.convert("RGB")).astype(int)
    assert ((rgb[..., 0] > 200) & (rgb[..., 1] < 60) & (rgb[..., 2] < 60)).sum() == 0
    assert ((rgb[..., 2] > 200) & (rgb[..., 0] < 60) & (rgb[..., 1] < 60)).sum() > 300


@pytest.mark.parametrize("text, expected", [
    (r"\theta_0", r"$\theta_{0}$"),
    ("x^2 + y_{ij}", "x$^{2}$ + y$_{ij}$"),
    ("Profit in $10,000s", "Profit in $10,000s"),     # one dollar sign: plain text
    (r"cost J(\theta)", r"cost J($\theta$)"),
    ("a_{b", "a_{b"),                                   # unbalanced: kept as typed
    ("plain", "plain"),
])
def test_tex_labels_become_mathtext(text, expected):
    """Octave's default 'tex' interpreter: Greek letters, sub- and superscripts."""
    from octakd.port.runtime.figures import tex
    assert tex(text) == expected
    assert tex(text, "none") == text


def test_odd_labels_never_break_the_picture(tmp_path):
    labels = ["a_{b", "x_", "^", "a_{$}", r"\theta_{\alpha}", "a__b", "_{}", "\\\\", "q_{a{b}}",
              "$x$_1", r"\sum_{i=1}^{n}", "100%_x"]
    text = "plot(1:3);\n" + "".join(f"title('{t}');\nxlabel('{t}');\nprint -dpng p{k}.png\n"
                                    for k, t in enumerate(labels))
    assert run_octave_script(tmp_path, text) == 0
    assert len(list(tmp_path.glob("p*.png"))) == len(labels)


def test_fplot_draws_a_handle_over_its_limits(tmp_path, capsys):
    """fplot(f, [a b]) and fplot(g, [a b c d], 'r--') draw (red ink for the second); the script
    goes on and prints what Octave printed (-0.682942)."""
    text = ("f = @(x) x.^2 - 2*sin(x);\nfplot(f, [-2 3]);\nhold on\n"
            "fplot(@(t) cos(t), [-2 3 -2 5], 'r--');\nprintf('%g\\n', f(1));\n")
    assert run_octave_script(tmp_path, text) == 0
    assert capsys.readouterr().out == "-0.682942\n"
    ink, colours = pixel_stats(tmp_path / "figure1.png")
    assert ink > 0.02 and colours >= 4
    rgb = np.asarray(Image.open(tmp_path / "figure1.png").convert("RGB")).astype(int)
    assert ((rgb[..., 0] > 200) & (rgb[..., 1] < 80) & (rgb[..., 2] < 80)).sum() > 50
    assert run_octave_script(tmp_path, "fplot('sin(x)', [0 1]);\n", name="t.m") == 1
    assert "FCN must be a function handle" in capsys.readouterr().err


def test_set_of_the_roots_defaults_is_accepted_and_other_root_properties_are_not(tmp_path, capsys):
    """set(0, 'DefaultFigureWindowStyle', 'docked') (how windows open) changes no PNG: accepted;
    any other property of handle 0 is still an error naming the handle."""
    text = "set(0, 'DefaultFigureWindowStyle', 'docked');\nplot(1:3);\nprintf('ok\\n');\n"
    assert run_octave_script(tmp_path, text) == 0 and capsys.readouterr().out == "ok\n"
    assert run_octave_script(tmp_path, "set(0, 'Color', 'r');\n", name="t.m") == 1
    assert "invalid graphics handle 0" in capsys.readouterr().err
