// How deep a JSON text nests, counted on its bytes as they arrive, so that a body nested millions deep
// is refused before anything parses it (parsing and checking it would take seconds): the client reads
// responses with it (body-reader.ts), the mocks requests (src/mock/body.ts).

/** The deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 1000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** The nesting depth of a JSON text read in chunks; UTF-8 never puts these ASCII bytes inside a character. */
export class JsonDepth {
  #depth = 0;
  #inString = false;
  #escaped = false;

  /** Reads one more chunk; false once the nesting has gone deeper than MAX_JSON_DEPTH. */
  accepts(chunk: Uint8Array): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (byte === BACKSLASH) this.#escaped = true;
        else if (byte === QUOTE) this.#inString = false;
      } else if (byte === QUOTE) {
        this.#inString = true;
      } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
        if (++this.#depth > MAX_JSON_DEPTH) return false;
      } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
        this.#depth--;
      }
    }
    return true;
  }
}
