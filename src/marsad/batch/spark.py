"""`marsad batch --engine spark`: the pipeline inside Apache Spark, one Pipeline per partition.

Input JSONL / JSONL.gz (read as text lines, so a bad line becomes an error row rather
than a failed job) or Parquet (columns text, id, title, published, url, source).
Output directory layout:
    OUTPUT/records/   full Article records (JSONL part files, or Parquet with one `record` JSON column)
    OUTPUT/events/    flat events table (JSONL or Parquet)
    OUTPUT/errors/    {"where", "error"} per failed article (JSONL)

Two plans. With a `local[...]` master, a local JSONL(.gz) input and JSONL output, tasks
read their own byte range of the file and write their own part files (`ranges.py`): the
JVM only schedules, so Spark spends the CPU the local pool spends. Anything else (a cluster
master, hdfs:// paths, Parquet) goes through Spark's readers and writers.
"""
from __future__ import annotations

import os
import time
from typing import Iterator

from ..errors import MarsadError

SUBDIRS = ("records", "events", "errors")
# The driver JVM of a local run mostly schedules: the C1 JIT and serial GC start it with
# about half the CPU of the default (tiered C2 + parallel GC) on a 2-core machine.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
TASK_LINES = 500        # articles per task of the direct plan, at most (plain files)


def _partition_analyzer(stages):
    def run(rows: Iterator) -> Iterator[tuple[str, str]]:
        from ..pipeline import Pipeline
        from .records import output_rows
        pipeline = Pipeline(stages)          # built once per partition, resources load lazily
        yield from output_rows(pipeline, rows)
    return run


def _range_writer(path: str, output: str, stages):
    """Task of the direct plan: analyze one byte range, write its part files, return counts."""
    def run(ranges: Iterator) -> Iterator[tuple[int, int]]:
        from ..pipeline import Pipeline
        from .ranges import Range, range_lines
        from .records import output_rows
        pipeline = Pipeline(stages)
        try:
            from pyspark import TaskContext
            attempt = TaskContext.get().attemptNumber()
        except Exception:  # noqa: BLE001 - outside a Spark task (tests call it directly)
            attempt = 0
        for r in ranges:
            r = Range(*r)
            name = f"part-{r.index:05d}"
            tmp = {sub: os.path.join(output, sub, f".{name}.attempt{attempt}") for sub in SUBDIRS}
            files = {sub: open(p, "w", encoding="utf-8", buffering=1 << 20) for sub, p in tmp.items()}
            by_kind = {"record": files["records"], "event": files["events"], "error": files["errors"]}
            counts = {"record": 0, "error": 0, "event": 0}
            try:
                for kind, payload in output_rows(pipeline, range_lines(path, r)):
                    by_kind[kind].write(payload + "\n")
                    counts[kind] += 1
            finally:
                for f in files.values():
                    f.close()
            for sub, p in tmp.items():       # a retried task replaces, never duplicates
                os.replace(p, os.path.join(output, sub, name))
            yield counts["record"], counts["error"]
    return run


def _direct_plan_applies(input_path: str, master: str | None, fmt: str) -> bool:
    return (fmt == "jsonl" and master is not None and master.startswith("local")
            and os.path.isfile(input_path) and not input_path.endswith(".parquet"))


def _run_direct(sc, input_path: str, output: str, partitions: int | None, stages) -> dict:
    import shutil
    from .ranges import plan_ranges
    if partitions:
        ranges = plan_ranges(input_path, partitions)
    else:   # small tasks keep both cores busy to the end (a .gz task re-reads up to its start)
        ranges = plan_ranges(input_path, 8 * sc.defaultParallelism,
                             max_lines=None if input_path.endswith(".gz") else TASK_LINES)
    for sub in SUBDIRS:                      # overwrite, like Spark's writers
        shutil.rmtree(os.path.join(output, sub), ignore_errors=True)
        os.makedirs(os.path.join(output, sub))
    results = sc.parallelize([tuple(r) for r in ranges], len(ranges)) \
        .mapPartitions(_range_writer(input_path, output, stages)).collect()
    for sub in SUBDIRS:
        open(os.path.join(output, sub, "_SUCCESS"), "w").close()
    return {"records": sum(r for r, _ in results), "errors": sum(e for _, e in results)}


def run_spark(input_path: str, output: str, master: str | None = "local[*]", fmt: str = "jsonl",
              partitions: int | None = None, stages=None, app_name: str = "marsad-batch",
              direct: bool | None = None, timings: dict | None = None) -> dict:
    """Run the batch; `direct` forces (True) or forbids (False) the direct plan, None decides.

    `timings`, if given, receives "start_s" (JVM and context start) and "run_s" (the job).
    """
    try:
        from pyspark import SparkConf, SparkContext
        from pyspark.sql import SparkSession
    except ImportError:
        raise MarsadError("the spark engine needs pyspark: pip install 'marsad[spark]'") from None
    if master is not None and not os.path.exists(input_path) and "://" not in input_path:
        raise MarsadError(f"{input_path}: no such file or directory")
    if direct is None:
        direct = _direct_plan_applies(input_path, master, fmt)
    elif direct and not (fmt == "jsonl" and os.path.isfile(input_path)):
        raise MarsadError("the direct plan needs a local JSONL(.gz) file and JSONL output")
    import sys
    # executors must run the same interpreter (with marsad installed) as the driver
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    t0 = time.perf_counter()
    if direct:                               # no SQL session: a bare context starts with less CPU
        conf = (SparkConf().setAppName(app_name).set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false").set("spark.python.worker.reuse", "true"))
        if master is not None:
            conf.setMaster(master)
        if master is not None and master.startswith("local") and not conf.contains("spark.driver.extraJavaOptions"):
            conf.set("spark.driver.extraJavaOptions", LOCAL_JAVA_OPTIONS)
        sc = SparkContext.getOrCreate(conf)
        sc.setLogLevel("ERROR")
        t1 = time.perf_counter()
        try:
            return _run_direct(sc, input_path, output, partitions, stages)
        finally:
            sc.stop()
            if timings is not None:
                timings.update(start_s=t1 - t0, run_s=time.perf_counter() - t1)
    builder = SparkSession.builder if master is None else SparkSession.builder.master(master)
    spark = (builder.appName(app_name)
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", str(partitions or 8))
             .getOrCreate())
    t1 = time.perf_counter()
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
        if rdd.getNumPartitions() < (partitions or sc.defaultParallelism):   # a .gz is one split
            rdd = rdd.repartition(partitions or sc.defaultParallelism)
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
        if timings is not None:
            timings.update(start_s=t1 - t0, run_s=time.perf_counter() - t1)

