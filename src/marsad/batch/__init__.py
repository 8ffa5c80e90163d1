"""Batch runs of the pipeline beyond one process: a local process pool and Apache Spark."""
