// Types for umapWorker.mjs: a worker-thread entry point with no exports (message: { id, state, progressEvery }).
export {};
