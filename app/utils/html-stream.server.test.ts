import { PassThrough, type Transform } from "node:stream";
import { text } from "node:stream/consumers";
import { createElement } from "react";
import { renderToPipeableStream, renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { htmlBody } from "./html-stream.server";

/** Many short text nodes of Chinese names: some character is sure to meet the end of React's 2,048-byte buffer. */
function page() {
  const rows = Array.from({ length: 400 }, (_, i) =>
    createElement("li", { key: i }, `员工 E${String(i).padStart(6, "0")} 张三丰${"一二三".slice(0, i % 3)}`),
  );
  return createElement("ul", null, rows);
}

function render(body: PassThrough | Transform) {
  return new Promise<string>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page(), {
      onAllReady() {
        pipe(body);
        text(body).then(resolve, reject);
      },
      onShellError: reject,
    });
  });
}

describe("the page body stream", () => {
  it("carries React's HTML without the zero bytes React 18 leaves at buffer boundaries", async () => {
    const expected = renderToStaticMarkup(page());
    // Through a plain pipe the bug shows: the same markup with U+0000 inside it.
    const raw = await render(new PassThrough());
    expect(raw).toContain("\u0000");
    expect(raw.replaceAll("\u0000", "")).toBe(expected);
    const html = await render(htmlBody());
    expect(html).not.toContain("\u0000");
    expect(html).toBe(expected);
  });
});
