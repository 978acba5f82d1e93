"""Runs no-op task graphs through a running Dask scheduler, one after the other, for bin/compare-dask.

Each argument is a JSON file {"name": ..., "tasks": [{"id": ..., "deps": [...]}]} written by the comparison
(io.dagline.loadtest.compare.BenchGraph). Prints one JSON line per graph:
{"graph": name, "tasks": n, "seconds": wall time from submission to every result}.
Needs Debian's python3-distributed. Usage: python3 dask_run.py --scheduler tcp://127.0.0.1:8786 FILE...
"""
import argparse
import json
import time

from dask.distributed import Client, wait


def noop(*args):
    return 0


def graph_of(spec):
    return {t["id"]: (noop, *t["deps"]) for t in spec["tasks"]}, [t["id"] for t in spec["tasks"]]


def run(client, graph, keys):
    started = time.perf_counter()
    wait(client.get(graph, keys, sync=False))
    return time.perf_counter() - started


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--scheduler", required=True)
    parser.add_argument("graphs", nargs="+")
    args = parser.parse_args()
    with Client(args.scheduler) as client:
        run(client, {f"w{i}": (noop,) for i in range(1000)}, [f"w{i}" for i in range(1000)])  # warm-up
        for path in args.graphs:
            with open(path) as f:
                spec = json.load(f)
            graph, keys = graph_of(spec)
            print(json.dumps({"graph": spec["name"], "tasks": len(graph), "seconds": run(client, graph, keys)}), flush=True)
