// Test helper, loaded with node --import: makes the file system fail as a full disk or a read-only folder would, for paths matching PAPERMAP_FAULT_MATCH.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const code = process.env.PAPERMAP_FAULT_CODE; // ENOSPC (on write) or EROFS / EACCES (on open for writing)
const match = process.env.PAPERMAP_FAULT_MATCH ?? '';
const failing = new Set();
const errno = { ENOSPC: -28, EROFS: -30, EACCES: -13 };

function fault(syscall, path) {
  const e = new Error(`${code}: simulated, ${syscall} '${path ?? ''}'`);
  Object.assign(e, { code, errno: errno[code], syscall, ...(path ? { path } : {}) });
  return e;
}

if (code) {
  const { openSync, writeSync, mkdirSync } = fs;
  fs.openSync = (path, flags, ...rest) => {
    const writing = typeof flags === 'string' && /[wa+]/.test(flags);
    if (writing && String(path).includes(match) && code !== 'ENOSPC') throw fault('open', String(path));
    const fd = openSync(path, flags, ...rest);
    if (writing && String(path).includes(match)) failing.add(fd);
    return fd;
  };
  fs.writeSync = (fd, ...rest) => {
    if (failing.has(fd)) throw fault('write');
    return writeSync(fd, ...rest);
  };
  fs.mkdirSync = (path, ...rest) => {
    if (String(path).includes(match) && code !== 'ENOSPC' && !fs.existsSync(path)) throw fault('mkdir', String(path));
    return mkdirSync(path, ...rest);
  };
  syncBuiltinESMExports();
}
