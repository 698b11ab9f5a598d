/**
 * Deterministic choice of the training, validation and test images of an experiment.
 *
 * Two steps, so that only the needed shards are downloaded:
 *  1. `planSubset(manifest, request)` decides, from the manifest alone, how many images of each class
 *     each part gets (its "quotas") and how many leading shards of each split hold enough of them.
 *  2. `selectSubset(plan, labels)` receives the labels of those shards and picks the images: per class,
 *     a seeded shuffle of that class's images in the shards; the first ones go to training, the next
 *     ones to validation (so the two never overlap), test images come from the test split.
 *
 * `classes` restricts every part to the listed classes (all classes when absent); "all classes" below
 * then means "the listed classes", and a binary task's negatives are the listed classes that are not positive.
 *
 * Quotas: a multiclass task, or a binary task without exact counts, spreads the training set as
 * equally as possible over all classes. A binary task with `counts` takes exactly `counts.positive`
 * images from the positive classes and `counts.negative` from the others, each spread equally over
 * its classes. Validation and test sets of a binary task keep the training set's positive share
 * (rounded); a multiclass task spreads them equally over the classes. "As equal as possible" means
 * quotas differ by at most one, except for classes with too few images, which give all they have;
 * the seed decides which classes get the one extra image.
 */
import { createRng, shuffleInPlace } from '../random';
import type { Manifest } from './manifest';

export type DataTask = { kind: 'multiclass' } | { kind: 'binary'; positive: number[] };

/** What an experiment asks for; `ExperimentSpec['data']` plus the seed fits this shape. */
export interface SubsetRequest {
  dataset: string;
  task: DataTask;
  /** Training images (from the training split). */
  train: number;
  /** Validation images (from the training split, disjoint from the training images). */
  validation: number;
  /** Test images (from the test split). */
  test: number;
  /** Exact training-set class balance of a binary task; must add up to `train`. */
  counts?: { positive: number; negative: number };
  /** Use only these class ids (2 or more, distinct). Multiclass labels follow this order. Default: every class. */
  classes?: number[];
  seed: number;
}

/** Images per class for each part, and how many leading shards of each split are needed. */
export interface SubsetPlan {
  dataset: string;
  seed: number;
  task: DataTask;
  /** The class ids in use, in the request's order (multiclass label k is class `classes[k]`). */
  classes: number[];
  quotas: { train: number[]; validation: number[]; test: number[] };
  shards: { train: number; test: number };
}

/**
 * Chosen images, as indexes into the concatenated leading shards of a split (equal to the image's
 * position in the whole split, since shards are always used from the first one). Sorted ascending.
 */
export interface Selection {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/** A request that the dataset cannot satisfy, explained in a sentence. */
export class SubsetError extends Error {
  override name = 'SubsetError';
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "class Bag", "classes Bag and Coat", "classes Bag, Coat and Shirt". */
function classList(manifest: Manifest, ids: number[]): string {
  const names = ids.map((c) => manifest.classes[c]);
  const joined = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.length === 1 ? 'class' : 'classes'} ${joined}`;
}

/**
 * Spreads `total` images over `classes` as equally as possible without exceeding `room[c]`; classes
 * with too little room give all they have and the rest is shared by the others. `rng` picks which
 * classes get the remainder. The caller has checked that the room suffices.
 */
function allocate(total: number, classes: number[], room: number[], rng: ReturnType<typeof createRng>): number[] {
  const quota = room.map(() => 0);
  let left = total;
  let active = classes.filter((c) => room[c] > 0);
  while (left > 0 && active.length > 0) {
    const share = Math.floor(left / active.length);
    const capped = active.filter((c) => room[c] - quota[c] <= share);
    if (capped.length > 0) {
      for (const c of capped) {
        left -= room[c] - quota[c];
        quota[c] = room[c];
      }
      active = active.filter((c) => quota[c] < room[c]);
      continue;
    }
    for (const c of active) quota[c] += share;
    left -= share * active.length;
    const order = active.slice();
    shuffleInPlace(order, rng);
    for (const c of order.slice(0, left)) quota[c] += 1;
    left = 0;
  }
  return quota;
}

function wholeNumber(value: number, what: string, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new SubsetError(`${what} must be a whole number ≥ ${min}, got ${value}`);
}

/** Decides quotas and shards from the manifest alone. Throws SubsetError with a readable sentence. */
export function planSubset(manifest: Manifest, request: SubsetRequest): SubsetPlan {
  const { task, counts, seed } = request;
  const title = manifest.title;
  if (request.dataset !== manifest.dataset)
    throw new SubsetError(`asked for ${request.dataset} images but the manifest describes ${manifest.dataset}`);
  wholeNumber(request.train, 'the training set size', 1);
  wholeNumber(request.validation, 'the validation set size', 0);
  wholeNumber(request.test, 'the test set size', 0);
  const k = manifest.classes.length;
  const used = usedClasses(manifest, request.classes);
  /** The classes in use, ascending (allocation order; without `classes` every class, as always). */
  const all = [...used].sort((a, b) => a - b);
  const restricted = request.classes !== undefined;
  const trainRoom = manifest.splits.train.classCounts;
  const testRoom = manifest.splits.test.classCounts;
  const rng = (part: string) => createRng(seed, `subset/${part}`);

  if (request.train + request.validation > manifest.splits.train.count) {
    throw new SubsetError(
      `asked for ${request.train} training + ${request.validation} validation images but ${title} has ${manifest.splits.train.count} training images`,
    );
  }
  if (request.test > manifest.splits.test.count) {
    throw new SubsetError(`asked for ${request.test} test images but ${title} has ${manifest.splits.test.count}`);
  }

  if (restricted) {
    // The listed classes may hold fewer images than the whole split.
    const of = ` of ${classList(manifest, all)}`;
    const trainHave = sum(all.map((c) => trainRoom[c]));
    if (request.train + request.validation > trainHave) {
      const asked = request.validation
        ? `${request.train} training + ${request.validation} validation images`
        : `${request.train} training images`;
      throw new SubsetError(`asked for ${asked} but ${title} has ${trainHave} training images${of}`);
    }
    const testHave = sum(all.map((c) => testRoom[c]));
    if (request.test > testHave) throw new SubsetError(`asked for ${request.test} test images but ${title} has ${testHave}${of}`);
  }

  let groups: { name: string; classes: number[] }[];
  if (task.kind === 'binary') {
    const pos = [...new Set(task.positive)].sort((a, b) => a - b);
    for (const c of pos) {
      if (!Number.isInteger(c) || c < 0 || c >= k)
        throw new SubsetError(`positive class ${c} does not exist: ${title} has classes 0–${k - 1}`);
      if (!all.includes(c)) throw new SubsetError(`positive class ${c} is not among the listed classes [${used.join(', ')}]`);
    }
    if (pos.length === 0) throw new SubsetError('a binary task needs at least one positive class');
    if (pos.length === all.length) throw new SubsetError('a binary task needs at least one negative class');
    groups = [
      { name: 'positive', classes: pos },
      { name: 'negative', classes: all.filter((c) => !pos.includes(c)) },
    ];
  } else {
    if (counts) throw new SubsetError('exact positive/negative counts only apply to a binary task');
    groups = [{ name: 'all', classes: all }];
  }

  /**
   * "of class Bag" / "of the negative classes (all except class Bag)" / "" for the whole split; with
   * listed classes, "of classes T-shirt/top and Shirt" / "of the negative class T-shirt/top".
   */
  const ofGroup = (g: (typeof groups)[number]) => {
    if (g.name === 'all') return restricted ? ` of ${classList(manifest, g.classes)}` : '';
    if (g.name === 'positive') return ` of ${classList(manifest, g.classes)}`;
    return restricted
      ? ` of the negative ${classList(manifest, g.classes)}`
      : ` of the negative classes (all except ${classList(manifest, groups[0].classes)})`;
  };

  /**
   * Quotas for one part, given how many images each group should get. `earlier` is the training
   * quota when this part (validation) draws from what training left of the same split.
   */
  const part = (name: string, wanted: number[], room: number[], split: string, earlier?: number[]) => {
    const quota = room.map(() => 0);
    groups.forEach((g, i) => {
      const have = sum(g.classes.map((c) => room[c]));
      if (wanted[i] > have) {
        const kind = g.name === 'all' ? 'images' : `${g.name}s`;
        const before = earlier ? sum(g.classes.map((c) => earlier[c])) : 0;
        const asked = earlier
          ? `asked for ${before + wanted[i]} ${kind} (${before} training + ${wanted[i]} ${name})`
          : `asked for ${wanted[i]} ${name === 'training' && g.name !== 'all' ? '' : name + ' '}${kind}`;
        throw new SubsetError(`${asked} but ${title} has ${plural(have + before, `${split} image`)}${ofGroup(g)}`);
      }
      const q = allocate(wanted[i], g.classes, room, rng(`${name}/${g.name}`));
      for (const c of g.classes) quota[c] = q[c];
    });
    return quota;
  };

  // Training set.
  let trainWanted: number[];
  if (counts) {
    wholeNumber(counts.positive, 'the positive count', 0);
    wholeNumber(counts.negative, 'the negative count', 0);
    if (counts.positive + counts.negative !== request.train) {
      throw new SubsetError(
        `positive (${counts.positive}) plus negative (${counts.negative}) counts must add up to the training set size (${request.train})`,
      );
    }
    trainWanted = [counts.positive, counts.negative];
  } else if (task.kind === 'binary') {
    // Stratified over all classes, then read back as positive/negative totals.
    const q = allocate(request.train, all, trainRoom, rng('train/all'));
    trainWanted = groups.map((g) => sum(g.classes.map((c) => q[c])));
  } else {
    trainWanted = [request.train];
  }
  const train = part('training', trainWanted, trainRoom, 'training');

  // Validation and test keep the training set's positive share.
  const share = task.kind === 'binary' ? sum(groups[0].classes.map((c) => train[c])) / request.train : 1;
  const split = (n: number) => (task.kind === 'binary' ? [Math.round(n * share), n - Math.round(n * share)] : [n]);
  const left = trainRoom.map((r, c) => r - train[c]);
  const validation = part('validation', split(request.validation), left, 'training', train);
  const test = part('test', split(request.test), testRoom, 'test');

  return {
    dataset: manifest.dataset,
    seed,
    task,
    classes: used,
    quotas: { train, validation, test },
    shards: {
      train: shardsNeeded(
        manifest,
        'train',
        train.map((q, c) => q + validation[c]),
      ),
      test: shardsNeeded(manifest, 'test', test),
    },
  };
}

/** The class ids a request uses, validated; every class of the dataset when it lists none. */
function usedClasses(manifest: Manifest, classes: number[] | undefined): number[] {
  const k = manifest.classes.length;
  if (classes === undefined) return [...Array(k).keys()];
  for (const c of classes) {
    if (!Number.isInteger(c) || c < 0 || c >= k)
      throw new SubsetError(`class ${c} does not exist: ${manifest.title} has classes 0–${k - 1}`);
  }
  if (new Set(classes).size !== classes.length) throw new SubsetError(`the listed classes [${classes.join(', ')}] repeat a class`);
  if (classes.length < 2) throw new SubsetError('list at least 2 classes');
  return [...classes];
}

/** The fewest leading shards whose images cover `quota` for every class. */
function shardsNeeded(manifest: Manifest, split: 'train' | 'test', quota: number[]): number {
  if (sum(quota) === 0) return 0;
  const have = quota.map(() => 0);
  const shards = manifest.splits[split].shards;
  for (let i = 0; i < shards.length; i++) {
    shards[i].classCounts.forEach((n, c) => (have[c] += n));
    if (quota.every((q, c) => have[c] >= q)) return i + 1;
  }
  throw new SubsetError(`the ${split} shards of ${manifest.title} hold fewer images than the manifest's class counts say`);
}

/**
 * Picks the images. `labels.train` / `labels.test` are the concatenated labels of the plan's leading
 * shards of each split. Same plan (hence same seed) ⇒ same indexes.
 */
export function selectSubset(plan: SubsetPlan, labels: { train: Uint8Array; test: Uint8Array }): Selection {
  const pick = (split: 'train' | 'test', parts: number[][]): Int32Array[] => {
    const pools: number[][] = parts[0].map(() => []);
    const y = labels[split];
    for (let i = 0; i < y.length; i++) {
      if (y[i] >= pools.length)
        throw new SubsetError(`the ${split} labels contain class ${y[i]}, but ${plan.dataset} has ${pools.length} classes`);
      pools[y[i]].push(i);
    }
    const out: number[][] = parts.map(() => []);
    pools.forEach((pool, c) => {
      const need = sum(parts.map((p) => p[c]));
      if (pool.length < need) throw new SubsetError(`the ${split} shards hold ${pool.length} images of class ${c}, but ${need} are needed`);
      shuffleInPlace(pool, createRng(plan.seed, `subset/pick/${split}/${c}`));
      let at = 0;
      parts.forEach((p, j) => {
        for (let e = at + p[c]; at < e; at++) out[j].push(pool[at]);
      });
    });
    return out.map((xs) => Int32Array.from(xs).sort());
  };
  const [train, validation] = pick('train', [plan.quotas.train, plan.quotas.validation]);
  const [test] = pick('test', [plan.quotas.test]);
  return { train, validation, test };
}
