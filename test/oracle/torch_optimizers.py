#!/usr/bin/env python3
"""PyTorch reference for ConvStudio's optimizers.

stdin: a JSON list of jobs {settings, initial: [...], grads: [[...] per step]};
stdout: per job, the parameter after each step, from torch.optim.SGD / Adam.
Weight decay is L2 added to the gradient, as in torch.optim (not AdamW).
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)


def run(job):
    s = job["settings"]
    p = torch.nn.Parameter(torch.tensor(job["initial"]))
    if s["type"] == "adam":
        opt = torch.optim.Adam([p], lr=s["learningRate"], betas=(s["beta1"], s["beta2"]), eps=s["epsilon"], weight_decay=s["weightDecay"])
    else:
        opt = torch.optim.SGD([p], lr=s["learningRate"], momentum=s["momentum"], nesterov=s["nesterov"], weight_decay=s["weightDecay"])
    history = []
    for g in job["grads"]:
        p.grad = torch.tensor(g)
        opt.step()
        history.append(p.detach().tolist())
    return history


print(json.dumps([run(job) for job in json.load(sys.stdin)]))
