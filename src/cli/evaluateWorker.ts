/** The worker thread of `crm3 evaluate` (fileRunner.ts): runs one file's job at a time. */
import { parentPort } from 'worker_threads';
import { EvaluateJob, runEvaluateJob } from './evaluateJob';

parentPort!.on('message', (job: EvaluateJob) => {
  void runEvaluateJob(job, (m) =>
    // The JSON's bytes are handed over, not copied.
    parentPort!.postMessage(m, m.kind === 'resultJson' ? [m.json.buffer as ArrayBuffer] : []),
  );
});
