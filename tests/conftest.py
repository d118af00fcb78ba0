import numpy as np
import pytest

import octakd.builder


@pytest.fixture(autouse=True)
def fresh_current_network():
    """Every test starts with no current network, as a fresh script would."""
    octakd.builder.new_network()
    yield


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
