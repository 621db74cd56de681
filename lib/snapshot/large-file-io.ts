/**
 * File I/O for snapshots of any size: one `read` or `write` call moves at most ~2 GiB and a Node
 * buffer holds at most 4 GiB (`buffer.constants.MAX_LENGTH` on Node 20), so snapshots are written
 * from their pieces and read a range at a time, each in slices, and a range read goes into an
 * `ArrayBuffer` of its own (which may be larger than a buffer), never into one buffer for the
 * whole file.
 */
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

/** Bytes per read, write or checksum call: well under the ~2 GiB a single call may move. */
export const IO_SLICE_BYTES = 256 * 1024 * 1024;

/**
 * Reads `length` bytes at `position` of an open file into a fresh, 8-byte aligned ArrayBuffer,
 * a slice at a time. Throws RangeError when the file ends first.
 */
export async function readRange(fh: FileHandle, position: number, length: number, slice = IO_SLICE_BYTES): Promise<Uint8Array> {
  const bytes = new Uint8Array(new ArrayBuffer(length));
  let at = 0;
  while (at < length) {
    const n = Math.min(slice, length - at);
    const { bytesRead } = await fh.read(new Uint8Array(bytes.buffer, at, n), 0, n, position + at);
    if (bytesRead === 0) throw new RangeError(`the file ended at ${position + at} bytes, ${length - at} bytes short`);
    at += bytesRead;
  }
  return bytes;
}

/** CRC-32 of `bytes`, continuing from `crc`, a slice at a time (any length). */
export function crc32Slices(bytes: Uint8Array, crc = 0, slice = IO_SLICE_BYTES): number {
  for (let at = 0; at < bytes.length; at += slice) crc = crc32(bytes.subarray(at, Math.min(bytes.length, at + slice)), crc);
  return crc;
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
