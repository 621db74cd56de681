/**
 * File I/O for snapshots of any size Node can hold: `readFile` refuses files over 2 GiB
 * (ERR_FS_FILE_TOO_LARGE) and one `write` call is capped near 2 GiB too, so large snapshots
 * are read into one buffer and written from their pieces in slices. A snapshot is read into
 * one buffer because the index keeps typed-array views into it: the limit is then Node's
 * largest Buffer (`buffer.constants.MAX_LENGTH`, 4 GiB on 64-bit Node 20).
 */
import { constants } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';

/** Bytes per read or write call: well under the ~2 GiB a single call may move. */
export const IO_SLICE_BYTES = 256 * 1024 * 1024;

/** Reads a whole open file into one buffer, a slice at a time. */
export async function readWhole(fh: FileHandle, slice = IO_SLICE_BYTES): Promise<Buffer> {
  const { size } = await fh.stat();
  if (size > constants.MAX_LENGTH) {
    throw new RangeError(`the file is ${size} bytes, over the ${constants.MAX_LENGTH} bytes a Node buffer can hold`);
  }
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    const { bytesRead } = await fh.read(bytes, at, Math.min(slice, size - at), at);
    if (bytesRead === 0) break; // the file shrank while being read: the length check will say so
    at += bytesRead;
  }
  return at === size ? bytes : bytes.subarray(0, at);
}

/** Writes `pieces` one after the other, each in slices, without joining them into one buffer. */
export async function writePieces(fh: FileHandle, pieces: readonly Uint8Array[], slice = IO_SLICE_BYTES): Promise<number> {
  let total = 0;
  for (const piece of pieces) {
    for (let at = 0; at < piece.length; at += slice) {
      const part = piece.subarray(at, Math.min(piece.length, at + slice));
      let done = 0;
      while (done < part.length) done += (await fh.write(part, done, part.length - done)).bytesWritten;
    }
    total += piece.length;
  }
  return total;
}
