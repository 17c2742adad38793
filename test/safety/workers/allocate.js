// A worker for fileRunner's tests: on a job, allocates memory without end (never says done).
const { parentPort } = require('worker_threads');
parentPort.on('message', () => {
  const hoard = [];
  for (;;) hoard.push(new Array(100_000).fill(Math.random()));
});
