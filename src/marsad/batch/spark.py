"""`marsad batch --engine spark`: the pipeline inside Apache Spark, one Pipeline per partition.

Input JSONL / JSONL.gz (read as text lines, so a bad line becomes an error row rather
than a failed job) or Parquet (columns text, id, title, published, url, source).
Output directory layout:
    OUTPUT/records/   full Article records (JSONL part files, or Parquet with one `record` JSON column)
    OUTPUT/events/    flat events table (JSONL or Parquet)
    OUTPUT/errors/    {"where", "error"} per failed article (JSONL)
"""
from __future__ import annotations

import json
import os
from typing import Iterator

from ..errors import MarsadError


def _partition_analyzer(stages):
    def run(rows: Iterator) -> Iterator[tuple[str, str]]:
        from ..pipeline import Pipeline
        from .records import analyze_items, flat_events
        pipeline = Pipeline(stages)          # built once per partition, resources load lazily
        items = ((where, raw) for where, raw in rows)
        for kind, payload in analyze_items(pipeline, items):
            yield kind, payload
            if kind == "record":             # the flat events in the same pass, not a second one
                for ev in flat_events(json.loads(payload)):
                    yield "event", json.dumps(ev, ensure_ascii=False)
    return run


def run_spark(input_path: str, output: str, master: str | None = "local[*]", fmt: str = "jsonl",
              partitions: int | None = None, stages=None, app_name: str = "marsad-batch") -> dict:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise MarsadError("the spark engine needs pyspark: pip install 'marsad[spark]'") from None
    if master is not None and not os.path.exists(input_path) and "://" not in input_path:
        raise MarsadError(f"{input_path}: no such file or directory")
    import sys
    # executors must run the same interpreter (with marsad installed) as the driver
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder if master is None else SparkSession.builder.master(master)
    spark = (builder.appName(app_name)
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", str(partitions or 8))
             .getOrCreate())
    try:
        sc = spark.sparkContext
        sc.setLogLevel("ERROR")
        if input_path.endswith(".parquet") or os.path.isdir(input_path) and any(
                f.endswith(".parquet") for f in os.listdir(input_path)):
            df = spark.read.parquet(input_path)
            cols = [c for c in ("text", "id", "title", "published", "url", "source") if c in df.columns]
            rdd = df.select(*cols).rdd.zipWithIndex().map(
                lambda ri: (f"{input_path}[{ri[1]}]", {k: v for k, v in ri[0].asDict().items() if v is not None}))
        else:
            lines = sc.textFile(input_path, minPartitions=partitions or sc.defaultParallelism)
            rdd = lines.zipWithIndex().filter(lambda li: li[0].strip()).map(
                lambda li: (f"{input_path}:{li[1] + 1}", li[0]))
        if partitions and rdd.getNumPartitions() < partitions:
            rdd = rdd.repartition(partitions)
        # one Python pass makes every output row; the split into outputs happens in the JVM
        out = spark.createDataFrame(rdd.mapPartitions(_partition_analyzer(stages)),
                                    schema="kind string, payload string").cache()
        from pyspark.sql.functions import col
        records = out.filter(col("kind") == "record").select("payload")
        events = out.filter(col("kind") == "event").select("payload")
        errors = out.filter(col("kind") == "error").select("payload")
        if fmt == "parquet":
            from pyspark.sql.functions import get_json_object
            records.select(get_json_object("payload", "$.id").alias("id"), col("payload").alias("record")) \
                .write.mode("overwrite").parquet(os.path.join(output, "records"))
            ev_json = events.rdd.map(lambda r: r[0])
            if not ev_json.isEmpty():
                spark.read.json(ev_json).write.mode("overwrite").parquet(os.path.join(output, "events"))
        else:
            records.write.mode("overwrite").text(os.path.join(output, "records"))
            events.write.mode("overwrite").text(os.path.join(output, "events"))
        errors.write.mode("overwrite").text(os.path.join(output, "errors"))
        counts = {k: 0 for k in ("records", "errors")}
        for row in out.groupBy("kind").count().collect():
            if row["kind"] in ("record", "error"):
                counts[row["kind"] + "s"] = row["count"]
        out.unpersist()
        return counts
    finally:
        spark.stop()

