"""The same corpus run on a dask.distributed cluster gives the local run's output."""

import os
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus import read_table
from analysis.tables import TABLES

distributed = pytest.importorskip("dask.distributed")

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def cluster():
    # Worker processes import `analysis` themselves: make sure they find this source tree.
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = path
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=":0", host="127.0.0.1") as local:
            yield local
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old


def test_dask_parquet_equals_local(cluster, tmp_path):
    local, remote = tmp_path / "local", tmp_path / "dask"
    options = ["--format", "parquet", "--partition-size", "4"]
    assert main(["extract", str(RAW), *options, "-o", str(local), "--jobs", "1"]) == 0
    assert main(["extract", str(RAW), *options, "-o", str(remote),
                 "--scheduler", cluster.scheduler_address]) == 0
    for name in TABLES:
        pd.testing.assert_frame_equal(read_table(local, name), read_table(remote, name), obj=name)
    assert len(read_table(remote, "articles")) == len(list(RAW.glob("*.txt")))
    assert not read_table(remote, "sentences").empty


def test_dask_jsonl_equals_local(cluster, tmp_path):
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["extract", str(RAW), "-o", str(local), "--jobs", "1"]) == 0
    assert main(["extract", str(RAW), "-o", str(remote), "--scheduler", cluster.scheduler_address]) == 0
    assert local.read_bytes() == remote.read_bytes()


def test_unreachable_scheduler_is_one_line(tmp_path, capsys):
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code = main(["extract", str(RAW / "clock.txt"), "-o", str(tmp_path / "x.jsonl"),
                     "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err
