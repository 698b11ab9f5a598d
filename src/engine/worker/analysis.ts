/**
 * Worker-side answers to the analysis requests on a run's current weights: the shift test and linear
 * probes. Each returns the message to post and the buffers to transfer with it; failures become the
 * answer's `error`, never a throw, so a bad request cannot break the worker or the run.
 */
import type { ExperimentSpec } from '../spec/schema';
import { inputShapeOf, outputUnitsFor } from '../spec/summarize';
import { linearProbes } from '../train/linear-probe';
import { shiftTest } from '../train/shift-test';
import type { Trainer, TrainingData } from '../train/trainer';
import { splitData, transferList } from './inspect';
import type { FromWorker, ToWorker } from './protocol';

export interface AnalysedRun {
  spec: ExperimentSpec;
  data: TrainingData;
  trainer: Trainer;
}

export type AnalysisRequest = Extract<ToWorker, { type: 'shift' | 'linearProbes' }>;
type Answer = { message: FromWorker; transfer: ArrayBuffer[] };

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The answer to an analysis request, its error included (the run may be null when it could not be created). */
export async function answerAnalysis(run: AnalysedRun | Error, msg: AnalysisRequest): Promise<Answer> {
  const { runId, requestId } = msg;
  const type = msg.type === 'shift' ? 'shift-result' : 'linear-probes-result';
  try {
    if (run instanceof Error) throw run;
    const binary = run.spec.data.task.kind === 'binary';
    const inputShape = inputShapeOf(run.spec.data);
    if (msg.type === 'shift') {
      const result = await shiftTest(
        run.trainer.model,
        inputShape,
        splitData(run.data, msg.split),
        msg.indices,
        msg.shifts,
        msg.direction ?? 'right',
        binary,
      );
      return {
        message: { type: 'shift-result', runId, requestId, result },
        transfer: transferList([result.representations, result.predicted, result.probabilities, result.labels, result.classIds]),
      };
    }
    const result = await linearProbes(
      run.trainer.model,
      inputShape,
      splitData(run.data, 'train'),
      splitData(run.data, msg.split),
      binary ? 2 : outputUnitsFor(run.spec.data),
      msg.options,
    );
    return { message: { type: 'linear-probes-result', runId, requestId, result }, transfer: [] };
  } catch (err) {
    return { message: { type, runId, requestId, error: messageOf(err) } as FromWorker, transfer: [] };
  }
}
