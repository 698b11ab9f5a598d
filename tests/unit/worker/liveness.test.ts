/**
 * The page noticing a dead training worker (engine/worker/liveness.ts through EngineClient): a crash (error
 * event), an unreadable message, or an end without a word (the Web Lock it held is granted to the page) — each
 * reported once as `worker-lost`, the worker terminated, pending requests rejected, nothing sent afterwards.
 */
import { describe, expect, it } from 'vitest';
import type { ClientMessage } from '../../../src/engine/worker/client';
import { fakeLocks, fakeWorker } from '../helpers/fakeWorker';
import { tinyBinary } from '../train/helpers';

function setup() {
  const fake = fakeWorker();
  const l = fakeLocks();
  const client = fake.client({ locks: l.locks });
  const heard: ClientMessage[] = [];
  client.subscribe((m) => heard.push(m));
  const lost = () => heard.filter((m) => m.type === 'worker-lost');
  return { ...fake, ...l, client, heard, lost };
}

describe('a dead training worker', () => {
  it('an uncaught error in a running worker: reported once as a crash, the worker terminated', () => {
    const { client, reply, crash, lost, terminated, posted } = setup();
    reply({ type: 'backend', info: { name: 'cpu', adapter: 'JavaScript', fallbackAdapter: false, reason: 'CPU' } });
    crash('RangeError: out of memory');
    crash('again');
    expect(lost()).toEqual([{ type: 'worker-lost', message: 'the training engine crashed (RangeError: out of memory)' }]);
    expect(client.lost).toBe('the training engine crashed (RangeError: out of memory)');
    expect(terminated()).toBe(1);
    const before = posted.length;
    client.createRun(tinyBinary()).start();
    expect(posted.length).toBe(before);
  });

  it('a worker that fails to load says it could not start', () => {
    const { crash, lost } = setup();
    crash('');
    expect(lost()).toEqual([{ type: 'worker-lost', message: 'the training engine could not start' }]);
  });

  it('a worker that ends without a word is noticed through the lock it held', () => {
    const { reply, release, requested, lost } = setup();
    expect(requested()).toEqual([]);
    reply({ type: 'alive', lock: 'engine-1' });
    expect(requested()).toEqual(['engine-1']);
    expect(lost()).toEqual([]);
    release('engine-1');
    expect(lost()).toEqual([
      { type: 'worker-lost', message: 'the training engine stopped unexpectedly (the browser may have needed its memory)' },
    ]);
  });

  it('a worker ended on purpose (restart) is not reported as lost', () => {
    const { client, reply, release, lost, terminated } = setup();
    reply({ type: 'alive', lock: 'engine-2' });
    client.end();
    release('engine-2');
    expect(lost()).toEqual([]);
    expect(terminated()).toBe(1);
    expect(client.lost).toBe('the training engine was restarted');
  });

  it('pending requests and run listeners hear of the loss', async () => {
    const { client, crash, reply } = setup();
    const run = client.createRun(tinyBinary(), 'demo');
    const heard: string[] = [];
    run.on((m) => heard.push(m.type));
    reply({ type: 'alive', lock: 'engine-3' });
    const settled = Promise.allSettled([run.probe('test', 0), client.test('memory')]);
    crash('boom');
    const reasons = (await settled).map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'resolved'));
    expect(reasons).toEqual(['the training engine crashed (boom)', 'the training engine crashed (boom)']);
    expect(heard).toEqual(['worker-lost']);
  });
});
