// Types for mulberry.mjs, mulberry32 as a state step and an output hash.

/** The next mulberry32 state after `state` (a 32-bit integer). */
export function mulberryNext(state: number): number;

/** The uniform number in [0, 1) a mulberry32 state gives. */
export function mulberryUniform(state: number): number;
