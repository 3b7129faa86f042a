"""A PyTorch LeNet-5 written as a PyTorch user would, exported with torch.onnx.export.

Usage: torch_onnx_lenet.py OUT_FOLDER. Writes model.onnx (opset 17, a dynamic
batch) and io.json: a random batch of 3 and PyTorch's outputs for it, which
ConvStudio's import of the model must reproduce.
"""
import json
import sys

import torch
from torch import nn
import torch.nn.functional as F


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
        self.drop = nn.Dropout(0.25)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.avg_pool2d(torch.tanh(self.conv2(x)), 2, count_include_pad=False)
        x = torch.flatten(x, 1)
        x = F.leaky_relu(self.fc1(x), 0.1)
        x = torch.sigmoid(self.fc2(self.drop(x)))
        return F.softmax(self.fc3(x), dim=1)


def main(out):
    torch.manual_seed(5)
    model = LeNet5().eval()
    x = torch.rand(3, 1, 28, 28)
    torch.onnx.export(model, x, f"{out}/model.onnx", opset_version=17, input_names=["image"], output_names=["probabilities"], dynamic_axes={"image": {0: "N"}, "probabilities": {0: "N"}})
    with torch.no_grad():
        y = model(x)
    with open(f"{out}/io.json", "w") as f:
        json.dump({"input": x.flatten().tolist(), "output": y.flatten().tolist(), "outputShape": list(y.shape)}, f)


if __name__ == "__main__":
    main(sys.argv[1])
