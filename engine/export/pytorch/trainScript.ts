/**
 * The exported project's train.py: the document's training settings on the
 * same data (IDX files in data/, normalized as the engine normalizes them),
 * on one process or on several with torchrun and DistributedDataParallel.
 * Each process takes global batch / processes samples per step, so the
 * global batch is the document's.
 */
export const TRAIN_SCRIPT = `"""Trains the exported network with the document's settings (settings.json) on its data (data/).

    python train.py [--epochs N] [--limit N] [--out trained.safetensors]
    torchrun --nproc_per_node=2 train.py      (Debian's torchrun: add --redirects 1 --tee 1 --log_dir logs)

With several processes, each takes batchSize / processes samples per step (the global batch stays the
document's), gradients are averaged by DistributedDataParallel (gloo on CPU, nccl on CUDA), the data is
split by a DistributedSampler, metrics are summed over the processes, and rank 0 saves the weights.
"""
import argparse
import gzip
import json
import os
import struct
import sys

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from model import load, write_safetensors  # noqa: E402


def read_idx(path):
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def split(settings, name, limit):
    images = read_idx(os.path.join(here, "data", settings["files"][name + "Images"]))
    labels = read_idx(os.path.join(here, "data", settings["files"][name + "Labels"])).long()
    if limit:
        images, labels = images[:limit], labels[:limit]
    x = (images.float() / 255 - settings["normalization"]["mean"]) / settings["normalization"]["std"]
    return TensorDataset(x.reshape(len(labels), *settings["inputShape"]), labels)


def optimizer_for(settings, parameters):
    o = settings["optimizer"]
    if o["type"] == "adam":
        return torch.optim.Adam(parameters, lr=o["learningRate"], betas=(o["beta1"], o["beta2"]), eps=o["epsilon"], weight_decay=o["weightDecay"])
    return torch.optim.SGD(parameters, lr=o["learningRate"], momentum=o["momentum"], nesterov=o["nesterov"], weight_decay=o["weightDecay"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, help="instead of the document's")
    parser.add_argument("--limit", type=int, help="only the first N training and test images")
    parser.add_argument("--out", default=os.path.join(here, "trained.safetensors"))
    parser.add_argument("--save-every-rank", action="store_true", help="each process saves its weights (OUT.rankN), to compare them")
    args = parser.parse_args()
    with open(os.path.join(here, "settings.json")) as f:
        settings = json.load(f)

    distributed = "WORLD_SIZE" in os.environ
    cuda = torch.cuda.is_available()
    if distributed:
        dist.init_process_group("nccl" if cuda else "gloo")
    rank, world = (dist.get_rank(), dist.get_world_size()) if distributed else (0, 1)
    device = torch.device(f"cuda:{int(os.environ.get('LOCAL_RANK', 0))}" if cuda else "cpu")
    torch.manual_seed(settings["seed"])

    train, test = split(settings, "train", args.limit), split(settings, "test", args.limit)
    per_process = max(1, settings["batchSize"] // world)
    sampler = DistributedSampler(train, num_replicas=world, rank=rank, shuffle=True, seed=settings["seed"]) if distributed else None
    loader = DataLoader(train, batch_size=per_process, sampler=sampler, shuffle=sampler is None, generator=torch.Generator().manual_seed(settings["seed"]))
    model = load(os.path.join(here, "weights.safetensors")).to(device)
    net = DistributedDataParallel(model) if distributed else model
    optimizer = optimizer_for(settings, [p for p in model.parameters() if p.requires_grad])

    for epoch in range(args.epochs or settings["epochs"]):
        if sampler:
            sampler.set_epoch(epoch)
        net.train()
        totals = torch.zeros(3, device=device)  # loss sum, correct, count
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            logits = net(x)
            loss = F.cross_entropy(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            totals += torch.stack([loss.detach() * len(y), (logits.argmax(1) == y).sum().float(), torch.tensor(float(len(y)), device=device)])
        net.eval()
        right = torch.zeros(2, device=device)
        with torch.no_grad():
            for x, y in DataLoader(test, batch_size=256):
                right += torch.tensor([(model(x.to(device)).argmax(1) == y.to(device)).sum().item(), len(y)], dtype=torch.float32, device=device)
        if distributed:
            dist.all_reduce(totals)
            right /= world  # every process evaluated the whole test split
        if rank == 0:
            print(json.dumps({"epoch": epoch + 1, "loss": (totals[0] / totals[2]).item(), "trainAccuracy": (totals[1] / totals[2]).item(), "testAccuracy": (right[0] / right[1]).item(), "processes": world, "batchPerProcess": per_process}), flush=True)

    state = {k: v for k, v in model.state_dict().items()}
    if args.save_every_rank:
        write_safetensors(f"{args.out}.rank{rank}", state)
    if rank == 0:
        write_safetensors(args.out, state)
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
