#!/usr/bin/env python3
"""Checks exported PyTorch projects in one PyTorch start-up.

argv: project folders. For each, loads its model.py under a name of its own,
the weights from weights.safetensors (strict), and compares the module's
logits with the engine's (expected.json), as the project's check.py does.
stdout: per folder, the relative error, the state_dict keys and the logits' shape.
"""
import importlib.util
import json
import os
import sys

import torch


def check(index, folder):
    spec = importlib.util.spec_from_file_location(f"exported_model_{index}", os.path.join(folder, "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.load(os.path.join(folder, "weights.safetensors")).eval()
    with open(os.path.join(folder, "expected.json")) as f:
        expected = json.load(f)
    x = torch.tensor(expected["input"]["data"], dtype=torch.float32).reshape(expected["input"]["shape"])
    with torch.no_grad():
        y = model(x)
    reference = torch.tensor(expected["logits"]["data"], dtype=torch.float32).reshape(expected["logits"]["shape"])
    error = ((y - reference).abs().max() / reference.abs().max().clamp(min=1e-6)).item()
    return {"folder": folder, "relativeError": error, "keys": list(model.state_dict().keys()), "shape": list(y.shape)}


print(json.dumps([check(i, folder) for i, folder in enumerate(sys.argv[1:])]))
