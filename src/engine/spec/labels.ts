/**
 * What the task's labels mean, from the spec alone (pure: no tfjs, no data): the dataset's class names,
 * the classes in use, and the name of each task label. A unit test checks CLASS_NAMES against the manifests.
 */
import type { DataSpec, DatasetName } from './schema';

/** Each dataset's class names, indexed by class id (as in its manifest). */
export const CLASS_NAMES: Record<DatasetName, readonly string[]> = {
  'fashion-mnist': ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};

type LabelData = Pick<DataSpec, 'dataset' | 'task' | 'classes'>;

/** The class ids in use: `data.classes` in its order, else every class. */
export function classesInUse(data: Pick<DataSpec, 'classes'>): number[] {
  return data.classes ? [...data.classes] : [...Array(10).keys()];
}

/** Binary task: the positive and negative class ids among the classes in use (ascending). */
export function binaryGroups(data: LabelData): { positive: number[]; negative: number[] } {
  if (data.task.kind !== 'binary') throw new Error('binaryGroups needs a binary task');
  const positive = [...new Set(data.task.positive)].sort((a, b) => a - b);
  const negative = classesInUse(data)
    .filter((c) => !positive.includes(c))
    .sort((a, b) => a - b);
  return { positive, negative };
}

/** "Bag", "Sandal or Bag", "3, 5 or 7". */
function either(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * The name of each task label, indexed by label: multiclass → the used classes' names in label order;
 * binary → [negative, positive], e.g. ["T-shirt/top", "Shirt"] (listed classes) or ["not Bag", "Bag"].
 */
export function labelNamesOf(data: LabelData): string[] {
  const names = CLASS_NAMES[data.dataset];
  if (data.task.kind === 'multiclass') return classesInUse(data).map((c) => names[c]);
  const { positive, negative } = binaryGroups(data);
  const pos = either(positive.map((c) => names[c]));
  if (data.classes) return [either(negative.map((c) => names[c])), pos];
  return [positive.length === 1 ? `not ${pos}` : `neither ${pos.replace(' or ', ' nor ')}`, pos];
}
