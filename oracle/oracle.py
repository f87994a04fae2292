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
  oracle.py --sensitivity [same options]
      prints how far each scheme's costs move under a one-ulp nudge of the initial
      weights and in long double: the test for chaos behind a golden's tolerance.
  oracle.py --goldens FILE [--fresh]
      runs the fixed list of settings in GOLDEN_SETTINGS and writes FILE
      (test/golden/oracle.json), so that tests need no Python. Cases already in FILE
      with the same name, config and schemes are kept verbatim (--fresh: recompute all).

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


def run(scheme, cfg, data, variant=None):
    """One training run. `variant` is for --sensitivity only: "up" / "down" nudge every nonzero
    initial weight by one ulp (np.nextafter); "longdouble" trains in np.longdouble throughout."""
    train_X, train_Y, test_X, test_Y = data
    start = time.perf_counter()
    parameters = initialize(scheme, cfg["layers"], cfg["seed"])
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
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        for i in range(cfg["iterations"]):
            a3, caches = forward_propagation(train_X, parameters)
            if i % cfg["every"] == 0:
                cost = compute_loss(a3, train_Y)
                costs.append([i, float(cost) if math.isfinite(cost) else None])
            grads = backward_propagation(train_X, train_Y, caches, parameters)
            parameters = update_parameters(parameters, grads, cfg["learningRate"])
        train_acc = accuracy(train_X, train_Y, parameters)
        test_acc = accuracy(test_X, test_Y, parameters)
    return {"scheme": scheme, "costs": costs, "trainAccuracy": train_acc, "testAccuracy": test_acc,
            "seconds": round(time.perf_counter() - start, 4)}


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
    return {"config": config_of(cfg),
            "runs": [run(s, cfg, data) for s in cfg["schemes"]]}


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
        previous = []
        if not args.fresh and os.path.exists(args.goldens):
            with open(args.goldens) as f:
                previous = json.load(f)["cases"]
        doc = {"generator": "oracle/oracle.py --goldens", "numpy": np.__version__,
               "sklearn": sklearn.__version__, "cases": golden_cases(GOLDEN_SETTINGS, previous)}
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
