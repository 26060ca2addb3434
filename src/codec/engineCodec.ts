/**
 * An engine's inputs and outputs as Avro-JSON and as JSON text, from its input and output types
 * alone: PFAEngine's decode/encode, and the same for the Wasm host (backend/wasm/host.ts), which
 * has only the manifest's schemas.
 */
import { documentMessages } from '../errors/messages.js';
import { AvroType } from '../types/avro.js';
import { Value } from '../values.js';
import { jsonText, parseJson } from '../document/json.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { Decoder, Encoder, decoderFor, encoderFor, setInputDepthLimit } from './avroJson.js';

export class EngineCodec {
  // Built at their first use: the Wasm host makes a codec for every engine, and the text fast path
  // needs it only for a text its readers decline (issue 17: the builders ran in every cold start).
  private decodeInputFn: Decoder | null = null;
  private encodeOutputFn: Encoder | null = null;

  constructor(
    private readonly input: AvroType,
    private readonly output: AvroType,
    readonly maxInputDepth: number = DEFAULT_LIMITS.maxInputDepth,
  ) {}

  private get decodeInput(): Decoder {
    return (this.decodeInputFn ??= decoderFor(this.input));
  }

  private get encodeOutput(): Encoder {
    return (this.encodeOutputFn ??= encoderFor(this.output));
  }

  /** Avro-JSON (from JSON.parse or parseJson) → runtime value of the input type; throws PfaError kind "input". */
  decode(json: unknown): Value {
    setInputDepthLimit(this.maxInputDepth);
    return this.decodeInput(json, '');
  }

  /**
   * Parses one line of Avro-JSON text exactly (longs beyond 2^53 stay exact) and decodes it.
   * Text that is not JSON is a PfaError too (kind "syntax", code 1000, with the position).
   */
  decodeText(text: string): Value {
    return this.decode(readJsonText(text));
  }

  /** Runtime value of the output type → Avro-JSON (bigints for longs: write with `jsonText`). */
  encode(value: Value): unknown {
    return this.encodeOutput(value);
  }

  encodeText(value: Value): string {
    return jsonText(this.encodeOutput(value));
  }
}

/** JSON.parse is several times faster; only integers of 16+ digits need the exact reader. */
function readJsonText(text: string): unknown {
  if (/\d{16}/.test(text)) return parseJson(text);
  try {
    return JSON.parse(text);
  } catch {
    // Our reader's words, which give the position the same way on every platform.
    parseJson(text);
    throw documentMessages.notJson.error();
  }
}
