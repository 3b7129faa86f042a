import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../engine/lessons/catalog';
import { convolvePicture, KERNEL_PRESETS } from '../../engine/lessons/kernels';
import { flatPicture } from '../../engine/lessons/picture';
import { convstudio } from '../helpers/cli';

describe('convstudio lesson', () => {
  it('--help lists every lesson of the catalog with its options', () => {
    const run = convstudio('lesson', '--help');
    expect(run.code).toBe(0);
    for (const lesson of LESSONS) {
      expect(run.stdout).toContain(`  ${lesson.id}`);
      for (const option of lesson.options) expect(run.stdout).toContain(`--${option.name}`);
    }
  });

  it('kernels --json prints the engine’s output for the same inputs', () => {
    const run = convstudio('lesson', 'kernels', '--picture', 'flat:0.5', '--kernel', 'sharpen', '--padding', 'valid', '--at', '3,4', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    const want = convolvePicture(flatPicture(28, 28, 0.5), KERNEL_PRESETS.sharpen, 'valid');
    expect(result.output).toMatchObject({ height: 26, width: 26, min: 0.5, max: 0.5 });
    expect(result.output.data).toEqual(Array.from(want.data));
    expect(result.explained).toMatchObject({ outY: 3, outX: 4, top: 3, left: 4, sum: 0.5 });
  });

  it('reads a data set’s test image and the bundled photograph (in colour, 200×133)', () => {
    const digit = JSON.parse(convstudio('lesson', 'kernels', '--picture', 'mnist:0', '--json').stdout);
    expect(digit.picture).toEqual({ name: 'mnist test image 0', channels: 1, height: 28, width: 28 });
    const photo = JSON.parse(convstudio('lesson', 'kernels', '--picture', 'photo', '--json').stdout);
    expect(photo.picture).toMatchObject({ channels: 3, height: 133, width: 200 });
  });

  it('costs prints the lecture slide’s table by default', () => {
    const result = JSON.parse(convstudio('lesson', 'costs', '--json').stdout);
    expect(result.table).toEqual({
      convolution: { storedFloats: 2, flops: 267_960 },
      dense: { storedFloats: 8_003_072_000, flops: 16_006_054_680 },
      sparse: { storedFloats: 178_640, flops: 267_960 },
    });
  });

  it('refuses bad options with one line naming the option, exit code 2', () => {
    for (const [args, message] of [
      [['kernels', '--padding', 'x'], /^convstudio lesson kernels: --padding: expected valid, same, not "x"$/],
      [['kernels', '--kernel', '1 2 3'], /^convstudio lesson kernels: --kernel: a kernel has 9 \(3×3\) or 25 \(5×5\) numbers, not 3$/],
      [['kernels', '--picture', 'mnist:99999'], /^convstudio lesson kernels: --picture: mnist has test images 0 to 9999, not 99999$/],
      [['kernels', '--picture', 'nothere.png'], /^convstudio lesson kernels: --picture: no file nothere.png$/],
      [['kernels', '--bogus', '1'], /^convstudio lesson kernels: Unknown option '--bogus'/],
      [['costs', '--preset', 'none', '--kernel', '40x1', '--input', '1x28x28'], /^convstudio lesson costs: --kernel: .*kernel/],
      [['nosuch'], /^convstudio lesson: unknown lesson "nosuch"/],
    ] as const) {
      const run = convstudio('lesson', ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(message);
    }
  });
});

describe('convstudio lesson equivariance and pooling', () => {
  it('equivariance: exactly 0 away from the band with conv2d, not with locallyConnected2d', () => {
    const shared = JSON.parse(convstudio('lesson', 'equivariance', '--picture', 'mnist:3', '--dx', '2', '--dy=-1', '--json').stdout);
    const local = JSON.parse(convstudio('lesson', 'equivariance', '--picture', 'mnist:3', '--dx', '2', '--dy=-1', '--layer', 'locallyConnected2d', '--json').stdout);
    expect(shared.largestInside).toBe(0);
    expect(local.largestInside).toBeGreaterThan(0.05);
    expect(shared.band).toHaveLength(28 * 28);
    expect(shared.bandUnits).toBeGreaterThan(0);
    expect(convstudio('lesson', 'equivariance', '--dx', '9').stderr.trim()).toBe('convstudio lesson equivariance: --dx: expected a whole number from -6 to 6, not "9"');
  });

  it('pooling: a row per pool size, everything unchanged at shift 0', () => {
    const result = JSON.parse(convstudio('lesson', 'pooling', '--picture', 'fashion-mnist:1', '--direction', 'down', '--shifts', '2', '--json').stdout);
    expect(result.rows.map((r: { pool: number }) => r.pool)).toEqual([1, 2, 3]);
    for (const row of result.rows) {
      expect(row.unchanged).toHaveLength(3);
      expect(row.unchanged[0]).toBe(1);
    }
  });
});

describe('convstudio lesson toeplitz', () => {
  it('prints W equal to the engine convolution’s Jacobian, and Wᵀg equal to its input gradient', async () => {
    const { engineJacobian, toeplitzCaseOf } = await import('../../engine/lessons/toeplitz');
    const cases: Record<string, string>[] = [
      { input: '4x4', kernel: '2x2', stride: '1', padding: 'valid' },
      { input: '6x5', kernel: '3x2', stride: '2', padding: 'same' },
      { input: '3x3', kernel: '2x3', stride: '1', padding: 'full', weights: '0.5 -1 2 0 3 -0.25' },
    ];
    for (const options of cases) {
      const args = Object.entries(options).map(([k, v]) => `--${k}=${v}`);
      const result = JSON.parse(convstudio('lesson', 'toeplitz', ...args, '--json').stdout);
      expect(result.W).toEqual(Array.from(engineJacobian(toeplitzCaseOf(options))));
      expect(result.forward.largestDifference).toBeLessThan(1e-9);
      expect(result.backward.largestDifference).toBeLessThan(1e-6);
      expect(result.kernelGradient.largestDifference).toBeLessThan(1e-6);
    }
  });
});

describe('convstudio lesson sharing --train yes', () => {
  it('trains the convolution, the tiled and the locally-connected network on shapes, each above chance', { timeout: 120_000 }, () => {
    const run = convstudio('lesson', 'sharing', '--train', 'yes', '--dataset', 'shapes', '--json');
    expect(run.code).toBe(0);
    const { experiment } = JSON.parse(run.stdout);
    expect(experiment.settings).toMatchObject({ dataset: 'shapes', epochs: 1, trainLimit: 6000, testLimit: 1000 });
    // 5×5 on 28×28: 24×24 positions of 8 filters, pooled to 8×12×12 for 4 classes. One kernel set; four (2×2); one per position.
    const dense = 8 * 12 * 12 * 4 + 4;
    const arms = experiment.arms as { arm: string; parameters: number; testAccuracy: number; seconds: number }[];
    expect(arms.map((a) => [a.arm, a.parameters])).toEqual([
      ['convolution', 8 * 25 + 8 + dense],
      ['tiled, 2×2 kernel sets', 4 * 8 * 25 + 8 + dense],
      ['locally connected', 24 * 24 * (8 * 25 + 8) + dense],
    ]);
    for (const a of arms) {
      expect(a.testAccuracy).toBeGreaterThan(0.4); // four classes: chance is 0.25
      expect(a.seconds).toBeGreaterThan(0);
    }
  });
});
