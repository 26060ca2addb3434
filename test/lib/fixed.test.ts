/** fixed: toBytes copies, fromBytes overlays (shorter keeps the tail, longer is cut). */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const F = { type: 'fixed', name: 'F4', size: 4 };
const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

bothBackends(() => {
  describe('fixed', () => {
    it('toBytes', () => {
      expect(call('fixed.toBytes', [F], 'bytes', [b64('01020304')])).toBe(b64('01020304'));
    });
    it('fromBytes overlays replacement on original', () => {
      expect(call('fixed.fromBytes', [F, 'bytes'], 'F4', [b64('01020304'), b64('ff')])).toBe(b64('ff020304'));
      expect(call('fixed.fromBytes', [F, 'bytes'], 'F4', [b64('01020304'), b64('aabbccddee')])).toBe(b64('aabbccdd'));
      expect(call('fixed.fromBytes', [F, 'bytes'], 'F4', [b64('01020304'), ''])).toBe(b64('01020304'));
    });
  });
});
