// A worker for fileRunner's tests: answers each job with a result, then done.
const { parentPort, threadId } = require('worker_threads');
parentPort.on('message', (job) => {
  parentPort.postMessage({ kind: 'result', job, threadId });
  parentPort.postMessage({ kind: 'done' });
});
