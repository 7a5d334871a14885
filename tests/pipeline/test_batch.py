"""Shards: every dataset in exactly one, the same on every machine, none moved by a new one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.pipeline.batch import parse_shard, shard, shard_of

NAMES = [f"dataset-{n}" for n in range(40)] + ["alpha", "beta", "gamma", "kz-uz-2025"]


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8])
def test_the_shards_partition_the_datasets(count: int) -> None:
    folders = [Path("data") / name for name in NAMES]
    shards = [shard(folders, index, count) for index in range(1, count + 1)]
    assert sorted(p for s in shards for p in s) == sorted(folders)  # each in exactly one
    if count > 1:
        assert sum(1 for s in shards if s) > 1  # the hash spreads them
    assert all(s == sorted(s, key=folders.index) for s in shards)  # in their given order


@pytest.mark.parametrize("count", [2, 3, 5])
def test_adding_a_dataset_moves_no_other(count: int) -> None:
    before = {name: shard_of(name, count) for name in NAMES}
    for added in ("zz-new", "aa-new", "dataset-40"):
        after = {name: shard_of(name, count) for name in [*NAMES, added]}
        assert {n: s for n, s in after.items() if n != added} == before
        assert 1 <= after[added] <= count


def test_every_process_agrees() -> None:
    """A stable hash, not Python's hash() (salted anew in each process)."""
    code = ("from reportgen.pipeline.batch import shard_of; "
            f"print([shard_of(n, 7) for n in {NAMES!r}])")
    printed = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, env={"PYTHONHASHSEED": seed, "PYTHONPATH":
                                               str(Path(__file__).parents[2] / "src")}
                              ).stdout for seed in ("1", "2")}
    assert printed == {f"{[shard_of(n, 7) for n in NAMES]}\n"}


@pytest.mark.parametrize(("value", "expected"), [("1/1", (1, 1)), ("2/3", (2, 3)),
                                                  (" 3 / 3 ", (3, 3))])
def test_parse_shard(value: str, expected: tuple[int, int]) -> None:
    assert parse_shard(value) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("0/3", "I must be from 1 to 3"), ("4/3", "I must be from 1 to 3"),
    ("1/0", "at least 1"), ("2", "is not I/N"), ("a/b", "is not I/N"), ("-1/3", "is not I/N"),
    ("1/3/5", "is not I/N"), ("", "is not I/N"),
])
def test_parse_shard_refuses(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_shard(value)
