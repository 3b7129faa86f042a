/**
 * The layers an exported PyTorch project's model.py is built from, as the
 * engine computes them (the README's definitions): explicit padding through
 * F.pad (asymmetric too), max pooling that never picks padding, average
 * pooling over real pixels only, kernel-set convolution by unfold + einsum.
 * Weights keep ConvStudio's names and layouts, so a state_dict key is
 * `node.weight`. Buffers are float (gloo cannot broadcast bool buffers).
 */
export const PYTHON_LAYERS = `import json
import math
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_safetensors(path):
    """The tensors of a safetensors file (float32), read with the standard library and torch.frombuffer."""
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    base = 8 + length
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[base + begin:base + end]), dtype=torch.float32).reshape(info["shape"]).clone()
    return tensors


def write_safetensors(path, tensors):
    """Writes float32 tensors as a safetensors file (the format read_safetensors reads)."""
    header, blobs, offset = {}, [], 0
    for name, tensor in tensors.items():
        values = tensor.detach().to(torch.float32).cpu().flatten().tolist()
        blob = struct.pack("<%df" % len(values), *values)
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header)
    text += " " * ((8 - (len(text) + 8) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text.encode() + b"".join(blobs))


def parameter(shape, trainable=True):
    return nn.Parameter(torch.zeros(shape), requires_grad=trainable)


class Conv(nn.Module):
    """conv2d: pads = (left, right, top, bottom), then an unpadded convolution."""

    def __init__(self, weight_shape, bias, stride, pads, dilation, trainable=True):
        super().__init__()
        self.weight = parameter(weight_shape, trainable)
        self.bias = parameter(weight_shape[0], trainable) if bias else None
        self.stride, self.pads, self.dilation = stride, pads, dilation

    def forward(self, x):
        return F.conv2d(F.pad(x, self.pads), self.weight, self.bias, self.stride, 0, self.dilation)


class KernelSets(nn.Module):
    """locallyConnected2d and tiledConv2d: weight [sets_h, sets_w, F, C, kH, kW]; output (i, j) uses set index[i * out_w + j]."""

    def __init__(self, weight_shape, bias_shape, kernel, stride, pads, out_size, index, trainable=True):
        super().__init__()
        self.weight = parameter(weight_shape, trainable)
        self.bias = parameter(bias_shape, trainable) if bias_shape else None
        self.kernel, self.stride, self.pads, self.out_size = kernel, stride, pads, out_size
        self.register_buffer("index", torch.tensor(index, dtype=torch.float32), persistent=False)

    def forward(self, x):
        columns = F.unfold(F.pad(x, self.pads), self.kernel, stride=self.stride)  # [N, C*kH*kW, positions]
        filters = self.weight.shape[2]
        sets = self.weight.reshape(-1, filters, columns.shape[1])
        per_position = sets[self.index.long()]  # [positions, F, C*kH*kW]
        y = torch.einsum("nrl,lfr->nfl", columns, per_position).reshape(x.shape[0], filters, *self.out_size)
        if self.bias is None:
            return y
        return y + (self.bias.reshape(1, filters, 1, 1) if self.bias.dim() == 1 else self.bias.unsqueeze(0))


class MaxPool(nn.Module):
    """Padding is −∞, never a window's maximum; a window over padding alone gives 0."""

    def __init__(self, kernel, stride, pads, empty):
        super().__init__()
        self.kernel, self.stride, self.pads = kernel, stride, pads
        self.register_buffer("empty", torch.tensor(empty, dtype=torch.float32), persistent=False)

    def forward(self, x):
        y = F.max_pool2d(F.pad(x, self.pads, value=-math.inf), self.kernel, self.stride)
        return torch.where(self.empty > 0, torch.zeros_like(y), y)


class AvgPool(nn.Module):
    """The mean of each window's real pixels: window sums times 1 / (real pixels in the window), 0 where there are none."""

    def __init__(self, kernel, stride, pads, inverse_counts):
        super().__init__()
        self.kernel, self.stride, self.pads = kernel, stride, pads
        self.register_buffer("inverse_counts", torch.tensor(inverse_counts, dtype=torch.float32), persistent=False)

    def forward(self, x):
        return F.avg_pool2d(F.pad(x, self.pads), self.kernel, self.stride, divisor_override=1) * self.inverse_counts


class Dense(nn.Module):
    def __init__(self, units, inputs, bias, trainable=True):
        super().__init__()
        self.weight = parameter((units, inputs), trainable)
        self.bias = parameter(units, trainable) if bias else None

    def forward(self, x):
        return F.linear(x.flatten(1), self.weight, self.bias)


class BatchNorm(nn.Module):
    """As nn.BatchNorm2d, with ConvStudio's names: weight, bias, runningMean, runningVar."""

    def __init__(self, channels, momentum, epsilon):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))
        self.register_buffer("runningMean", torch.zeros(channels))
        self.register_buffer("runningVar", torch.ones(channels))
        self.momentum, self.epsilon = momentum, epsilon

    def forward(self, x):
        return F.batch_norm(x, self.runningMean, self.runningVar, self.weight, self.bias, self.training, self.momentum, self.epsilon)
`;
