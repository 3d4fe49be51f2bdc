// Test helper process: writes a large file atomically, so a test can kill it mid-write.
import { writeFileAtomic } from '../../pipeline/io/atomic.ts';

const [target, mb] = process.argv.slice(2);
const data = new Uint8Array(Number(mb) * 1024 * 1024).fill(120);
process.stdout.write('writing\n');
for (;;) writeFileAtomic(target, data); // until killed
