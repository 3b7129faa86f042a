/**
 * electron-builder's own loader and schema check over electron-builder.yml
 * (what `npx electron-builder` does before it downloads Electron, which these
 * machines cannot), plus what the package must carry.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: { add(key: string, value: unknown): void }): Promise<void>;
};
const logger = { add: () => undefined };

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
});
