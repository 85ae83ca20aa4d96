"""The crosscheck pipeline on Apache Spark (optional extra ``crosscheck[spark]``)."""
