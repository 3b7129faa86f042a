/**
 * electron-builder's own loader and schema check over electron-builder.yml
 * (what `npx electron-builder` does before it downloads Electron, which these
 * machines cannot), plus what the package must carry: the resources and the
 * app icon (drawn by scripts/build-icon.mjs, committed as resources/icon/icon.png).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: { add(key: string, value: unknown): void }): Promise<void>;
};
const logger = { add: () => undefined };
const ICON = 'resources/icon/icon.png';

describe('the packaging configuration', () => {
  it('passes electron-builder\'s schema and names every target, the resources and the file association', async () => {
    const config = await getConfig(process.cwd(), null, null);
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    expect(config).toMatchObject({
      appId: 'app.convstudio.desktop',
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'] },
      fileAssociations: [expect.objectContaining({ ext: 'convstudio' })],
    });
    // validateConfiguration normalizes "files" into one filter list.
    expect(JSON.stringify(config['files'])).toContain('dist/app/**/*');
    expect(JSON.stringify(config['files'])).toContain('dist/web/**/*');
    expect((config['extraResources'] as { from: string }[]).map((r) => r.from)).toEqual(['resources/examples', 'resources/schema']);
  });

  it('is refused by the same check when it has a mistake (the check can fail)', async () => {
    const config = await getConfig(process.cwd(), null, null);
    await expect(validateConfiguration({ ...config, linux: { target: ['AppImage'], notAnOption: true } }, logger)).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.linux/);
  });

  it('names the one icon for linux, win and mac', async () => {
    const config = await getConfig(process.cwd(), null, null);
    for (const platform of ['linux', 'win', 'mac']) expect(config[platform], platform).toMatchObject({ icon: ICON });
    expect(config['directories']).toMatchObject({ buildResources: 'resources/icon' });
  });
});

describe('the app icon', () => {
  it('is a square RGBA PNG big enough for every platform (at least 512×512)', () => {
    expect(existsSync(ICON)).toBe(true);
    const png = decode(readFileSync(ICON));
    expect(png.width).toBe(png.height);
    expect(png.width).toBeGreaterThanOrEqual(512);
    expect(png.channels).toBe(4);
  });

  it('is what scripts/build-icon.mjs draws, byte for byte (the script is deterministic)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'convstudio-icon-'));
    try {
      const output = join(folder, 'icon.png');
      execFileSync(process.execPath, ['scripts/build-icon.mjs', output], { stdio: 'pipe' });
      expect(Buffer.compare(readFileSync(output), readFileSync(ICON))).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
