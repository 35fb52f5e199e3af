// Reproducible zips: the same files give the same bytes on every run and machine, so a rebuilt package can be
// compared with the one in the LMS by checksum.

import { zipSync, type Zippable } from 'fflate';
import { byPath, type PackageFiles } from './assemble.ts';

export function zipPackage(files: PackageFiles): Uint8Array {
  // fflate writes DOS timestamps from a Date's LOCAL fields, so the Date is built from local fields, here and
  // now (not once at load: TZ may change): the bytes are then the same in every time zone. 1980 = DOS epoch.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const entries: Zippable = {};
  // Insertion order = entry order (JS objects move integer-like keys such as "404" first: still deterministic).
  for (const path of [...files.keys()].sort(byPath)) {
    entries[path] = [files.get(path)!, { level: 9, mtime }];
  }
  return zipSync(entries, { level: 9, mtime });
}
