"""Load and validate the help directory (bot/knowledge/data/directory.yml, regions.yml).

The directory is data, not code. It is loaded once and validated on load: a malformed entry
raises `DirectoryError` (and so fails the tests), never a conversation.
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple

import yaml

DATA_DIR = Path(__file__).parent / "data"
KINDS = frozenset(
    {"emergency", "national_line", "care_coordinator", "health", "sex_worker_org", "exit_programme"}
)
TOPICS = frozenset(
    {"rights", "health", "shelter", "exit", "money", "police", "migration", "minors", "emergency"}
)
NATIONAL = "national"
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 -]{1,18}[0-9]$")


class DirectoryError(ValueError):
    """The directory data is malformed."""


def phone_digits(number: str) -> str:
    """A phone number reduced to its digits, for comparing '0800-2000' with '0800 2000'."""
    return re.sub(r"\D", "", number)


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    kind: str
    topics: Tuple[str, ...]
    regions: Tuple[str, ...]
    languages: Tuple[str, ...]
    phone: Optional[str]
    alt_phones: Tuple[str, ...]
    web: Optional[str]
    hours: Optional[str]
    available_24_7: bool
    free: Optional[bool]
    anonymous: Optional[bool]
    experience_experts: Optional[bool]
    sources: Tuple[str, ...]
    last_checked: dt.date
    notes: str

    @property
    def phones(self) -> Tuple[str, ...]:
        return ((self.phone,) if self.phone else ()) + self.alt_phones


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    municipalities: Tuple[str, ...]
    aliases: Dict[str, Tuple[str, ...]]


@dataclass(frozen=True)
class Directory:
    organisations: Tuple[Organisation, ...]
    regions: Dict[str, Region]

    def phone_numbers(self) -> FrozenSet[str]:
        """The digits of every phone number in the directory."""
        return frozenset(phone_digits(p) for org in self.organisations for p in org.phones)

    def for_region(self, region: Optional[str], topic: str) -> List[Organisation]:
        """Organisations for a topic: those serving the region first, then national ones."""
        on_topic = [org for org in self.organisations if topic in org.topics]
        regional = [org for org in on_topic if region and region in org.regions]
        national = [org for org in on_topic if NATIONAL in org.regions]
        return regional + [org for org in national if org not in regional]

    def by_id(self, org_id: str) -> Organisation:
        for org in self.organisations:
            if org.id == org_id:
                return org
        raise KeyError(org_id)


def _require(entry: dict, key: str, kind: type, where: str) -> object:
    if key not in entry:
        raise DirectoryError(f"{where}: '{key}' is missing")
    value = entry[key]
    if not isinstance(value, kind):
        raise DirectoryError(f"{where}: '{key}' must be {kind.__name__}, not {value!r}")
    return value


def _optional(entry: dict, key: str, kind: type, where: str) -> object:
    value = entry.get(key)
    if value is not None and not isinstance(value, kind):
        raise DirectoryError(f"{where}: '{key}' must be {kind.__name__} or null, not {value!r}")
    return value


def _phone(value: object, where: str) -> str:
    if not isinstance(value, str) or not PHONE_PATTERN.match(value):
        raise DirectoryError(f"{where}: '{value}' is not a phone number")
    return value


def parse_organisation(entry: dict, region_ids: FrozenSet[str]) -> Organisation:
    if not isinstance(entry, dict):
        raise DirectoryError(f"an organisation must be a mapping, not {entry!r}")
    where = f"organisation {entry.get('id', '?')}"
    kind = _require(entry, "kind", str, where)
    if kind not in KINDS:
        raise DirectoryError(f"{where}: unknown kind '{kind}'")
    topics = tuple(_require(entry, "topics", list, where))
    if not topics or not set(topics) <= TOPICS:
        raise DirectoryError(f"{where}: topics {topics} must be from {sorted(TOPICS)}")
    regions = tuple(_require(entry, "regions", list, where))
    unknown = set(regions) - region_ids - {NATIONAL}
    if not regions or unknown:
        raise DirectoryError(f"{where}: unknown regions {sorted(unknown)}")
    sources = tuple(_require(entry, "sources", list, where))
    if not sources or not all(isinstance(s, str) and s.startswith("http") for s in sources):
        raise DirectoryError(f"{where}: every entry needs source URLs")
    checked = _require(entry, "last_checked", dt.date, where)
    phone = _optional(entry, "phone", str, where)
    alt_phones = tuple(_phone(p, where) for p in entry.get("alt_phones") or [])
    return Organisation(
        id=str(_require(entry, "id", str, where)),
        name=str(_require(entry, "name", str, where)),
        kind=str(kind),
        topics=topics,
        regions=regions,
        languages=tuple(_require(entry, "languages", list, where)),
        phone=_phone(phone, where) if phone else None,
        alt_phones=alt_phones,
        web=_optional(entry, "web", str, where),  # type: ignore[arg-type]
        hours=_optional(entry, "hours", str, where),  # type: ignore[arg-type]
        available_24_7=bool(_require(entry, "available_24_7", bool, where)),
        free=_optional(entry, "free", bool, where),  # type: ignore[arg-type]
        anonymous=_optional(entry, "anonymous", bool, where),  # type: ignore[arg-type]
        experience_experts=_optional(entry, "experience_experts", bool, where),  # type: ignore[arg-type]
        sources=sources,
        last_checked=checked,  # type: ignore[arg-type]
        notes=str(entry.get("notes") or ""),
    )


def parse_regions(data: dict) -> Dict[str, Region]:
    regions: Dict[str, Region] = {}
    seen: Dict[str, str] = {}
    for region_id, entry in (data.get("regions") or {}).items():
        where = f"region {region_id}"
        municipalities = tuple(_require(entry, "municipalities", list, where))
        for municipality in municipalities:
            if municipality in seen:
                raise DirectoryError(
                    f"{where}: {municipality} is already in region {seen[municipality]}"
                )
            seen[municipality] = region_id
        aliases = {k: tuple(v) for k, v in (entry.get("aliases") or {}).items()}
        regions[region_id] = Region(
            region_id, str(_require(entry, "name", str, where)), municipalities, aliases
        )
    return regions


def load_directory(data_dir: Path = DATA_DIR) -> Directory:
    """Read and validate the directory; raises DirectoryError on the first problem."""
    regions = parse_regions(yaml.safe_load((data_dir / "regions.yml").read_text("utf-8")))
    raw = yaml.safe_load((data_dir / "directory.yml").read_text("utf-8"))
    entries: List[dict] = raw.get("organisations") or []
    organisations = tuple(parse_organisation(e, frozenset(regions)) for e in entries)
    ids = [org.id for org in organisations]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise DirectoryError(f"duplicate organisation ids: {sorted(duplicates)}")
    return Directory(organisations, regions)


@lru_cache(maxsize=1)
def default_directory() -> Directory:
    """The shipped directory, loaded once per process."""
    return load_directory()
