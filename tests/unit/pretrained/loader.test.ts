import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPretrained, PretrainedError, weightsFileName } from '../../../src/engine/model/pretrained';
import { createNodeModelSource } from '../../../src/engine/model/pretrained-node';
import { createBrowserModelSource } from '../../../src/engine/model/pretrained-source';
import { assertSpec } from '../../../src/engine/spec/parse';
import { fileValues, NAME, transferSpec, writeModelFile } from './helpers';

const load = (dir: string, sha256: string, extra?: Parameters<typeof transferSpec>[1]) =>
  loadPretrained(createNodeModelSource(dir), assertSpec(transferSpec(sha256, extra)));

describe('loadPretrained', () => {
  it('loads the first layers of a checksummed file, values unchanged', async () => {
    const { dir, sha256 } = writeModelFile();
    const w = await load(dir, sha256);
    expect(w).toMatchObject({ name: NAME, sha256, layers: 1, freeze: true });
    expect(w.values).toHaveLength(1);
    const [W1, b1] = fileValues();
    expect(w.values[0]!.kernel).toEqual(W1);
    expect(w.values[0]!.bias).toEqual(b1);
  });

  it('refuses a weights file whose checksum does not match, and says so', async () => {
    const { dir, sha256, bytes } = writeModelFile();
    const file = join(dir, NAME, weightsFileName(sha256));
    const damaged = Uint8Array.from(bytes);
    damaged[100] ^= 1;
    writeFileSync(file, damaged);
    await expect(load(dir, sha256)).rejects.toThrow(PretrainedError);
    await expect(load(dir, sha256)).rejects.toThrow(`models/${NAME}/${weightsFileName(sha256)} is corrupt: its SHA-256 is `);
    await expect(load(dir, sha256)).rejects.toThrow(/expected [0-9a-f]{12}…; not training on it/);
  });

  it('refuses a truncated weights file', async () => {
    const { dir, sha256, bytes } = writeModelFile();
    writeFileSync(join(dir, NAME, weightsFileName(sha256)), bytes.subarray(0, 400));
    await expect(load(dir, sha256)).rejects.toThrow(`is corrupt or truncated (expected ${bytes.byteLength} bytes, got 400)`);
  });

  it('refuses a model file that now names other weights than the spec', async () => {
    const { dir } = writeModelFile();
    const other = 'ab'.repeat(32);
    await expect(load(dir, other)).rejects.toThrow(`the pretrained model ${NAME} now holds other weights`);
  });

  it('refuses layers that differ from the file’s, naming both', async () => {
    const { dir, sha256 } = writeModelFile();
    const layers = [
      { type: 'dense' as const, units: 5, activation: 'tanh' as const },
      { type: 'dense' as const, units: 1, activation: 'sigmoid' as const },
    ];
    await expect(load(dir, sha256, { layers })).rejects.toThrow(
      `layer 1 of the pretrained model ${NAME} is dense(5, relu), but this model's layer 1 is dense(5, tanh)`,
    );
  });

  it('refuses a missing model and a malformed model.json', async () => {
    const { dir, sha256 } = writeModelFile();
    await expect(loadPretrained(createNodeModelSource(join(dir, 'nowhere')), assertSpec(transferSpec(sha256)))).rejects.toThrow(
      `could not load the pretrained model ${NAME}`,
    );
    const path = join(dir, NAME, 'model.json');
    const m = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...m, weights: { ...m.weights, bytes: 8 } }));
    await expect(load(dir, sha256)).rejects.toThrow(
      `models/${NAME}/model.json lists 3943 weights (15772 bytes) but a weights file of 8 bytes`,
    );
    writeFileSync(path, '{ not json');
    await expect(load(dir, sha256)).rejects.toThrow(`models/${NAME}/model.json is not valid JSON`);
  });

  it('fetches through the site base URL in the browser, model.json revalidated', async () => {
    const { dir, sha256 } = writeModelFile();
    const asked: { url: string; cache?: string }[] = [];
    const fetch = (async (url: string, init?: RequestInit) => {
      asked.push({ url, cache: init?.cache });
      const rel = url.replace('/book/models/', '');
      return new Response(readFileSync(join(dir, rel)));
    }) as typeof globalThis.fetch;
    const w = await loadPretrained(createBrowserModelSource({ baseUrl: '/book', fetch }), assertSpec(transferSpec(sha256)));
    expect(w.values[0]!.bias).toEqual(fileValues()[1]);
    expect(asked).toEqual([
      { url: `/book/models/${NAME}/model.json`, cache: 'no-cache' },
      { url: `/book/models/${NAME}/${weightsFileName(sha256)}`, cache: undefined },
    ]);
    const missing = (async () => new Response('no', { status: 404, statusText: 'Not Found' })) as typeof globalThis.fetch;
    await expect(loadPretrained(createBrowserModelSource({ fetch: missing }), assertSpec(transferSpec(sha256)))).rejects.toThrow(
      `could not load the pretrained model ${NAME} (the server answered 404 Not Found)`,
    );
  });
});
