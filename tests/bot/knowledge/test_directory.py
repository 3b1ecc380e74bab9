"""The help directory: validated on load, facts with sources, lookups by region and topic."""

import datetime as dt
import shutil

import pytest
import yaml

from bot.knowledge.directory import DATA_DIR, DirectoryError, load_directory


def test_the_shipped_directory_loads_and_every_entry_has_a_source_and_date():
    directory = load_directory()
    assert len(directory.organisations) >= 10
    for org in directory.organisations:
        assert org.sources and org.last_checked <= dt.date.today()


def test_the_national_lines_are_there():
    digits = load_directory().phone_numbers()
    for number in ("112", "113", "08000113", "08002000", "08000188", "08007000"):
        assert number in digits


def test_regional_organisations_come_before_national_ones():
    found = load_directory().for_region("rotterdam_rijnmond", "exit")
    regional = [org for org in found if "rotterdam_rijnmond" in org.regions]
    assert regional and found[: len(regional)] == regional


def test_every_municipality_is_in_exactly_one_region():
    seen = [m for r in load_directory().regions.values() for m in r.municipalities]
    assert len(seen) == len(set(seen)) >= 340


def broken_copy(tmp_path, change):
    shutil.copy(DATA_DIR / "regions.yml", tmp_path / "regions.yml")
    data = yaml.safe_load((DATA_DIR / "directory.yml").read_text("utf-8"))
    change(data["organisations"][0])
    (tmp_path / "directory.yml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return tmp_path


@pytest.mark.parametrize(
    "change",
    [
        lambda org: org.pop("sources"),
        lambda org: org.update(sources=[]),
        lambda org: org.update(phone="call us"),
        lambda org: org.update(kind="bakery"),
        lambda org: org.update(regions=["atlantis"]),
        lambda org: org.pop("last_checked"),
        lambda org: org.update(topics=["cooking"]),
    ],
)
def test_a_malformed_entry_fails_on_load(tmp_path, change):
    with pytest.raises(DirectoryError):
        load_directory(broken_copy(tmp_path, change))
