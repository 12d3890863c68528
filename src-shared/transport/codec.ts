import { Packr } from 'msgpackr';

// Records off: plain maps keep frames self-describing for any client. Typed arrays are msgpack
// extensions in msgpackr, so Float64Array columns cross the socket without conversion.
const packr = new Packr({ useRecords: false, moreTypes: true, int64AsType: 'number' });

export function encodeFrame(frame: unknown): Uint8Array {
  return packr.pack(frame);
}

export function decodeFrame(bytes: Uint8Array): unknown {
  return packr.unpack(bytes);
}
