import { describe, expect, it } from 'vitest';
import { decodeClientFrame, decodeFrame, encodeFrame, RENAMED_PROTO_KEY } from '../../../src-shared/transport/codec.ts';

describe('WebSocket frame codec', () => {
  it('round-trips typed arrays as typed arrays, NaN included', () => {
    const frame = {
      t: 'res',
      out: {
        time: new Float64Array([1.7e12, 1.7e12 + 60_000]),
        close: new Float64Array([101.25, Number.NaN]),
        ints: new Int32Array([-1, 2, 3]),
        bytes: new Uint8Array([0, 255, 7]),
        f32: new Float32Array([0.5]),
      },
    };
    const back = decodeFrame(encodeFrame(frame)) as typeof frame;
    expect(back.out.time).toBeInstanceOf(Float64Array);
    expect(Array.from(back.out.time)).toEqual([1.7e12, 1.7e12 + 60_000]);
    expect(back.out.close[0]).toBe(101.25);
    expect(Number.isNaN(back.out.close[1])).toBe(true);
    expect(back.out.ints).toBeInstanceOf(Int32Array);
    expect(Array.from(back.out.ints)).toEqual([-1, 2, 3]);
    expect(Array.from(back.out.bytes)).toEqual([0, 255, 7]);
    expect(back.out.f32).toBeInstanceOf(Float32Array);
  });

  it('decodes a frame that sits at an odd offset inside a larger buffer (as ws hands them over)', () => {
    const encoded = encodeFrame({ x: new Float64Array([1, 2, 3]) });
    const pool = Buffer.alloc(encoded.byteLength + 3);
    pool.set(encoded, 3);
    const back = decodeFrame(pool.subarray(3)) as { x: Float64Array };
    expect(Array.from(back.x)).toEqual([1, 2, 3]);
    expect(back.x.buffer.byteLength).toBe(24);
  });

  it('encodes a subarray view, not its whole buffer', () => {
    const whole = new Float64Array([1, 2, 3, 4, 5]);
    const back = decodeFrame(encodeFrame({ v: whole.subarray(1, 3) })) as { v: Float64Array };
    expect(Array.from(back.v)).toEqual([2, 3]);
  });

  it('drops undefined properties so optional fields stay optional', () => {
    expect(decodeFrame(encodeFrame({ a: 1, b: undefined }))).toEqual({ a: 1 });
  });
});

describe('decoding a client frame', () => {
  it('renames a __proto__ key, at any depth, where msgpack alone would refuse the frame', () => {
    const bytes = encodeFrame({ t: 'req', id: 7, ch: 'workspace.info', in: JSON.parse('{"a": {"__proto__": 1}}') });
    expect(() => decodeFrame(bytes)).toThrow(/__proto__/);
    const frame = decodeClientFrame(bytes) as { id: number; in: { a: Record<string, number> } };
    expect(frame.id).toBe(7);
    expect(Object.keys(frame.in.a)).toEqual([RENAMED_PROTO_KEY]);
    expect(Object.getPrototypeOf(frame.in.a)).toBe(Object.prototype);
  });

  it('decodes short keys in any script, and long ones, as the plain decoder does', () => {
    const value = { é: 1, ключ: 2, '数据': 3, plain: 4, 'a-key-longer-than-sixteen-bytes': 5 };
    expect(decodeClientFrame(encodeFrame(value))).toEqual(value);
    expect(decodeClientFrame(encodeFrame(value))).toEqual(decodeFrame(encodeFrame(value)));
  });
});
