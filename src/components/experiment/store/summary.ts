/**
 * What the gallery compares for a run: final training and validation numbers, parameters and seconds per
 * epoch. Training numbers come from the last evaluation of the fixed training subset when the spec records
 * one (inference mode, like validation), else from the last recorded batch (noisier, and with dropout on).
 */
import type { Run } from './run';
import { lastStep } from './run';

export interface RunSummary {
  id: string;
  label: string;
  params?: number;
  secondsPerEpoch?: number;
  final: { trainLoss?: number; valLoss?: number; trainAcc?: number; valAcc?: number };
  /** Where the training numbers come from. */
  trainSource: 'evaluation' | 'last batch' | 'none';
  /** Where the held-out numbers come from. */
  heldOut: 'validation' | 'test' | 'none';
  epochs?: number;
}

type Metrics = { loss: number; accuracy: number };

export function summarizeRun(run: Run, label = run.label): RunSummary {
  const evals = run.evals;
  const last = evals[evals.length - 1] as (typeof evals)[number] & { train?: Metrics };
  const step = lastStep(run);
  const trainEval = last?.train;
  const held = last?.validation ? 'validation' : last?.test ? 'test' : 'none';
  const heldMetrics = last?.validation ?? last?.test;
  const p = run.progress.value;
  return {
    id: run.id,
    label,
    params: run.params.value ?? undefined,
    secondsPerEpoch: p && p.epoch > 0 ? p.elapsedMs / 1000 / p.epoch : undefined,
    epochs: p?.epoch,
    final: {
      trainLoss: trainEval?.loss ?? step?.loss,
      trainAcc: trainEval?.accuracy ?? step?.accuracy,
      valLoss: heldMetrics?.loss,
      valAcc: heldMetrics?.accuracy,
    },
    trainSource: trainEval ? 'evaluation' : step ? 'last batch' : 'none',
    heldOut: held,
  };
}
