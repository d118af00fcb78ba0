"""matplotlib is optional (the ``tutorials`` extra): one place decides whether plots are made."""
import os


def optional_pyplot(out=None):
    """Return ``matplotlib.pyplot`` set up to write files, or None when matplotlib is not
    installed (after saying so once). With ``out`` (a pathlib.Path), that folder is created.

    The Agg backend is chosen unless MPLBACKEND says otherwise, so scripts run without a screen.
    """
    try:
        import matplotlib
        if "MPLBACKEND" not in os.environ:
            matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plots (pip install 'octakd[tutorials]')")
        return None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    return plt
