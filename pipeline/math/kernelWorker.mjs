// The one worker thread of every parallel kernel (SVD products, kNN, UMAP epochs): runs the op it is sent over shared typed arrays and replies.
import { parentPort } from 'node:worker_threads';
import { gramRows, spmmBlockedRows, spmmRows, tallTimesSmall } from './kernels.mjs';
import { knnExactRows, localJoinRows } from './knnKernels.mjs';
import { snapshotBlock, optimizeBlock } from './umapKernels.mjs';

/** The layout whose blocks this worker runs (its arrays are shared with the main thread). */
let layout = null;

parentPort.on('message', (task) => {
  const a = task.args;
  let result = 0;
  switch (task.op) {
    case 'spmm': spmmRows(a.indptr, a.indices, a.data, a.X, a.l, a.out, a.r0, a.r1); break;
    case 'spmmBlocked': spmmBlockedRows(a.blocks, a.X, a.l, a.out, a.r0, a.r1); break;
    case 'gram':
      for (let c = a.c0; c < a.c1; c++) {
        gramRows(a.X, a.l, c * a.chunk, Math.min(a.nRows, (c + 1) * a.chunk), a.partials.subarray(c * a.l * a.l, (c + 1) * a.l * a.l));
      }
      break;
    case 'tall': tallTimesSmall(a.X, a.l, a.M, a.m, a.out, a.r0, a.r1, a.upper); break;
    case 'exact': knnExactRows(a.X, a.n, a.d, a.m, a.r0, a.r1, a.heapD, a.heapI, a.Q ?? a.X, a.self ?? null); break;
    case 'join': result = localJoinRows(a.X, a.d, a.K, a.heapD, a.newC, a.oldC, a.maxC, a.r0, a.r1, a.upP, a.upQ, a.upD, a.cap); break;
    case 'umapState': layout = a.state; break;
    case 'umapBlocks':
      // one epoch's SGD (op 0) or snapshot (op 1) of the given blocks of the current layout
      for (const blk of a.blocks) {
        if (a.op === 0) optimizeBlock(layout, blk, a.epoch);
        else snapshotBlock(layout, blk);
      }
      break;
    default: throw new Error(`kernelWorker: unknown op ${task.op}`);
  }
  parentPort.postMessage({ id: task.id, result });
});
