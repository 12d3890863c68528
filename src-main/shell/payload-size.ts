/**
 * Estimates the size of a structured-cloned IPC message and stops as soon as it passes `limit`,
 * so an oversized message is refused without walking all of it. Typed arrays and buffers count
 * their bytes, strings two bytes a character, every other value a small fixed cost. Cycles
 * (structured clone keeps them) are visited once.
 */
export function exceedsSize(value: unknown, limit: number): boolean {
  const SLOT = 8;
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  let total = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    total += sizeOf(v, seen, stack, SLOT, limit - total);
    if (total > limit) return true;
  }
  return false;
}

/** Size of `v` itself; its children go on `stack` unless `v` alone already exceeds `budget`. */
function sizeOf(v: unknown, seen: Set<object>, stack: unknown[], slot: number, budget: number): number {
  switch (typeof v) {
    case 'string':
      return slot + v.length * 2;
    case 'object':
      break;
    case 'bigint':
      return slot * 2;
    default:
      return slot;
  }
  if (v === null) return slot;
  if (seen.has(v)) return slot;
  seen.add(v);
  if (ArrayBuffer.isView(v)) return slot + v.byteLength;
  if (v instanceof ArrayBuffer || v instanceof SharedArrayBuffer) return slot + v.byteLength;
  if (v instanceof Map) {
    const own = slot * (1 + 2 * v.size);
    if (own <= budget) for (const [k, item] of v) stack.push(k, item);
    return own;
  }
  if (v instanceof Set) {
    const own = slot * (1 + v.size);
    if (own <= budget) for (const item of v) stack.push(item);
    return own;
  }
  if (Array.isArray(v)) {
    const own = slot * (1 + v.length);
    if (own <= budget) for (const item of v) stack.push(item);
    return own;
  }
  const keys = Object.keys(v);
  let own = slot;
  for (const key of keys) own += slot + key.length * 2;
  if (own <= budget) for (const key of keys) stack.push((v as Record<string, unknown>)[key]);
  return own;
}
