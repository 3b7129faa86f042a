#!/usr/bin/env python3
"""PyTorch CPU peer for `npm run bench`, 2 threads, Adam 0.001, random data:
LeNet-5 as in resources/examples/lenet-5.json (1x28x28) or the small VGG of
bench/networks/vgg-small.json (3x32x32). argv: network, batch, warmup steps,
steps per repetition, repetitions. Prints {"version", "parameters", "rates": [samples/s ...]}."""
import json
import sys
import time

import torch
import torch.nn as nn

torch.set_num_threads(2)
network, batch, warmup, steps, reps = sys.argv[1], *(int(a) for a in sys.argv[2:6])
torch.manual_seed(1)
if network == "lenet-5":
    shape = (1, 28, 28)
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
    )
elif network == "vgg-small":
    shape = (3, 32, 32)
    model = nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(4096, 128), nn.ReLU(), nn.Linear(128, 10),
    )
else:
    sys.exit(f"unknown network {network}")
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(batch, *shape)
y = torch.randint(0, 10, (batch,))


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
    rates.append(steps * batch / (time.perf_counter() - start))
parameters = sum(p.numel() for p in model.parameters())
print(json.dumps({"version": torch.__version__, "parameters": parameters, "rates": rates}))
