#!/usr/bin/env python3
"""numpy + scikit-learn oracle for init-tui: the course notebook's code, verbatim in spirit.

This is the reference that init-tui's TypeScript core is checked against. It
follows the notebook "Initialization" and its init_utils.py line by line:
np.random.seed + make_circles for the data, np.random.randn for the weights,
np.dot / np.nansum for the passes.

  oracle.py [--schemes zeros,random,he] [--iterations N] [--lr X] [--seed N] [--every K]
            [--layers 2,10,5,1 | --depth D --width W] [--dataset circles|moons] [--noise X]
      prints one JSON document shaped like `init-tui --json`. Schemes: zeros, random, he,
      xavier, small, scale:K, gain:G. Any number of hidden layers.
  oracle.py --sweep gain=A..B:N[,depth=D1..D2] [--seeds K] [same options but --schemes]
      prints the document of `init-tui --json --sweep ...`: N log-spaced gains (computed as
      init-tui does), each trained as gain:G with K seeds on every depth's network, and per
      cell every seed's accuracies and final cost and their mean, sd, min, max.
  oracle.py --sensitivity [same options]
      prints how far each scheme's costs move under a one-ulp nudge of the initial
      weights and in long double: the test for chaos behind a golden's tolerance.
  oracle.py --goldens FILE [--fresh]
      runs the fixed list of settings in GOLDEN_SETTINGS and writes FILE
      (test/golden/oracle.json), so that tests need no Python. Cases already in FILE
      with the same name, config and schemes are kept verbatim (--fresh: recompute all).
      The sweeps of GOLDEN_SWEEPS go to the file's "sweeps", kept the same way.

Needs Debian's python3-numpy and python3-sklearn (apt-get install -y python3-numpy python3-sklearn).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import sklearn.datasets


def load_dataset(dataset="circles", noise=None):
    # The notebook: np.random.seed(1) -> 300 training points, np.random.seed(2) -> 100 test points.
    if dataset == "circles":
        make, default = sklearn.datasets.make_circles, .05
    elif dataset == "moons":
        make, default = sklearn.datasets.make_moons, .2
    else:
        raise SystemExit("oracle: unknown data set " + dataset)
    noise = default if noise is None else noise
    np.random.seed(1)
    train_X, train_Y = make(n_samples=300, noise=noise)
    np.random.seed(2)
    test_X, test_Y = make(n_samples=100, noise=noise)
    return train_X.T, train_Y.reshape((1, train_Y.shape[0])), test_X.T, test_Y.reshape((1, test_Y.shape[0]))


def initialize(scheme, layers_dims, seed):
    parameters = {}
    L = len(layers_dims)
    if scheme != "zeros":
        np.random.seed(seed)
    for l in range(1, L):
        shape = (layers_dims[l], layers_dims[l - 1])
        if scheme == "zeros":
            parameters["W" + str(l)] = np.zeros(shape)
        elif scheme == "random":
            parameters["W" + str(l)] = np.random.randn(*shape) * 10
        elif scheme == "he":
            parameters["W" + str(l)] = np.random.randn(*shape) * np.sqrt(2 / layers_dims[l - 1])
        elif scheme == "xavier":
            parameters["W" + str(l)] = np.random.randn(*shape) * np.sqrt(1 / layers_dims[l - 1])
        elif scheme == "small":
            parameters["W" + str(l)] = np.random.randn(*shape) * 0.01
        elif scheme.startswith("scale:"):
            parameters["W" + str(l)] = np.random.randn(*shape) * float(scheme[6:])
        elif scheme.startswith("gain:"):
            # gain:G -- W = randn * (G * sqrt(1 / n_prev)). The order is part of the contract:
            # the scalar G * sqrt(1 / n_prev) is rounded once, then every randn is multiplied
            # by it (one rounding per weight). src/core/schemes.ts does exactly this
            # (scale = G * Math.sqrt(1 / cols); W[i] = gauss() * scale). `randn * G * sqrt(1/n)`
            # would round twice per weight and differ in the last bit. gain:1 is bit-identical
            # to xavier; gain:1.4142135623730951 is NOT bit-identical to he, because
            # fl(sqrt2 * fl(sqrt(1/n))) != fl(sqrt(2/n)) for n = 2, 10 and 109 other n <= 256.
            parameters["W" + str(l)] = np.random.randn(*shape) * (gain_of(scheme) * np.sqrt(1 / layers_dims[l - 1]))
        else:
            raise SystemExit("oracle: unknown scheme " + scheme)
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def gain_of(scheme):
    """G of `gain:G`: a finite number > 0, else exit like an unknown scheme."""
    try:
        g = float(scheme[5:])
    except ValueError:
        g = float("nan")
    if not (math.isfinite(g) and g > 0):
        raise SystemExit("oracle: gain:G needs a finite G > 0, got " + scheme)
    return g


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def forward_propagation(X, parameters):
    L = len(parameters) // 2
    caches = [X]
    a = X
    for l in range(1, L + 1):
        z = np.dot(parameters["W" + str(l)], a) + parameters["b" + str(l)]
        a = sigmoid(z) if l == L else relu(z)
        caches.append(a)
    return a, caches


def compute_loss(a3, Y):
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
        return 1. / m * np.nansum(logprobs)


def backward_propagation(X, Y, caches, parameters):
    m = X.shape[1]
    L = len(parameters) // 2
    grads = {}
    dz = 1. / m * (caches[L] - Y)
    for l in range(L, 0, -1):
        a_prev = caches[l - 1]
        grads["dW" + str(l)] = np.dot(dz, a_prev.T)
        grads["db" + str(l)] = np.sum(dz, axis=1, keepdims=True)
        if l > 1:
            da = np.dot(parameters["W" + str(l)].T, dz)
            dz = np.multiply(da, np.int64(a_prev > 0))
    return grads


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for k in range(L):
        parameters["W" + str(k + 1)] = parameters["W" + str(k + 1)] - learning_rate * grads["dW" + str(k + 1)]
        parameters["b" + str(k + 1)] = parameters["b" + str(k + 1)] - learning_rate * grads["db" + str(k + 1)]
    return parameters


def accuracy(X, y, parameters):
    a, _ = forward_propagation(X, parameters)
    p = (a > 0.5).astype(int)
    return float(np.mean(p[0, :] == y[0, :]))


def run(scheme, cfg, data, variant=None, layers=None, seed=None):
    """One training run. `variant` is for --sensitivity only: "up" / "down" nudge every nonzero
    initial weight by one ulp (np.nextafter); "longdouble" trains in np.longdouble throughout."""
    train_X, train_Y, test_X, test_Y = data
    start = time.perf_counter()
    parameters = initialize(scheme, cfg["layers"] if layers is None else layers, cfg["seed"] if seed is None else seed)
    if variant in ("up", "down"):
        to = np.inf if variant == "up" else -np.inf
        for k in parameters:
            if k.startswith("W"):
                W = parameters[k]
                parameters[k] = np.where(W != 0, np.nextafter(W, to), W)
    elif variant == "longdouble":
        parameters = {k: v.astype(np.longdouble) for k, v in parameters.items()}
        train_X, train_Y, test_X, test_Y = (v.astype(np.longdouble) for v in data)
    elif variant is not None:
        raise ValueError(variant)
    costs = []
    final_cost = math.nan
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        for i in range(cfg["iterations"]):
            a3, caches = forward_propagation(train_X, parameters)
            if i % cfg["every"] == 0:
                cost = compute_loss(a3, train_Y)
                costs.append([i, float(cost) if math.isfinite(cost) else None])
            if i == cfg["iterations"] - 1:
                # init-tui's finalCost: the cost of the last forward pass (before the last update).
                final_cost = float(compute_loss(a3, train_Y))
            grads = backward_propagation(train_X, train_Y, caches, parameters)
            parameters = update_parameters(parameters, grads, cfg["learningRate"])
        train_acc = accuracy(train_X, train_Y, parameters)
        test_acc = accuracy(test_X, test_Y, parameters)
    return {"scheme": scheme, "costs": costs, "trainAccuracy": train_acc, "testAccuracy": test_acc,
            "seconds": round(time.perf_counter() - start, 4), "finalCost": final_cost}


def max_relative_difference(costs, reference):
    """Largest |c - r| / |r| over two cost lists; inf when one is non-finite and the other is not."""
    worst = 0.0
    for (_, c), (_, r) in zip(costs, reference):
        if c is None or r is None:
            worst = worst if c == r else math.inf
        else:
            worst = max(worst, abs(c - r) / max(abs(r), 1e-300))
    return worst


def sensitivity(cfg):
    """How much each scheme's trajectory moves under float rounding: the run is repeated with every
    initial weight nudged one ulp up, one ulp down, and in long double, and compared with the plain
    float64 run. A smooth setting moves ~1e-15 (well inside the 1e-9 envelope); a chaotic one
    amplifies the nudge to many digits."""
    data = load_dataset(cfg["dataset"], cfg.get("noise"))
    out = []
    for scheme in cfg["schemes"]:
        base = run(scheme, cfg, data)
        row = {"scheme": scheme, "trainAccuracy": base["trainAccuracy"], "testAccuracy": base["testAccuracy"]}
        agree = True
        for variant in ("up", "down", "longdouble"):
            other = run(scheme, cfg, data, variant)
            row[variant] = max_relative_difference(other["costs"], base["costs"])
            agree = agree and (other["trainAccuracy"], other["testAccuracy"]) == (base["trainAccuracy"], base["testAccuracy"])
        row["accuraciesAgree"] = agree
        out.append(row)
    return out


def config_of(cfg):
    keys = ("dataset", "layers", "learningRate", "iterations", "seed", "every") + (("noise",) if "noise" in cfg else ())
    return {k: cfg[k] for k in keys}


def experiment(cfg):
    data = load_dataset(cfg["dataset"], cfg.get("noise"))
    runs = [run(s, cfg, data) for s in cfg["schemes"]]
    for r in runs:
        del r["finalCost"]  # the race document has no finalCost
    return {"config": config_of(cfg), "runs": runs}


# --- Sweeps: the grid of `init-tui --sweep`, computed the same way (src/core/sweep.ts). ---

def parse_sweep(text):
    """gain=A..B:N and optionally depth=D1..D2, in either order: {"gain": {...}, "depth": {...}}."""
    spec = {}
    for part in text.split(","):
        name, _, value = part.strip().partition("=")
        if name == "gain":
            ends, _, count = value.partition(":")
            a, _, b = ends.partition("..")
            spec["gain"] = {"from": float(a), "to": float(b), "count": int(count)}
        elif name == "depth":
            a, _, b = value.partition("..")
            spec["depth"] = {"from": int(a), "to": int(b)}
        else:
            raise SystemExit("oracle: --sweep: unknown axis " + name)
    if "gain" not in spec:
        raise SystemExit("oracle: --sweep needs gain=A..B:N")
    return spec


def gain_values(gain):
    """A * (B/A) ** (k/(N-1)), the ends exactly A and B, and a gain within 4 ulps of a 12-digit decimal
    snapped to it -- as src/core/sweep.ts. Python's pow and V8's may differ in the last bit for some
    (A, B, N); the tests compare the gains bit for bit, so the goldens use ranges where they agree."""
    a, b, n = gain["from"], gain["to"], gain["count"]
    out = []
    for k in range(n):
        if k == 0:
            out.append(a)
        elif k == n - 1:
            out.append(b)
        else:
            raw = a * (b / a) ** (k / (n - 1))
            short = float("%.12g" % raw)
            out.append(short if abs(short - raw) <= 4 * sys.float_info.epsilon * raw else raw)
    return out


def int_or_float(x):
    """1.0 -> 1 (JSON as JavaScript writes it), other numbers unchanged."""
    return int(x) if float(x).is_integer() and abs(x) < 2 ** 53 else x


def stats(values):
    """Mean, sample sd (n - 1; 0 for one value), min, max -- summed in order, as results/summary.ts."""
    n = len(values)
    if n == 0:
        return {"mean": None, "sd": None, "min": None, "max": None}
    total = 0.0
    for v in values:
        total += v
    mean = total / n
    sq = 0.0
    for v in values:
        sq += (v - mean) * (v - mean)
    return {"mean": mean, "sd": math.sqrt(sq / (n - 1)) if n > 1 else 0, "min": min(values), "max": max(values)}


def sweep_config_of(cfg):
    out = config_of(cfg)
    if cfg["seeds"] > 1:
        out["seeds"] = cfg["seeds"]
    sweep = cfg["sweep"]
    out["sweep"] = {"gain": {k: int_or_float(v) for k, v in sweep["gain"].items()}}
    if "depth" in sweep:
        out["sweep"]["depth"] = dict(sweep["depth"])
    return out


def sweep_document(cfg):
    """The document of `init-tui --json --sweep`: axes, then the cells row-major (depth, then gain)."""
    data = load_dataset(cfg["dataset"], cfg.get("noise"))
    sweep = cfg["sweep"]
    gains = gain_values(sweep["gain"])
    if "depth" in sweep:
        depths = list(range(sweep["depth"]["from"], sweep["depth"]["to"] + 1))
        width = cfg["layers"][1]
        nets = [[2] + [width] * d + [1] for d in depths]
    else:
        depths = [len(cfg["layers"]) - 2]
        nets = [cfg["layers"]]
    axes = [{"name": "gain", "values": [int_or_float(g) for g in gains]}]
    if "depth" in sweep:
        axes.append({"name": "depth", "values": depths})
    cells = []
    for depth, layers in zip(depths, nets):
        for g in gains:
            seeds = []
            for s in range(cfg["seeds"]):
                r = run("gain:%r" % g, cfg, data, layers=layers, seed=cfg["seed"] + s)
                fc = r["finalCost"]
                seeds.append({"seed": cfg["seed"] + s, "trainAccuracy": r["trainAccuracy"],
                              "testAccuracy": r["testAccuracy"], "finalCost": fc if math.isfinite(fc) else None})
            kept = [x for x in seeds if x["finalCost"] is not None]
            cells.append({"gain": int_or_float(g), "depth": depth, "layers": layers, "seeds": seeds,
                          "summary": {k: stats([x[k] for x in kept]) for k in ("trainAccuracy", "testAccuracy", "finalCost")},
                          "diverged": len(kept) < len(seeds)})
    return {"config": sweep_config_of(cfg), "sweep": {"axes": axes, "cells": cells}}


DEFAULTS = {"dataset": "circles", "layers": [2, 10, 5, 1], "learningRate": 0.01, "iterations": 15000,
            "seed": 3, "every": 1000, "schemes": ["zeros", "random", "he"]}

# Settings other than the notebook's, for the golden file the tests read.
GOLDEN_SETTINGS = [
    {"name": "another learning rate", "learningRate": 0.05, "iterations": 3000, "every": 250},
    {"name": "another seed", "seed": 7, "iterations": 3000, "every": 250},
    # Not "random" here: its first few hundred iterations at lr 0.01 are chaotic (a 1e-15
    # difference in exp or a BLAS sum grows to O(1) by iteration ~220, measured), so no
    # float64 implementation other than this very numpy build can match it before it settles.
    {"name": "fewer iterations", "iterations": 400, "every": 20, "schemes": ["zeros", "he"]},
    {"name": "all three changed", "learningRate": 0.1, "seed": 11, "iterations": 1500, "every": 100},
    {"name": "moons", "dataset": "moons", "noise": 0.2, "iterations": 2000, "every": 100,
     "schemes": ["zeros", "xavier", "he"]},
    {"name": "xavier and small on circles", "iterations": 3000, "every": 250, "schemes": ["xavier", "small", "scale:0.5"]},
    {"name": "a deeper network", "layers": [2, 8, 6, 4, 1], "learningRate": 0.05, "iterations": 2000, "every": 100,
     "schemes": ["he", "xavier"]},
    {"name": "moons with less noise", "dataset": "moons", "noise": 0.1, "seed": 5, "iterations": 1500, "every": 100,
     "schemes": ["he"]},
    # gain:G, with an envelope per case: "tolerance" (relative, costs) and "chaotic" (accuracies are
    # exact unless chaotic). Judged with --sensitivity (every initial weight one ulp up, one ulp down,
    # and long double; largest relative cost change, checked every 10 iterations where noted):
    # - 4 hidden layers of 10: gain 0.5 moves <= 3e-16, gain sqrt2 <= 2e-15; gain 4 starts saturated
    #   (cost +inf for ~15 iterations, then up to 6) and amplifies a nudge to 2.6e-13 around
    #   iteration 70, then contracts to ~1e-15: sensitive, not chaotic. All inside 1e-9.
    {"name": "gains 0.5, sqrt2 and 4 on 4 hidden layers of 10", "layers": [2, 10, 10, 10, 10, 1],
     "iterations": 2000, "every": 100, "schemes": ["gain:0.5", "gain:1.4142135623730951", "gain:4"],
     "tolerance": 1e-9, "chaotic": False},
    # gain 1 is xavier bit for bit (compare "xavier and small on circles"); moves <= 6e-16.
    {"name": "gains 1 and 2 on the notebook's network", "iterations": 3000, "every": 250,
     "schemes": ["gain:1", "gain:2"], "tolerance": 1e-9, "chaotic": False},
    # The depth sweep's end cells at width 10, gain sqrt2: moves <= 2e-16 (depth 1), <= 1.1e-15 (depth 6).
    {"name": "depth 1 at width 10, gain sqrt2", "layers": [2, 10, 1], "iterations": 1000, "every": 100,
     "schemes": ["gain:1.4142135623730951"], "tolerance": 1e-9, "chaotic": False},
    {"name": "depth 6 at width 10, gain sqrt2", "layers": [2, 10, 10, 10, 10, 10, 10, 1], "iterations": 1000,
     "every": 100, "schemes": ["gain:1.4142135623730951"], "tolerance": 1e-9, "chaotic": False},
    # Chaotic: gain 6 on 4 hidden layers of 10. A one-ulp nudge stays at 1e-12 to iteration 50,
    # reaches 1.4e-2 by iteration ~350, and settles to ~1e-4..1e-3 after 3000; at iteration 2000
    # the nudged runs' test accuracy differs (0.74 vs 0.75), at 6000 all agree. Costs held to 5e-2.
    # (Stronger still, not recorded: gain 4 on 6 hidden layers of 10 moves 0.1..0.3.)
    {"name": "gain 6 on 4 hidden layers of 10 (chaotic)", "layers": [2, 10, 10, 10, 10, 1],
     "iterations": 6000, "every": 200, "schemes": ["gain:6"], "tolerance": 5e-2, "chaotic": True},
]

# Sweeps through init-tui's --sweep path, compared cell by cell (gains bit for bit: these ranges give
# the same gains in Python and in V8). "tolerance" / "chaotic" as above, judged with --sensitivity on
# every cell (--depth D --width 10 --schemes gain:G --seed S).
GOLDEN_SWEEPS = [
    # 5 gains (0.25 .. 4, powers of 2) x depths 1..3 at width 10 x seeds 3, 4: 30 models. Under a one-ulp
    # nudge every cell moves <= 2.5e-12 (gain 4 at depth 3, which starts saturated), most <= 7e-16, and
    # accuracies agree: held to 1e-9. (Long double moves gain 4 at depths 2-3 by up to 1.8e-8 -- it does
    # not saturate where float64 does -- which no float64 implementation would.)
    {"name": "gains 0.25..4 x depths 1..3 at width 10, two seeds", "sweep": "gain=0.25..4:5,depth=1..3",
     "layers": [2, 10, 1], "seeds": 2, "iterations": 500, "every": 100, "tolerance": 1e-9, "chaotic": False},
]

# Keys of a golden setting that describe the test's envelope, not the experiment.
ENVELOPE_KEYS = ("tolerance", "chaotic")


def golden_cases(settings, previous):
    """The golden cases for `settings`. A case already in `previous` (the file's old cases) with the
    same name, config and schemes is kept verbatim: the goldens are a record, and recomputing them
    on another BLAS build (or CPU) would churn their last digits and `seconds` for no reason."""
    old = {c["name"]: c for c in previous}
    cases = []
    for setting in settings:
        cfg = dict(DEFAULTS)
        cfg.update({k: v for k, v in setting.items() if k != "name" and k not in ENVELOPE_KEYS})
        head = {"name": setting["name"], **{k: setting[k] for k in ENVELOPE_KEYS if k in setting}}
        kept = old.get(setting["name"])
        if kept is not None and kept["config"] == config_of(cfg) and [r["scheme"] for r in kept["runs"]] == cfg["schemes"]:
            cases.append({**head, "config": kept["config"], "runs": kept["runs"]})
        else:
            print("oracle: computing", repr(setting["name"]), file=sys.stderr)
            cases.append({**head, **experiment(cfg)})
    return cases


def golden_sweeps(settings, previous):
    """The golden sweeps for `settings`, kept verbatim from `previous` when name and config agree."""
    old = {c["name"]: c for c in previous}
    out = []
    for setting in settings:
        cfg = dict(DEFAULTS)
        cfg.update({k: v for k, v in setting.items() if k not in ("name", "sweep") and k not in ENVELOPE_KEYS})
        cfg["sweep"] = parse_sweep(setting["sweep"])
        head = {"name": setting["name"], **{k: setting[k] for k in ENVELOPE_KEYS if k in setting}}
        kept = old.get(setting["name"])
        if kept is not None and kept["config"] == sweep_config_of(cfg):
            out.append({**head, "config": kept["config"], "sweep": kept["sweep"]})
        else:
            print("oracle: computing sweep", repr(setting["name"]), file=sys.stderr)
            out.append({**head, **sweep_document(cfg)})
    return out


def layers_from(args, ap):
    if args.depth is None and args.width is None:
        return [int(v) for v in args.layers.split(",")]
    if args.layers_given:
        ap.error("--depth/--width replace --layers; give one or the other")
    depth = 1 if args.depth is None else args.depth
    width = 10 if args.width is None else args.width
    if depth < 1 or width < 1:
        ap.error("--depth and --width must be at least 1")
    return [2] + [width] * depth + [1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schemes", default=",".join(DEFAULTS["schemes"]),
                    help="zeros, random, he, xavier, small, scale:K, gain:G (comma-separated)")
    ap.add_argument("--iterations", "-n", type=int, default=DEFAULTS["iterations"])
    ap.add_argument("--lr", type=float, default=DEFAULTS["learningRate"])
    ap.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    ap.add_argument("--every", type=int, default=DEFAULTS["every"])
    ap.add_argument("--dataset", default=DEFAULTS["dataset"])
    ap.add_argument("--noise", type=float)
    ap.add_argument("--layers", help="layer sizes, e.g. 2,10,10,10,10,1 (any number of hidden layers)")
    ap.add_argument("--depth", type=int, help="D hidden layers of --width units: layers = [2] + [W]*D + [1] (default D 1)")
    ap.add_argument("--width", type=int, help="units per hidden layer with --depth (default 10)")
    ap.add_argument("--sweep", metavar="SPEC", help="gain=A..B:N[,depth=D1..D2]: print the sweep document instead")
    ap.add_argument("--seeds", type=int, default=1, help="with --sweep: seeds per cell (seed .. seed+K-1)")
    ap.add_argument("--sensitivity", action="store_true",
                    help="instead of the JSON document, print how far each scheme's costs move when every initial "
                         "weight is nudged one ulp up/down, or trained in long double (judges chaos)")
    ap.add_argument("--goldens", metavar="FILE")
    ap.add_argument("--fresh", action="store_true", help="with --goldens: recompute every case, even those already in FILE")
    args = ap.parse_args()
    args.layers_given = args.layers is not None
    if args.layers is None:
        args.layers = ",".join(map(str, DEFAULTS["layers"]))
    if args.goldens:
        previous = {}
        if not args.fresh and os.path.exists(args.goldens):
            with open(args.goldens) as f:
                previous = json.load(f)
        doc = {"generator": "oracle/oracle.py --goldens", "numpy": np.__version__,
               "sklearn": sklearn.__version__, "cases": golden_cases(GOLDEN_SETTINGS, previous.get("cases", [])),
               "sweeps": golden_sweeps(GOLDEN_SWEEPS, previous.get("sweeps", []))}
        with open(args.goldens + ".tmp", "w") as f:
            json.dump(doc, f)
            f.write("\n")

        os.replace(args.goldens + ".tmp", args.goldens)
        return
    cfg = dict(DEFAULTS)
    cfg.update({"schemes": args.schemes.split(","), "iterations": args.iterations, "learningRate": args.lr,
                "seed": args.seed, "every": args.every, "dataset": args.dataset,
                "layers": layers_from(args, ap)})
    if args.noise is not None:
        cfg["noise"] = args.noise
    if args.sweep:
        cfg.update({"sweep": parse_sweep(args.sweep), "seeds": args.seeds})
        json.dump(sweep_document(cfg), sys.stdout, allow_nan=False)
        sys.stdout.write("\n")
        return
    if args.sensitivity:
        print(json.dumps(config_of(cfg)))
        print("scheme                 train   test    1ulp-up   1ulp-down  longdouble  accuracies")
        for row in sensitivity(cfg):
            print("%-22s %-7.4g %-7.4g %-9.2e %-10.2e %-11.2e %s" % (
                row["scheme"], row["trainAccuracy"], row["testAccuracy"], row["up"], row["down"],
                row["longdouble"], "agree" if row["accuraciesAgree"] else "DIFFER"))
        return
    json.dump(experiment(cfg), sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
