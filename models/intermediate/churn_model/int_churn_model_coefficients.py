"""One row per feature of the churn model, plus one for the intercept: the logistic regression of
churn within 90 days on the standardized measure scores of the training weeks
(int_churn_model_training_rows), fitted by Newton's method (IRLS) with an L2 penalty on the
feature coefficients. Every feature is a 0-100 score where higher is healthier, so a feature whose
coefficient comes out positive (a better score, more churn: collinearity or noise) is dropped and
the rest refitted, one at a time, until none is: a CSM is never told that a good score raises the
risk. Applying the coefficients is SQL (int_account_churn_probabilities)."""

import hashlib
import json

import numpy as np
import pandas as pd

INTERCEPT_ID = "(intercept)"
MAX_ITERATIONS = 100
TOLERANCE = 1e-10
DIGITS = 10
SPARK_SCHEMA = ("model_version string, feature_id string, is_intercept boolean, coefficient double, "
                "training_mean double, training_sd double, l2_penalty double, n_training_weeks bigint, "
                "n_training_churn_weeks bigint, n_training_churn_events bigint, newton_steps bigint, "
                "cutoff_date date")


def standardize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each column's mean and population sd over its present values; missing values take the mean
    (z = 0). A column with no spread (or no values) gets sd null and z = 0."""
    means = np.array([np.nanmean(column) if np.any(~np.isnan(column)) else np.nan
                      for column in values.T])
    sds = np.array([np.nanstd(column) if np.any(~np.isnan(column)) else np.nan
                    for column in values.T])
    sds = np.where(sds > 0, sds, np.nan)
    z = (values - means) / sds
    return np.nan_to_num(z, nan=0.0), means, sds


def fit_logistic(z: np.ndarray, y: np.ndarray, l2_penalty: float) -> tuple[np.ndarray, int]:
    """Maximise sum(y log p + (1 - y) log(1 - p)) - l2_penalty / 2 x |beta|^2 (intercept not
    penalised) by Newton steps from zero. Returns [intercept, coefficients...] and the steps taken."""
    design = np.hstack([np.ones((z.shape[0], 1)), z])
    penalty = np.full(design.shape[1], l2_penalty)
    penalty[0] = 0.0
    beta = np.zeros(design.shape[1])
    for iteration in range(1, MAX_ITERATIONS + 1):
        p = 1.0 / (1.0 + np.exp(-(design @ beta)))
        gradient = design.T @ (y - p) - penalty * beta
        hessian = (design * (p * (1.0 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta = beta + step
        if np.max(np.abs(step)) < TOLERANCE:
            return beta, iteration
    raise RuntimeError(f"churn model did not converge in {MAX_ITERATIONS} Newton steps")


def fit_non_positive(z: np.ndarray, y: np.ndarray, l2_penalty: float) -> tuple[np.ndarray, int]:
    """fit_logistic on the features with spread; the most positive coefficient is dropped (set to 0)
    and the rest refitted until no coefficient is positive. Returns [intercept, coefficients...] over
    all features and the Newton steps of the last fit."""
    active = [column for column in range(z.shape[1]) if np.any(z[:, column] != 0)]
    while True:
        beta_active, iterations = fit_logistic(z[:, active], y, l2_penalty)
        coefficients = beta_active[1:]
        if not active or np.max(coefficients) <= 0:
            break
        del active[int(np.argmax(coefficients))]
    beta = np.zeros(z.shape[1] + 1)
    beta[0] = beta_active[0]
    beta[[column + 1 for column in active]] = beta_active[1:]
    return beta, iterations


def to_pandas(relation, columns: list[str] | None = None, where: str | None = None,
              distinct: bool = False) -> pd.DataFrame:
    """A referenced model as a pandas frame, optionally filtered (a SQL condition), cut to some
    columns and to distinct rows first, in the engine: a DuckDB relation or a Spark DataFrame."""
    spark = hasattr(relation, "toPandas")
    if where:
        relation = relation.filter(where)
    if columns:
        relation = relation.select(*columns) if spark else relation.project(", ".join(columns))
    if distinct:
        relation = relation.distinct()
    return relation.toPandas() if spark else relation.df()


def written(session, frame: pd.DataFrame):
    """The table to write. DuckDB reads a NaN in a float column as null; Spark keeps it a NaN, so there
    missing values become None and the types are given (a column of nulls has none to infer)."""
    if not hasattr(session, "createDataFrame"):
        return frame
    return session.createDataFrame(frame.astype(object).where(frame.notna(), None),
                                   schema=SPARK_SCHEMA)


def model(dbt, session):
    dbt.config(materialized="table")
    cutoff = str(dbt.config.get("cutoff_date"))
    l2_penalty = float(dbt.config.get("l2_penalty"))

    training_rows = dbt.ref("int_churn_model_training_rows")
    # numbers only (week, feature, score, label): the rows are every training week x feature
    rows = to_pandas(training_rows,
                     ["week_index", "feature_index", "feature_value", "churns_within_90d"])
    churn_events = len(to_pandas(training_rows, ["account_id", "churn_date"],
                                 where="churns_within_90d", distinct=True))
    if rows.empty:
        # no mature week at all (under 90 days of history): every feature weighs 0 and the intercept
        # is the pseudo-count guess 0.5 / 1 - no history, no lean either way
        measures = to_pandas(dbt.ref("scorecard_weights"))["measure_id"].drop_duplicates().sort_values()
        feature_ids = [str(measure) for measure in measures]
        return written(session, coefficients_frame(
            cutoff, l2_penalty, np.zeros(len(feature_ids) + 1), feature_ids,
            np.full(len(feature_ids), np.nan), np.full(len(feature_ids), np.nan), np.zeros(0), 0, 0))
    # fixed order, whatever order the rows arrive in: weeks by account and week (week_index),
    # features by id
    features = (to_pandas(training_rows, ["feature_index", "feature_id"], distinct=True)
                .assign(feature_id=lambda frame: frame["feature_id"].astype(str))
                .sort_values("feature_id", kind="mergesort"))
    feature_ids = features["feature_id"].tolist()
    column_of = np.full(int(features["feature_index"].max()) + 1, -1)
    column_of[features["feature_index"].to_numpy()] = np.arange(len(features))
    week_index = rows["week_index"].to_numpy()
    weeks = np.unique(week_index)
    row_of = np.searchsorted(weeks, week_index)
    values = np.full((len(weeks), len(feature_ids)), np.nan)
    values[row_of, column_of[rows["feature_index"].to_numpy()]] = (
        rows["feature_value"].to_numpy(dtype=float, na_value=np.nan))
    labels = np.zeros(len(weeks))
    labels[row_of] = rows["churns_within_90d"].to_numpy(dtype=float)
    del rows, week_index, row_of

    z, means, sds = standardize(values)
    del values
    if labels.min() == labels.max():
        # one outcome only (no churn in the history, or only churn): nothing separates the weeks;
        # the intercept is the pseudo-count rate (churn weeks + 0.5) / (weeks + 1), features weigh 0
        beta = np.zeros(len(feature_ids) + 1)
        beta[0] = np.log((labels.sum() + 0.5) / (len(labels) - labels.sum() + 0.5))
        iterations = 0
    else:
        beta, iterations = fit_non_positive(z, labels, l2_penalty)
    return written(session, coefficients_frame(cutoff, l2_penalty, beta, feature_ids, means, sds,
                                               labels, churn_events, iterations))


def coefficients_frame(cutoff, l2_penalty, beta, feature_ids, means, sds, labels, churn_events,
                       iterations):
    """The versioned coefficients table: one row for the intercept, one per feature."""
    coefficients = beta[1:]

    def rounded(value: float) -> float | None:
        return None if np.isnan(value) else round(float(value), DIGITS)

    records = [
        {"feature_id": INTERCEPT_ID, "is_intercept": True, "coefficient": rounded(beta[0]),
         "training_mean": None, "training_sd": None}
    ] + [
        {"feature_id": feature_id, "is_intercept": False, "coefficient": rounded(coefficient),
         "training_mean": rounded(mean), "training_sd": rounded(sd)}
        for feature_id, coefficient, mean, sd in zip(feature_ids, coefficients, means, sds)
    ]
    fingerprint = json.dumps({"cutoff": cutoff, "l2_penalty": l2_penalty, "rows": records},
                             sort_keys=True)
    model_version = "cm-" + hashlib.sha256(fingerprint.encode()).hexdigest()[:12]

    coefficients_table = pd.DataFrame.from_records(records)
    coefficients_table.insert(0, "model_version", model_version)
    coefficients_table["l2_penalty"] = l2_penalty
    coefficients_table["n_training_weeks"] = len(labels)
    coefficients_table["n_training_churn_weeks"] = int(labels.sum())
    coefficients_table["n_training_churn_events"] = churn_events
    coefficients_table["newton_steps"] = iterations
    coefficients_table["cutoff_date"] = pd.Timestamp(cutoff).date()
    return coefficients_table
