"""Build and load the blank spaCy pipelines, one per supported language, saved on disk.

Blank pipelines hold only each language's tokenizer rules and need no download; `make
install` builds them once into `build/spacy/<lang>` so that nothing is fetched at run time.
"""

import argparse
import os
from pathlib import Path
from typing import Dict

from bot.languages import SUPPORTED_LANGUAGES

# "xx" is spaCy's multi-language pipeline, for text whose language is unknown.
PIPELINE_LANGUAGES = (*SUPPORTED_LANGUAGES, "xx")
DEFAULT_PIPELINES_DIR = Path("build/spacy")
PIPELINES_DIR_ENV = "FIRSTCONTACT_SPACY_DIR"


class PipelinesMissing(RuntimeError):
    """The pipelines were not built (run `make install`)."""


def pipelines_dir() -> Path:
    return Path(os.environ.get(PIPELINES_DIR_ENV, DEFAULT_PIPELINES_DIR))


def build_pipelines(target: Path) -> None:
    """Save a blank pipeline per language into `target/<lang>`; skip those already there."""
    import spacy

    for code in PIPELINE_LANGUAGES:
        path = target / code
        if (path / "config.cfg").is_file():
            continue
        path.mkdir(parents=True, exist_ok=True)
        spacy.blank(code).to_disk(path)


def load_pipelines(source: Path) -> Dict[str, "spacy.language.Language"]:  # noqa: F821
    import spacy

    missing = [code for code in PIPELINE_LANGUAGES if not (source / code / "config.cfg").is_file()]
    if missing:
        raise PipelinesMissing(
            f"spaCy pipelines {', '.join(missing)} not found in {source.resolve()}: "
            "run `make install` to build them."
        )
    return {code: spacy.load(source / code) for code in PIPELINE_LANGUAGES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, default=pipelines_dir())
    build_pipelines(parser.parse_args().target)


if __name__ == "__main__":
    main()
