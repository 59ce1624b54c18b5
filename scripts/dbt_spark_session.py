"""dbt with the project's Python models run inside dbt-spark's session.

dbt-spark runs dbt Python models only on Databricks clusters (`job_cluster`, `all_purpose_cluster`);
its `session` method - an in-process pyspark session, what `make test-spark` and a single-machine Spark
user have - has no way to run one. This command is `dbt` with one more submission method, `session`,
made the default when the target's method is `session`: the model's compiled code (the model plus
dbt-spark's own table-writing code) runs in this process against the same SparkSession the SQL
models use, so the churn model's fit builds on plain Spark unchanged. On Databricks use `dbt`
itself with a cluster submission method.

    python scripts/dbt_spark_session.py build --target spark [dbt arguments ...]
"""

from __future__ import annotations

from typing import Any

from dbt.adapters.base.impl import PythonJobHelper
from dbt.adapters.spark.impl import SparkAdapter
from dbt.cli.main import cli

SESSION = "session"


class SessionPythonJobHelper(PythonJobHelper):
    """Runs a Python model's compiled code in this process's SparkSession (bound to `spark`)."""

    def __init__(self, parsed_model: dict, credentials: Any) -> None:
        self.unique_id = parsed_model.get("unique_id", "python model")

    def submit(self, compiled_code: str) -> None:
        from pyspark.sql import SparkSession

        # the session the SQL models run in: dbt-spark's session cursor made it with getOrCreate
        spark = SparkSession.builder.getOrCreate()
        # running the compiled model is the point: it is the project's own code, compiled by dbt
        exec(compile(compiled_code, self.unique_id, "exec"), {"spark": spark, "__name__": "dbt_model"})  # noqa: S102


def install() -> None:
    """Add `session` to dbt-spark's submission methods; the default on a session connection."""
    helpers = SparkAdapter.python_submission_helpers.fget
    default = SparkAdapter.default_python_submission_method.fget

    def python_submission_helpers(adapter: SparkAdapter) -> dict:
        return {**helpers(adapter), SESSION: SessionPythonJobHelper}

    def default_python_submission_method(adapter: SparkAdapter) -> str:
        return SESSION if adapter.config.credentials.method == SESSION else default(adapter)

    SparkAdapter.python_submission_helpers = property(python_submission_helpers)
    SparkAdapter.default_python_submission_method = property(default_python_submission_method)


if __name__ == "__main__":
    install()
    cli(prog_name="dbt")
