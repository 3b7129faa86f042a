#!/usr/bin/env python3
"""PyTorch reference for ConvStudio's batchNorm2d, in float64.

stdin: one job {document (a chain, every weight stored, the running statistics
among them), batches: [{shape, data, labels}], learningRate, evalBatch}.
Trains the same network with plain SGD, one step per batch, with
F.batch_norm in training mode (PyTorch's momentum and epsilon; it updates the
running statistics itself), then runs evalBatch in evaluation mode.
stdout: the first step's outputs, weight and input gradients; every weight
(running statistics included) after the last step; the evaluation outputs.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_reference import conv, tensor_of  # noqa: E402

torch.set_default_dtype(torch.float64)
TRAINED = ("weight", "bias")


def forward(doc, weights, x, training):
    outputs = {}
    y = x
    for node in doc["nodes"]:  # a chain, in order
        t, params, nid = node["type"], node.get("params") or {}, node["id"]
        w = weights.get(nid, {})
        if t == "input":
            y = x
        elif t == "conv2d":
            y = conv(y, w["weight"], params)
            if "bias" in w:
                y = y + w["bias"].reshape(1, -1, 1, 1)
        elif t == "batchNorm2d":
            y = F.batch_norm(y, w["runningMean"], w["runningVar"], w["weight"], w["bias"], training=training,
                             momentum=params.get("momentum", 0.1), eps=params.get("epsilon", 1e-5))
        elif t == "relu":
            y = F.relu(y)
        elif t == "flatten":
            y = y.flatten(1)
        elif t == "dense":
            y = F.linear(y.flatten(1), w["weight"], w.get("bias"))
        elif t == "softmax":
            outputs["logits"] = y
            y = F.softmax(y, dim=1)
        else:
            raise ValueError("no reference for node type " + t)
        outputs[nid] = y
    return outputs


def flat(t):
    return t.detach().flatten().tolist()


def main():
    job = json.load(sys.stdin)
    doc = job["document"]
    weights = {}
    for nid, tensors in doc["weights"].items():
        weights[nid] = {name: tensor_of(t).requires_grad_(name in TRAINED) for name, t in tensors.items()}
    first = None
    for batch in job["batches"]:
        x = torch.tensor(batch["data"]).reshape(batch["shape"]).requires_grad_(True)
        outputs = forward(doc, weights, x, True)
        loss = F.cross_entropy(outputs.pop("logits"), torch.tensor(batch["labels"], dtype=torch.long))
        loss.backward()
        if first is None:
            first = {
                "loss": loss.item(),
                "outputs": {k: flat(v) for k, v in outputs.items()},
                "grads": {nid: {n: flat(t.grad) for n, t in ts.items() if t.grad is not None} for nid, ts in weights.items()},
                "inputGrad": flat(x.grad),
            }
        with torch.no_grad():
            for ts in weights.values():
                for t in ts.values():
                    if t.grad is not None:
                        t -= job["learningRate"] * t.grad
                        t.grad = None
    e = job["evalBatch"]
    with torch.no_grad():
        evaluation = forward(doc, weights, torch.tensor(e["data"]).reshape(e["shape"]), False)
    evaluation.pop("logits")
    print(json.dumps({
        "first": first,
        "after": {nid: {n: flat(t) for n, t in ts.items()} for nid, ts in weights.items()},
        "evalOutputs": {k: flat(v) for k, v in evaluation.items()},
    }))


if __name__ == "__main__":
    main()
