#!/usr/bin/env python3
"""PyTorch's autograd Jacobian of a one-channel convolution, for the Toeplitz lesson.

Reads a JSON list of cases on stdin: {height, width, kernel: {rows, cols, values},
stride, padding} with padding 'valid', 'same', 'full' or [top, bottom, left, right].
Prints, per case, the Jacobian of y = conv2d(x) with respect to x (outputs × inputs,
row-major), in float64, computed by torch.autograd.functional.jacobian. Padding is
applied with F.pad (zeros), written from the README's definitions: same puts the odd
pixel after, full pads k − 1 on each side; independent of the engine's code.
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def pads(size, kernel, stride, mode):
    if mode == "valid":
        return 0, 0
    if mode == "full":
        return kernel - 1, kernel - 1
    total = max((math.ceil(size / stride) - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def jacobian(case):
    h, w, s = case["height"], case["width"], case["stride"]
    k = case["kernel"]
    weight = torch.tensor(k["values"]).reshape(1, 1, k["rows"], k["cols"])
    padding = case["padding"]
    if isinstance(padding, str):
        top, bottom = pads(h, k["rows"], s, padding)
        left, right = pads(w, k["cols"], s, padding)
    else:
        top, bottom, left, right = padding

    def f(x):
        padded = F.pad(x.reshape(1, 1, h, w), (left, right, top, bottom))
        return F.conv2d(padded, weight, stride=s).reshape(-1)

    return torch.autograd.functional.jacobian(f, torch.zeros(h * w)).reshape(-1).tolist()


print(json.dumps([jacobian(case) for case in json.load(sys.stdin)]))
