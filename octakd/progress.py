"""The training progress table, in the spirit of MATLAB's trainNetwork.

|=========================================================================================|
|  Epoch  |  Iteration  |  Time Elapsed  |  Mini-batch  |  Mini-batch  |  Base Learning  |
|         |             |   (hh:mm:ss)   |     Loss     |   Accuracy   |      Rate       |
|=========================================================================================|
|       1 |           1 |       00:00:00 |       2.3026 |       12.50% |          0.0010 |
"""

RULE = "|" + "=" * 89 + "|"


def hhmmss(seconds):
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


class ProgressTable:
    """Prints the first iteration, every ``every`` iterations, and the last one."""

    def __init__(self, verbose=True, every=50, out=print):
        self.verbose = verbose
        self.every = every
        self.out = out

    def header(self):
        if self.verbose:
            self.out(RULE)
            self.out("|  Epoch  |  Iteration  |  Time Elapsed  |  Mini-batch  |  Mini-batch  |  Base Learning  |")
            self.out("|         |             |   (hh:mm:ss)   |     Loss     |   Accuracy   |      Rate       |")
            self.out(RULE)

    def row(self, row, force=False):
        it = row["iteration"]
        if self.verbose and (force or it == 1 or it % self.every == 0):
            self.out(f"| {row['epoch']:7d} | {it:11d} | {hhmmss(row['time']):>14} | "
                     f"{row['loss']:12.4f} | {100 * row['accuracy']:11.2f}% | {row['learning_rate']:15.4g} |")

    def footer(self):
        if self.verbose:
            self.out(RULE)
