// A worker for fileRunner's tests: on a job, reports once, then computes without end.
const { parentPort } = require('worker_threads');
parentPort.on('message', (job) => {
  parentPort.postMessage({ kind: 'started', job });
  for (;;);
});
