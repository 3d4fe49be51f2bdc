// Worker thread for the truncated SVD: runs one kernel over a row range of shared typed arrays and replies.
import { parentPort } from 'node:worker_threads';
import { gramRows, spmmBlockedRows, spmmRows, tallTimesSmall } from './kernels.mjs';

parentPort.on('message', (task) => {
  const a = task.args;
  if (task.op === 'spmm') spmmRows(a.indptr, a.indices, a.data, a.X, a.l, a.out, a.r0, a.r1);
  else if (task.op === 'spmmBlocked') spmmBlockedRows(a.blocks, a.X, a.l, a.out, a.r0, a.r1);
  else if (task.op === 'gram') {
    for (let c = a.c0; c < a.c1; c++) {
      gramRows(a.X, a.l, c * a.chunk, Math.min(a.nRows, (c + 1) * a.chunk), a.partials.subarray(c * a.l * a.l, (c + 1) * a.l * a.l));
    }
  } else if (task.op === 'tall') tallTimesSmall(a.X, a.l, a.M, a.m, a.out, a.r0, a.r1, a.upper);
  parentPort.postMessage(task.id);
});
