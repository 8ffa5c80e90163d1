"""Entry script for `spark-submit` on a real cluster (the master comes from spark-submit):

    spark-submit --master yarn --py-files marsad.zip src/marsad/batch/spark_main.py \\
        hdfs:///news/2015.jsonl.gz hdfs:///marsad/out [--format parquet] [--partitions 400]
"""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="spark_main")
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    ap.add_argument("--partitions", type=int)
    a = ap.parse_args(argv)
    from marsad.batch.spark import run_spark
    counts = run_spark(a.input, a.output, master=None, fmt=a.format, partitions=a.partitions)
    print(f"marsad: {counts['records']} records, {counts['errors']} errors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
