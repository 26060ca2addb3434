/** bytes: byte counts, strict encoders/decoders (16090-16200) and base64 (16220). */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/pfa.js';
import { bothBackends } from '../helpers/backends.js';

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

bothBackends(() => {
  describe('bytes: slices count bytes', () => {
    it('len, subseq, subseqto', () => {
      expect(call('bytes.len', ['bytes'], 'int', [b64('e282ac41')])).toBe(4);
      expect(call('bytes.subseq', ['bytes', 'int', 'int'], 'bytes', [b64('00010203'), 1, -1])).toBe(b64('0102'));
      expect(call('bytes.subseq', ['bytes', 'int', 'int'], 'bytes', [b64('00010203'), 3, 1])).toBe('');
      expect(
        call('bytes.subseqto', ['bytes', 'int', 'int', 'bytes'], 'bytes', [b64('00010203'), 1, 3, b64('ff')]),
      ).toBe(b64('00ff03'));
    });
  });

  describe('bytes: validity tests', () => {
    const check = (fn: string, type: string, x: string) => call(fn, [type], 'boolean', [x]);
    it('on bytes', () => {
      expect(check('bytes.isAscii', 'bytes', b64('417f'))).toBe(true);
      expect(check('bytes.isAscii', 'bytes', b64('80'))).toBe(false);
      expect(check('bytes.isLatin1', 'bytes', b64('ff'))).toBe(true);
      expect(check('bytes.isUtf8', 'bytes', b64('e282ac'))).toBe(true);
      expect(check('bytes.isUtf8', 'bytes', b64('c080'))).toBe(false); // overlong
      expect(check('bytes.isUtf16be', 'bytes', b64('d83dde00'))).toBe(true);
      expect(check('bytes.isUtf16be', 'bytes', b64('d83d'))).toBe(false); // lone surrogate
      expect(check('bytes.isUtf16le', 'bytes', b64('41'))).toBe(false);
      expect(check('bytes.isUtf16', 'bytes', b64('fffe4100'))).toBe(true);
    });
    it('on strings', () => {
      expect(check('bytes.isAscii', 'string', 'abc')).toBe(true);
      expect(check('bytes.isAscii', 'string', 'é')).toBe(false);
      expect(check('bytes.isLatin1', 'string', 'é')).toBe(true);
      expect(check('bytes.isLatin1', 'string', '€')).toBe(false);
      expect(check('bytes.isUtf8', 'string', '😀')).toBe(true);
    });
  });

  describe('bytes: decoders raise "invalid bytes"', () => {
    const dec = (fn: string, hex: string) => call(fn, ['bytes'], 'string', [b64(hex)]);
    it('decode valid input', () => {
      expect(dec('bytes.decodeAscii', '6869')).toBe('hi');
      expect(dec('bytes.decodeLatin1', 'ff')).toBe('ÿ');
      expect(dec('bytes.decodeUtf8', 'f09f9880')).toBe('😀');
      expect(dec('bytes.decodeUtf16', 'feff00410042')).toBe('AB');
      expect(dec('bytes.decodeUtf16', 'fffe41004200')).toBe('AB');
      expect(dec('bytes.decodeUtf16', '00410042')).toBe('AB');
      expect(dec('bytes.decodeUtf16be', 'd83dde00')).toBe('😀');
      expect(dec('bytes.decodeUtf16le', '3dd800de')).toBe('😀');
    });
    it("with each function's code", () => {
      expect(dec('bytes.decodeAscii', '80')).toMatchObject({ code: 16090 });
      expect(dec('bytes.decodeUtf8', 'ff')).toMatchObject({ code: 16110 });
      expect(dec('bytes.decodeUtf8', 'eda080')).toMatchObject({ code: 16110 }); // encoded surrogate
      expect(dec('bytes.decodeUtf16', '00')).toMatchObject({ code: 16120 });
      expect(dec('bytes.decodeUtf16be', 'dc00')).toMatchObject({ code: 16130 });
      expect(dec('bytes.decodeUtf16le', '41')).toMatchObject({ code: 16140 });
    });
    it('latin-1 decodes every byte', () => {
      expect(dec('bytes.decodeLatin1', '00ff80')).toBe('\u0000ÿ\u0080');
    });
  });

  describe('bytes: encoders raise "invalid string"', () => {
    const enc = (fn: string, s: string) => call(fn, ['string'], 'bytes', [s]);
    it('encode valid input', () => {
      expect(enc('bytes.encodeAscii', 'hi')).toBe(b64('6869'));
      expect(enc('bytes.encodeLatin1', 'é')).toBe(b64('e9'));
      expect(enc('bytes.encodeUtf8', '€')).toBe(b64('e282ac'));
      expect(enc('bytes.encodeUtf16', 'A')).toBe(b64('feff0041'));
      expect(enc('bytes.encodeUtf16be', '😀')).toBe(b64('d83dde00'));
      expect(enc('bytes.encodeUtf16le', 'A')).toBe(b64('4100'));
    });
    it("with each function's code", () => {
      expect(enc('bytes.encodeAscii', 'é')).toMatchObject({ code: 16150 });
      expect(enc('bytes.encodeLatin1', '€')).toMatchObject({ code: 16160 });
      expect(enc('bytes.encodeUtf8', '\ud800')).toMatchObject({ code: 16170 });
      expect(enc('bytes.encodeUtf16', '\udc00x')).toMatchObject({ code: 16180 });
      expect(enc('bytes.encodeUtf16be', 'x\ud800')).toMatchObject({ code: 16190 });
      expect(enc('bytes.encodeUtf16le', '\ud800')).toMatchObject({ code: 16200 });
    });
  });

  describe('bytes: base64', () => {
    it('round trip and 16220', () => {
      expect(call('bytes.toBase64', ['bytes'], 'string', [b64('00ff10')])).toBe('AP8Q');
      expect(call('bytes.fromBase64', ['string'], 'bytes', ['AP8Q'])).toBe(b64('00ff10'));
      expect(call('bytes.fromBase64', ['string'], 'bytes', ['A*=='])).toMatchObject({ code: 16220 });
    });
  });
});
