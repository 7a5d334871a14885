"""A batch of datasets spread over machines: which shard of N builds which dataset."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


def parse_shard(value: str) -> tuple[int, int]:
    """`I/N` as (I, N), shards numbered from 1 as in a CI matrix; ValueError when it is not."""
    found = _SHARD.fullmatch(value)
    if not found:
        raise ValueError(f"{value!r} is not I/N (this machine's shard of N, e.g. 2/3)")
    index, count = int(found[1]), int(found[2])
    if count < 1:
        raise ValueError(f"{value!r}: N, the number of shards, must be at least 1")
    if not 1 <= index <= count:
        raise ValueError(f"{value!r}: I must be from 1 to {count}")
    return index, count


def shard_of(name: str, count: int) -> int:
    """The shard (1 to count) that builds the dataset of this folder name.

    A hash of the name alone (sha256, never Python's salted hash()), so every machine agrees
    and adding or removing a dataset moves no other one; every edition of a dataset follows it.
    """
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % count + 1


def shard(folders: Sequence[Path], index: int, count: int) -> list[Path]:
    """The dataset folders of shard `index` of `count`, in their given order."""
    return [folder for folder in folders if shard_of(folder.resolve().name, count) == index]
