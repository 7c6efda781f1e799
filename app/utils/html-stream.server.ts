import { Transform } from "node:stream";

/**
 * The page body between React's stream and the response. React 18's Node renderer encodes HTML
 * into a reusable 2,048-byte buffer with `TextEncoder.encodeInto`; when a multibyte character
 * (every Chinese character is 3 bytes in UTF-8) does not fit at the end of the buffer, it flushes
 * the whole buffer, unwritten zero bytes included, and starts the character in the next one
 * (fixed upstream in React 19, facebook/react#26228). UTF-8 never uses a 0x00 byte inside a
 * character other than U+0000 itself, and a page never legitimately contains U+0000 (HTML calls it
 * a parse error), so dropping every 0x00 byte restores exactly the bytes React meant to send.
 */
export function htmlBody() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunk.indexOf(0) === -1) return callback(null, chunk);
      const kept = Buffer.allocUnsafe(chunk.length);
      let length = 0;
      for (const byte of chunk) if (byte !== 0) kept[length++] = byte;
      callback(null, kept.subarray(0, length));
    },
  });
}
