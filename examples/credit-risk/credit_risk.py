#!/usr/bin/env python3
"""Credit-risk example of the ModelOps Orchestrator.

Synthetic data, a scikit-learn logistic regression trainer that follows the contract of the
orchestrator's reference training worker, an independent evaluation of a version on a governed
holdout, registration, and simulated serving traffic (metrics, feature windows, drift).

    python3 examples/credit-risk/credit_risk.py generate --rows 5000 --seed 1 --shift 0 --out data.csv
    python3 examples/credit-risk/credit_risk.py train --data data.csv [--min-auc 0.6] [--out-dir dir]
    python3 examples/credit-risk/credit_risk.py evaluate        # MODELOPS_* environment, see README
    python3 examples/credit-risk/credit_risk.py register --url http://localhost:8080 --user dana \\
        --password dana --model credit-risk --version 1.0.0 [--risk-tier HIGH]
    python3 examples/credit-risk/credit_risk.py traffic --url http://localhost:8080 --user monty \\
        --password monty --model credit-risk --version 1.0.0 [--drift 2.0]

Needs scikit-learn, pandas and numpy (Debian: python3-sklearn, python3-pandas). Logs go to stderr;
`train` and `evaluate` print their result as the last line of stdout. Exit code 0 is success, 2 a
business failure with its reason as the last line of stderr, anything else a technical failure.

The model is stored as JSON (scaler, categories, coefficients), never as a pickle: loading a model
runs no code from the artifact.
"""

import argparse
import base64
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["income", "debt_ratio", "age", "loan_amount", "employment_years"]
CATEGORICAL = "home_ownership"
HOME = ["mortgage", "own", "rent"]
LABEL = "default"
HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "data"
MIN_TRAINING_ROWS = 200
MIN_EVALUATION_ROWS = 100
MODEL_TYPE = "logistic-regression"


class BusinessFailure(Exception):
    """The run fails for a reason in the data or the model, not a technical one: exit code 2."""


def log(message):
    print("[credit-risk] " + message, file=sys.stderr, flush=True)


def env(name):
    value = os.environ.get(name)
    return value if value and value.strip() else None


# ------------------------------------------------------------------------------------------ data


def generate(rows, seed, shift):
    """Synthetic applicants.

    `shift` moves the population (lower income, higher debt ratio and loan amounts, more renters)
    and changes the ground truth (debt ratio and loan amount weigh more, income less; age and
    employment turn around): a model trained at shift 0 degrades on shifted data.
    """
    r = np.random.default_rng(seed)
    p_rent = min(0.35 + 0.12 * shift, 0.9)
    p_own = max(0.25 - 0.08 * shift, 0.02)
    income = np.exp(np.log(52_000 * (1 - 0.1 * min(shift, 5))) + 0.4 * r.standard_normal(rows))
    debt = np.clip(0.32 + 0.04 * shift + 0.12 * r.standard_normal(rows), 0.01, 0.99)
    age = np.clip(41 + 12 * r.standard_normal(rows), 18, 80)
    loan = np.maximum(1_000, 15_000 * (1 + 0.12 * shift) + 7_000 * r.standard_normal(rows))
    employment = np.clip((age - 18) * 0.35 + 4 * r.standard_normal(rows), 0, 45)
    u = r.random(rows)
    home = np.where(u < p_rent, "rent", np.where(u < p_rent + p_own, "own", "mortgage"))
    z = (
        -1.3
        - 0.25 * shift
        - (1.0 - 0.3 * shift) * (income - 52_000) / 20_000
        + (1.1 + 0.35 * shift) * (debt - 0.32) / 0.12
        - (0.25 - 0.25 * shift) * (age - 41) / 12
        + (0.5 + 0.3 * shift) * (loan - 15_000) / 7_000
        - (0.45 - 0.3 * shift) * (employment - 8) / 5
        + np.select([home == "rent", home == "own"], [0.45, -0.4], 0.0)
    )
    label = (r.random(rows) < 1 / (1 + np.exp(-z))).astype(int)
    return pd.DataFrame(
        {
            "income": income.round(0),
            "debt_ratio": debt.round(4),
            "age": age.round(0),
            "loan_amount": loan.round(0),
            "employment_years": employment.round(1),
            CATEGORICAL: home,
            LABEL: label,
        }
    )


def write_csv(path, frame, append=False):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = not (append and path.exists())
    frame.to_csv(path, mode="a" if not header else "w", header=header, index=False)


def read_csv(path):
    frame = pd.read_csv(path)
    missing = [c for c in NUMERIC + [CATEGORICAL, LABEL] if c not in frame.columns]
    if missing:
        raise BusinessFailure(f"{path}: columns missing: {', '.join(missing)}")
    return frame


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


# ----------------------------------------------------------------------------------------- model


def fit(frame, c=1.0):
    """Logistic regression on standardised numeric features and one-hot home ownership."""
    scaler = StandardScaler().fit(frame[NUMERIC])
    encoder = OneHotEncoder(categories=[HOME], handle_unknown="ignore").fit(frame[[CATEGORICAL]])
    regression = LogisticRegression(C=c, max_iter=1000).fit(
        design(frame, scaler.mean_, scaler.scale_), frame[LABEL]
    )
    return {
        "type": MODEL_TYPE,
        "framework": "scikit-learn " + __import__("sklearn").__version__,
        "numeric": NUMERIC,
        "categorical": {CATEGORICAL: [str(v) for v in encoder.categories_[0]]},
        "columns": NUMERIC + [f"{CATEGORICAL}={h}" for h in HOME],
        "mean": [float(v) for v in scaler.mean_],
        "std": [float(v) for v in scaler.scale_],
        "intercept": float(regression.intercept_[0]),
        "weights": [float(v) for v in regression.coef_[0]],
    }


def design(frame, mean, std):
    numeric = (frame[NUMERIC].to_numpy(dtype=float) - np.asarray(mean)) / np.asarray(std)
    home = frame[CATEGORICAL].astype(str).to_numpy()
    one_hot = np.stack([(home == h).astype(float) for h in HOME], axis=1)
    return np.hstack([numeric, one_hot])


def probability(model, frame):
    z = design(frame, model["mean"], model["std"]) @ np.asarray(model["weights"]) + model["intercept"]
    return 1 / (1 + np.exp(-z))


def metrics(model, frame):
    """AUC and accuracy (threshold 0.5) of the model on the labelled rows."""
    p = probability(model, frame)
    y = frame[LABEL].to_numpy()
    auc = roc_auc_score(y, p) if len(set(y)) == 2 else float("nan")
    return {"auc": round(float(auc), 4), "accuracy": round(float(accuracy_score(y, p >= 0.5)), 4)}


def load_model(uri):
    """A model written by `train`: JSON only, checked field by field."""
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme != "file":
        raise BusinessFailure(f"cannot read the model {uri}: only file: URIs are supported")
    path = Path(urllib.request.url2pathname(parsed.path))
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
        width = len(NUMERIC) + len(HOME)
        valid = (
            model.get("type") == MODEL_TYPE
            and model.get("numeric") == NUMERIC
            and len(model["mean"]) == len(NUMERIC)
            and len(model["std"]) == len(NUMERIC)
            and len(model["weights"]) == width
            and all(isinstance(v, (int, float)) for v in model["mean"] + model["std"] + model["weights"])
            and isinstance(model["intercept"], (int, float))
            and all(s > 0 for s in model["std"])
        )
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise BusinessFailure(f"cannot read the model {uri}: {e}") from e
    if not valid:
        raise BusinessFailure(f"cannot read the model {uri}: not a {MODEL_TYPE} of this example")
    return model


# -------------------------------------------------------------------------------- train / profile


def source_commit():
    """The version of the training code, for the lineage a HIGH-risk model must document.

    MODELOPS_SOURCE_COMMIT when the pipeline sets it, else the git commit of the working
    directory, else "sha256:" and the hash of this program.
    """
    if env("MODELOPS_SOURCE_COMMIT"):
        return env("MODELOPS_SOURCE_COMMIT")
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=30
        )
        commit = out.stdout.strip()
        if out.returncode == 0 and len(commit) in (40, 64) and all(c in "0123456789abcdef" for c in commit):
            return commit
    except OSError:
        pass  # no git here: fall back to the hash of the source
    return "sha256:" + sha256(__file__)


def histogram(values, edges):
    """Counts per bin as the orchestrator counts them: bin b holds edges[b] <= x < edges[b+1]."""
    bins = max(len(edges) - 1, 1)
    index = np.searchsorted(np.asarray(edges), values, side="right") - 1
    return [int(n) for n in np.bincount(np.clip(index, 0, bins - 1), minlength=bins)]


def category_counts(frame):
    return {str(k): int(v) for k, v in sorted(frame[CATEGORICAL].value_counts().items())}


def monitoring_profile(frame):
    """The reference profile of the training rows.

    Numeric features as counts in ten quantile bins (compared by PSI), home ownership as category
    counts.
    """
    reference, methods = {}, {}
    for name in NUMERIC:
        values = np.sort(frame[name].to_numpy(dtype=float))
        edges = []
        for q in range(11):
            e = float(values[min(int(round(q / 10 * (len(values) - 1))), len(values) - 1)])
            if not edges or e > edges[-1]:
                edges.append(e)
        reference[name] = {"type": "binned", "edges": edges, "counts": histogram(values, edges)}
        methods[name] = "PSI"
    reference[CATEGORICAL] = {"type": "categorical", "counts": category_counts(frame)}
    return {"reference": reference, "drift": {"methods": methods}}


def train_model(args, data, out_dir):
    if env("MODELOPS_MODEL"):
        log(
            f"training {env('MODELOPS_MODEL')} (champion {env('MODELOPS_CHAMPION_VERSION')}, "
            f"candidate {env('MODELOPS_CANDIDATE_VERSION')}): {env('MODELOPS_REASON')}"
        )
    data = Path(data)
    if not data.exists():
        log(f"{relative(data)} does not exist: generating it")
        write_csv(data, generate(args.rows, args.seed, args.shift))
    frame = read_csv(data)
    if len(frame) < MIN_TRAINING_ROWS:
        raise BusinessFailure(
            f"{relative(data)} has {len(frame)} rows; at least {MIN_TRAINING_ROWS} are needed"
        )
    train, holdout = train_test_split(frame, test_size=0.2, random_state=args.split_seed)
    model = fit(train, c=args.c)
    scores = metrics(model, holdout)
    log(f"trained on {len(train)} rows of {relative(data)}, holdout {len(holdout)} rows: {scores}")
    if not scores["auc"] >= args.min_auc:
        raise BusinessFailure(f"holdout AUC {scores['auc']} is below --min-auc {args.min_auc}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model_file = (out_dir / "model.json").resolve()
    model_file.write_text(json.dumps(model, indent=1), encoding="utf-8")
    absolute = data.resolve()
    return {
        "artifactUri": model_file.as_uri(),
        "trainingDataRef": f"{absolute.as_uri()}#sha256={sha256(absolute)}",
        "runId": env("MODELOPS_RUN_ID") or f"credit-risk-{uuid.uuid4()}",
        "sourceCommit": source_commit(),
        "metrics": scores,
        "monitoring": monitoring_profile(train),
    }


def cmd_generate(args):
    frame = generate(args.rows, args.seed, args.shift)
    write_csv(args.out, frame)
    log(f"wrote {len(frame)} rows to {args.out} (sha256 {sha256(args.out)})")


def cmd_train(args):
    out_dir = args.out_dir or env("MODELOPS_OUTPUT_DIR") or tempfile.mkdtemp(prefix="credit-risk-")
    data = args.data or DATA_DIR / "baseline.csv"
    print(json.dumps(train_model(args, data, out_dir), separators=(",", ":")))


# -------------------------------------------------------------------------------------- evaluate


def cmd_evaluate(args):
    """Scores one version on the governed evaluation dataset (the contract of model-evaluation)."""
    required = ["MODELOPS_ARTIFACT_URI", "MODELOPS_DATASET_URI", "MODELOPS_DATASET_SHA256"]
    missing = [name for name in required if not env(name)]
    if missing:
        raise BusinessFailure("missing environment: " + ", ".join(missing))
    log(
        f"evaluating {env('MODELOPS_MODEL')} {env('MODELOPS_VERSION')} "
        f"({env('MODELOPS_ROLE') or 'candidate'}) on {env('MODELOPS_DATASET_URI')}"
    )
    dataset = urllib.parse.urlparse(env("MODELOPS_DATASET_URI"))
    if dataset.scheme != "file":
        raise BusinessFailure(
            f"cannot read the dataset {env('MODELOPS_DATASET_URI')}: only file: URIs are supported"
        )
    path = Path(urllib.request.url2pathname(dataset.path))
    if not path.is_file():
        raise BusinessFailure(f"the dataset {path} does not exist")
    expected = env("MODELOPS_DATASET_SHA256").strip().lower()
    actual = sha256(path)
    if actual != expected:
        raise BusinessFailure(
            f"the dataset {path} has sha256 {actual}, the registered one is {expected}: refused"
        )
    model = load_model(env("MODELOPS_ARTIFACT_URI"))
    frame = read_csv(path)
    if len(frame) < MIN_EVALUATION_ROWS:
        raise BusinessFailure(
            f"the dataset {path} has {len(frame)} rows; at least {MIN_EVALUATION_ROWS} are needed"
        )
    scores = metrics(model, frame)
    if math.isnan(scores["auc"]):
        raise BusinessFailure(f"the dataset {path} has only one class: no AUC")
    log(f"{len(frame)} rows: {scores}")
    print(json.dumps({"metrics": scores, "rows": len(frame)}, separators=(",", ":")))


# -------------------------------------------------------------------------------------- register


def risk_assessment(risk_tier):
    """The risk questionnaire, consistent with the declared tier.

    The orchestrator takes the highest of both. MEDIUM answers "material financial impact, people
    decide"; HIGH adds the EU AI Act Annex III area ESSENTIAL_SERVICES (5(b), creditworthiness),
    which is what a credit model scoring real applicants must answer.
    """
    low = risk_tier == "LOW"
    return {
        "automatedDecisions": False,
        "personalData": not low,
        "specialCategoryData": False,
        "annexIIIArea": "ESSENTIAL_SERVICES" if risk_tier == "HIGH" else "NONE",
        "financialImpact": "NONE" if low else "MATERIAL",
        "clinicalImpact": False,
    }


def cmd_register(args):
    data = args.data or DATA_DIR / "baseline.csv"
    out_dir = args.out_dir or DATA_DIR / "models" / args.version
    result = train_model(args, data, out_dir)
    body = {
        "version": args.version,
        "artifactUri": result["artifactUri"],
        "framework": "scikit-learn",
        "modelType": "ML",
        "riskTier": args.risk_tier,
        "riskAssessment": risk_assessment(args.risk_tier),
        "owner": "credit-risk-team",
        "ownerEmail": "credit-risk@example.com",
        "description": "Probability that a consumer loan defaults within 12 months (synthetic example).",
        "intendedUse": "Ranking loan applications for manual review; not for automated declines.",
        "limitations": "Trained on synthetic data; features income, debt ratio, age, loan amount, "
        "employment years, home ownership.",
        "modelCardUri": "https://github.com/modelops/orchestrator/tree/main/examples/credit-risk",
        "lineage": {k: result[k] for k in ("sourceCommit", "trainingDataRef", "runId")},
        "metrics": result["metrics"],
        "signature": {
            "inputs": [{"name": f, "type": "double"} for f in NUMERIC]
            + [{"name": CATEGORICAL, "type": "string"}],
            "outputs": [{"name": "default_probability", "type": "double"}],
        },
        "monitoring": result["monitoring"],
    }
    path = f"/api/models/{args.model}/versions"
    status, answer = Api(args).send("POST", path, body)
    print(f"POST {path} -> {status}")
    print(answer)
    if status // 100 != 2:
        sys.exit(1)


# --------------------------------------------------------------------------------------- traffic


def cmd_traffic(args):
    """Serving of a canary or production version, simulated.

    Applicants drawn with --drift as the population shift, scored with the version's model (its
    artifact), and reported as metric points (one per metric and 100 requests) and one feature
    window per --windows.
    """
    api = Api(args)
    base = f"/api/models/{args.model}/versions/{args.version}"
    status, answer = api.send("GET", base)
    if status != 200:
        print(f"GET {base} -> {status}")
        fail(answer)
    model = load_model(json.loads(answer)["artifactUri"])
    noise = np.random.default_rng()
    for _ in range(args.windows):
        rows = generate(args.rows, int(noise.integers(2**62)), args.drift)
        points = []
        for start in range(0, len(rows), 100):
            chunk = rows.iloc[start : start + 100]
            points += [
                {"name": "accuracy", "value": metrics(model, chunk)["accuracy"]},
                {"name": "error_rate", "value": round(abs(0.01 + 0.004 * noise.standard_normal()), 4)},
                {"name": "latency_p95_ms", "value": round(80 + 10 * noise.standard_normal(), 1)},
            ]
        status, answer = api.send("POST", base + "/metrics", {"points": points})
        accuracy = metrics(model, rows)["accuracy"]
        print(f"POST {base}/metrics ({len(points)} points, accuracy {accuracy}) -> {status}")
        if status // 100 != 2:
            fail(answer)
        features = {
            f: {"type": "numeric", "values": [float(v) for v in rows[f]]} for f in NUMERIC
        }
        features[CATEGORICAL] = {"type": "categorical", "counts": category_counts(rows)}
        status, answer = api.send("POST", base + "/feature-windows", {"features": features})
        print(f"POST {base}/feature-windows ({len(rows)} rows, drift {args.drift}) -> {status}")
        if status // 100 != 2:
            fail(answer)
        drift = json.loads(answer)["drift"]
        print(
            f"  drifted features: {drift['driftedFeatures']}, share {drift['driftShare']}, "
            f"dataset drift: {str(drift['datasetDrift']).lower()}"
        )
        if args.drift != 0:
            latest = DATA_DIR / "latest.csv"
            write_csv(latest, rows, append=True)
            print(f"  appended {len(rows)} labelled rows to {relative(latest)}")


def relative(path):
    try:
        return Path(path).resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def fail(answer):
    """Prints the problem the orchestrator answered and exits with 1."""
    print(answer)
    sys.exit(1)


class Api:
    """The orchestrator's REST API with HTTP Basic authentication (urllib only)."""

    def __init__(self, args):
        self.url = args.url.rstrip("/")
        token = base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
        self.headers = {
            "Authorization": "Basic " + token,
            "Accept": "application/json, application/problem+json",
        }

    def send(self, method, path, body=None):
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()


# ------------------------------------------------------------------------------------------ main


class Parser(argparse.ArgumentParser):
    """Usage errors exit with 64, not with argparse's 2 (2 means a business failure here)."""

    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(64)


def parser():
    p = Parser(prog="credit_risk.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)

    def data_options(s, rows=5000):
        s.add_argument("--rows", type=int, default=rows, help="rows to generate")
        s.add_argument("--seed", type=int, default=1, help="random seed of the generated rows")
        s.add_argument("--shift", type=float, default=0.0, help="population shift")

    def training_options(s):
        data_options(s)
        s.add_argument("--data", help="labelled CSV (generated when missing)")
        s.add_argument("--out-dir", help="where model.json is written")
        s.add_argument("--min-auc", type=float, default=0.6, help="business failure below it")
        s.add_argument("--split-seed", type=int, default=7, help="seed of the 80/20 split")
        s.add_argument("--c", type=float, default=1.0, help="inverse L2 regularisation strength")

    def api_options(s):
        s.add_argument("--url", default="http://localhost:8080")
        s.add_argument("--user", required=True)
        s.add_argument("--password", required=True)
        s.add_argument("--model", default="credit-risk")
        s.add_argument("--version", required=True)

    g = sub.add_parser("generate", help="write synthetic labelled applicants to a CSV file")
    data_options(g)
    g.add_argument("--out", required=True)
    g.set_defaults(run=cmd_generate)

    t = sub.add_parser("train", help="the training worker's command (see README)")
    training_options(t)
    t.set_defaults(run=cmd_train)

    e = sub.add_parser("evaluate", help="the evaluation worker's command (MODELOPS_* environment)")
    e.set_defaults(run=cmd_evaluate)

    r = sub.add_parser("register", help="train and register a version")
    training_options(r)
    api_options(r)
    r.add_argument("--risk-tier", default="MEDIUM", choices=["LOW", "MEDIUM", "HIGH"])
    r.set_defaults(run=cmd_register)

    s = sub.add_parser("traffic", help="simulated serving: metric points and feature windows")
    api_options(s)
    s.add_argument("--windows", type=int, default=1)
    s.add_argument("--rows", type=int, default=500)
    s.add_argument("--drift", type=float, default=0.0)
    s.set_defaults(run=cmd_traffic)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        args.run(args)
    except BusinessFailure as e:
        print(e, file=sys.stderr, flush=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
