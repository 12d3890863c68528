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

/** A map key msgpack refuses outright (prototype pollution), renamed to one no schema accepts. */
export const RENAMED_PROTO_KEY = '\u0000__proto__';
const KEY_BYTES = 16;

/** UTF-8 of a short key (src-shared has no TextDecoder): ASCII directly, the rest through percent-decoding. */
function shortKey(bytes: Uint8Array, offset: number, byteLength: number): string {
  let ascii = '';
  let escaped = '';
  let plain = true;
  for (let i = offset; i < offset + byteLength; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) plain = false;
    ascii += String.fromCharCode(b);
    escaped += `%${b.toString(16).padStart(2, '0')}`;
  }
  if (plain) return ascii;
  try {
    return decodeURIComponent(escaped);
  } catch {
    // Not valid UTF-8: still a key, which the input's schema will refuse.
    return ascii;
  }
}

/**
 * @msgpack/msgpack throws on a `__proto__` map key anywhere in a frame, so a request carrying one
 * would be answered without its id and its caller would wait forever. Keys that short are decoded
 * here instead and that one renamed: the input's schema then refuses it as an unknown key, and the
 * request gets its answer. (Longer keys cannot be `__proto__`; msgpack decodes them itself.)
 */
const protoSafeKeys = {
  canBeCached: (byteLength: number) => byteLength <= KEY_BYTES,
  decode(bytes: Uint8Array, offset: number, byteLength: number): string {
    const key = shortKey(bytes, offset, byteLength);
    return key === '__proto__' ? RENAMED_PROTO_KEY : key;
  },
};

/** A frame from a client (untrusted): as {@link decodeFrame}, but a `__proto__` key does not lose the request. */
export function decodeClientFrame(bytes: Uint8Array): unknown {
  return decode(bytes, { extensionCodec: codec, keyDecoder: protoSafeKeys });
}
