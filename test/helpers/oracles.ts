/**
 * Tests that need something outside npm (PyTorch, Debian's Fashion-MNIST, Chromium)
 * skip where it is missing, except when CONVSTUDIO_REQUIRE_ORACLES=1: CI
 * installs all of them and sets it, so there they can never skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const ORACLES_REQUIRED = process.env['CONVSTUDIO_REQUIRE_ORACLES'] === '1';
export const PYTHON = '/usr/bin/python3';
export const FASHION_MNIST_SOURCE = '/usr/share/datasets/fashion-mnist';

export const torchAvailable = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
export const fashionSourceAvailable = existsSync(FASHION_MNIST_SOURCE);
