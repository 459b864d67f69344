"""The analysis world: the test world's municipality with all eight demo buurten, the synthetic CBS table and the
synthetic outlines (loaded through the real importers)."""

import pytest

from tests.factories import BuurtFactory, DistrictFactory
from wijkveilig.demo.analysis_data import analysis_demo
from wijkveilig.demo.seed import BUURTEN, DISTRICTS


@pytest.fixture
def aworld(world):
    return load_analysis_world(world)


def load_analysis_world(world):
    """The analysis world on top of a test world (also for tests outside this folder, such as two municipalities)."""
    districts = [DistrictFactory(code=code, name=name) for code, name in DISTRICTS]
    for district, (_code, name) in zip(districts, DISTRICTS):  # the test world made the first one already
        district.name = name
        district.save(update_fields=["name"])
    for code, name, index in BUURTEN:
        buurt = BuurtFactory(code=code, name=name, district=districts[index])
        if buurt.name != name:  # the test world's own buurt
            buurt.name = name
            buurt.save(update_fields=["name"])
    analysis_demo("GM9999")
    return world
