import { decode, encode, ExtensionCodec } from '@msgpack/msgpack';

/**
 * WebSocket frames are msgpack. Typed arrays travel as extension types holding their raw bytes
 * (little-endian, as on every platform Candlewick runs on), so a Float64Array column arrives as a
 * Float64Array without a per-element conversion. Uint8Array is msgpack's own binary type.
 * (@msgpack/msgpack rather than msgpackr: msgpackr pulls optional native packages that the
 * registry here does not serve, which breaks `npm ci`; see docs/decisions.)
 */
const TYPED_ARRAYS = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array] as const;

const codec = new ExtensionCodec();
TYPED_ARRAYS.forEach((Type, i) => {
  codec.register({
    type: 0x10 + i,
    encode: (value: unknown) =>
      value instanceof Type ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : null,
    // Copy into a fresh buffer: the bytes sit at an arbitrary offset of the frame, and a typed
    // array needs its element alignment. (Not `data.slice()`: on a Node Buffer that is a view.)
    decode: (data: Uint8Array) => {
      const copy = new Uint8Array(data.byteLength);
      copy.set(data);
      return new Type(copy.buffer);
    },
  });
});

export function encodeFrame(frame: unknown): Uint8Array {
  return encode(frame, { extensionCodec: codec, ignoreUndefined: true });
}

export function decodeFrame(bytes: Uint8Array): unknown {
  return decode(bytes, { extensionCodec: codec });
}
