// Worker thread for nearest neighbours: runs one kNN kernel over a row range of shared typed arrays and replies.
import { parentPort } from 'node:worker_threads';
import { knnExactRows, localJoinRows } from './knnKernels.mjs';

parentPort.on('message', (task) => {
  const a = task.args;
  let result = 0;
  if (task.op === 'exact') knnExactRows(a.X, a.n, a.d, a.m, a.r0, a.r1, a.heapD, a.heapI);
  else if (task.op === 'join') result = localJoinRows(a.X, a.d, a.K, a.heapD, a.newC, a.oldC, a.maxC, a.r0, a.r1, a.upP, a.upQ, a.upD, a.cap);
  parentPort.postMessage({ id: task.id, result });
});
