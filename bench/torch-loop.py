#!/usr/bin/env python3
"""PyTorch's training loop for bench part (i): the notebook's network (relu hidden layers, a sigmoid
output, cross-entropy, plain gradient descent) in float64 on the training set of oracle/oracle.py,
He weights, timed over the loop only (autograd: forward, loss, backward, update). Not a numerical
reference (oracle.py is): a speed yardstick.

  torch-loop.py --layers 2,256,256,1 [--iterations 2000] [--lr 0.01] [--threads 1]
      prints {"seconds": S} (the loop), with torch.set_num_threads(threads).
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "oracle"))
import numpy as np  # noqa: E402
import torch  # noqa: E402
from oracle import load_dataset  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--layers", required=True)
p.add_argument("--iterations", type=int, default=2000)
p.add_argument("--lr", type=float, default=0.01)
p.add_argument("--threads", type=int, default=1)
a = p.parse_args()
torch.set_num_threads(a.threads)
layers = [int(n) for n in a.layers.split(",")]
train_X, train_Y, _, _ = load_dataset()
X = torch.tensor(np.asarray(train_X), dtype=torch.float64)
Y = torch.tensor(np.asarray(train_Y), dtype=torch.float64)
g = torch.Generator().manual_seed(3)
W = [(torch.randn(layers[l], layers[l - 1], generator=g, dtype=torch.float64) * (2 / layers[l - 1]) ** 0.5).requires_grad_() for l in range(1, len(layers))]
b = [torch.zeros(layers[l], 1, dtype=torch.float64, requires_grad=True) for l in range(1, len(layers))]
m = X.shape[1]
t0 = time.perf_counter()
for i in range(a.iterations):
    A = X
    for l in range(len(W)):
        Z = W[l] @ A + b[l]
        A = torch.relu(Z) if l < len(W) - 1 else torch.sigmoid(Z)
    loss = (-(Y * torch.log(A)) - (1 - Y) * torch.log(1 - A)).sum() / m
    loss.backward()
    with torch.no_grad():
        for t in W + b:
            t -= a.lr * t.grad
            t.grad = None
print(json.dumps({"seconds": time.perf_counter() - t0}))
