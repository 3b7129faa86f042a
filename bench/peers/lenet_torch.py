#!/usr/bin/env python3
"""PyTorch CPU peer for `npm run bench`: LeNet-5 as in resources/examples/lenet-5.json,
batch 32, Adam 0.001, random MNIST-shaped data, 2 threads. argv: warmup steps,
steps per repetition, repetitions. Prints {"version", "rates": [samples/s ...]}."""
import json
import sys
import time

import torch
import torch.nn as nn

torch.set_num_threads(2)
warmup, steps, reps = (int(a) for a in sys.argv[1:4])
torch.manual_seed(1)
model = nn.Sequential(
    nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
)
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(32, 1, 28, 28)
y = torch.randint(0, 10, (32,))


def step():
    optimizer.zero_grad()
    loss_fn(model(x), y).backward()
    optimizer.step()


for _ in range(warmup):
    step()
rates = []
for _ in range(reps):
    start = time.perf_counter()
    for _ in range(steps):
        step()
    rates.append(steps * 32 / (time.perf_counter() - start))
print(json.dumps({"version": torch.__version__, "rates": rates}))
