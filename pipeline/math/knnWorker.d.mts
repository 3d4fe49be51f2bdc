// Types for knnWorker.mjs: a worker-thread entry point with no exports (messages: { id, op: 'exact' | 'join', args }).
export {};
