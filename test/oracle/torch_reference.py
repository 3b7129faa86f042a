#!/usr/bin/env python3
"""PyTorch reference for ConvStudio's parity test.

Reads a JSON list of jobs on stdin, each a graph document (with every weight stored), an
input {shape, data} and integer labels. Builds the same network from plain
torch.nn.functional calls in float64, runs it in evaluation mode, and prints
every node's output, the mean cross-entropy loss and its gradient with respect
to every weight and to the input, as JSON on stdout.

Written from the layer definitions in ConvStudio's README, independently of
the engine's code: asymmetric padding goes through F.pad, max pooling pads
with -inf, and average pooling divides by the real (unpadded) inputs.
"""
import base64
import json
import math
import struct
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def tensor_of(stored):
    data = stored["data"]
    if isinstance(data, str):
        raw = base64.b64decode(data)
        data = struct.unpack("<%df" % (len(raw) // 4), raw)
    return torch.tensor(list(data), dtype=torch.float64).reshape(stored["shape"])


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def padding_amounts(padding, n, k, s):
    """(before, after) for one axis, from the README's definitions."""
    if padding == "valid":
        return 0, 0
    if padding == "full":
        return k - 1, k - 1
    if padding == "same":
        out = math.ceil(n / s)
        total = max((out - 1) * s + k - n, 0)
        return total // 2, total - total // 2
    raise ValueError(padding)


def pads(padding, x, kernel, strides):
    if isinstance(padding, list):
        top, bottom, left, right = padding
    else:
        top, bottom = padding_amounts(padding, x.shape[2], kernel[0], strides[0])
        left, right = padding_amounts(padding, x.shape[3], kernel[1], strides[1])
    return (left, right, top, bottom)  # F.pad order: last axis first


def conv(x, w, params):
    kernel = pair(params["kernelSize"])
    strides = pair(params.get("strides", 1))
    dilation = pair(params.get("dilation", 1))
    # A dilated kernel spans d * (k - 1) + 1 pixels: padding is worked out for that span.
    span = tuple(d * (k - 1) + 1 for d, k in zip(dilation, kernel))
    x = F.pad(x, pads(params.get("padding", "valid"), x, span, strides))
    return F.conv2d(x, w, stride=strides, dilation=dilation)


def pool(x, params, kind):
    window = pair(params.get("poolSize", 2))
    strides = pair(params.get("strides", window))
    p = pads(params.get("padding", "valid"), x, window, strides)
    if kind == "maxPool2d":
        return F.max_pool2d(F.pad(x, p, value=-math.inf), window, strides)
    area = window[0] * window[1]
    sums = F.avg_pool2d(F.pad(x, p), window, strides) * area
    counts = F.avg_pool2d(F.pad(torch.ones_like(x[:1, :1]), p), window, strides) * area
    return sums / counts


def run(job):
    doc = job["document"]
    nodes = {n["id"]: n for n in doc["nodes"]}
    inputs_of = {n["id"]: [] for n in doc["nodes"]}
    for i, e in enumerate(doc["edges"]):
        inputs_of[e["to"]].append((e.get("port", math.inf), i, e["from"]))
    inputs_of = {k: [f for _, _, f in sorted(v)] for k, v in inputs_of.items()}

    weights = {}
    for node_id, tensors in doc.get("weights", {}).items():
        weights[node_id] = {name: tensor_of(t).requires_grad_(True) for name, t in tensors.items()}

    x = torch.tensor(job["input"]["data"]).reshape(job["input"]["shape"]).requires_grad_(True)
    outputs = {}
    logits = None
    remaining = list(doc["nodes"])
    while remaining:  # a simple topological order
        node = next(n for n in remaining if all(i in outputs for i in inputs_of[n["id"]]))
        remaining.remove(node)
        t, params, nid = node["type"], node.get("params") or {}, node["id"]
        ins = [outputs[i] for i in inputs_of[nid]]
        w = weights.get(nid, {})
        if t == "input":
            y = x
        elif t == "conv2d":
            y = conv(ins[0], w["weight"], params)
            if "bias" in w:
                y = y + w["bias"].reshape(1, -1, 1, 1)
        elif t in ("maxPool2d", "avgPool2d"):
            y = pool(ins[0], params, t)
        elif t == "globalAvgPool2d":
            y = F.adaptive_avg_pool2d(ins[0], 1).flatten(1)
        elif t == "relu":
            y = F.relu(ins[0])
        elif t == "leakyRelu":
            y = F.leaky_relu(ins[0], params.get("alpha", 0.01))
        elif t == "sigmoid":
            y = torch.sigmoid(ins[0])
        elif t == "tanh":
            y = torch.tanh(ins[0])
        elif t in ("flatten",):
            y = ins[0].flatten(1)
        elif t == "dropout":
            y = ins[0]  # evaluation mode
        elif t == "dense":
            y = F.linear(ins[0].flatten(1), w["weight"], w.get("bias"))
        elif t == "add":
            y = sum(ins[1:], ins[0])
        elif t == "concat":
            y = torch.cat(ins, dim=1)
        elif t == "softmax":
            logits = ins[0]
            y = F.softmax(logits, dim=1)
        else:
            raise ValueError("no PyTorch reference for node type " + t)
        outputs[nid] = y

    labels = torch.tensor(job["labels"], dtype=torch.long)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    return {
        "outputs": {k: v.detach().flatten().tolist() for k, v in outputs.items()},
        "loss": loss.item(),
        "grads": {nid: {name: t.grad.flatten().tolist() for name, t in ts.items()} for nid, ts in weights.items()},
        "inputGrad": x.grad.flatten().tolist(),
    }


def main():
    """stdin: a list of jobs; stdout: a list of results, one torch start-up for all."""
    print(json.dumps([run(job) for job in json.load(sys.stdin)]))


if __name__ == "__main__":
    main()
