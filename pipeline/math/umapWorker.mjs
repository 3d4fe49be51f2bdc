// Worker thread for UMAP: optimises one layout over shared arrays, reporting each finished epoch.
import { parentPort } from 'node:worker_threads';
import { optimizeEpochs } from './umapKernels.mjs';

parentPort.on('message', (task) => {
  const s = task.state;
  const step = task.progressEvery;
  for (let e = 0; e < s.nEpochs; e += step) {
    const e1 = Math.min(s.nEpochs, e + step);
    optimizeEpochs(s, e, e1);
    parentPort.postMessage({ id: task.id, epoch: e1, done: e1 === s.nEpochs });
  }
});
