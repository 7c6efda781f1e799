import { describe, expect, it } from "vitest";
import { escapeText, foldLine, sessionCalendar } from "./calendar";

describe("a session as a calendar file", () => {
  it("writes one event in UTC with escaped text and CRLF line ends", () => {
    const ics = sessionCalendar(
      {
        id: "s1",
        title: "政企解决方案, 进阶; 第二期",
        startsAt: new Date("2026-12-10T01:30:00Z"),
        endsAt: new Date("2026-12-10T09:00:00Z"),
        place: "3楼 会议室\\A",
        trainer: "王老师",
        description: "第一行\n第二行",
      },
      "hr.example.com",
      new Date("2026-12-06T00:00:00Z"),
    );
    expect(ics.endsWith("\r\n")).toBe(true);
    const lines = ics.split("\r\n");
    expect(lines).toContain("DTSTART:20261210T013000Z");
    expect(lines).toContain("DTEND:20261210T090000Z");
    expect(lines).toContain("DTSTAMP:20261206T000000Z");
    expect(lines).toContain("UID:training-session-s1@hr.example.com");
    expect(lines).toContain("SUMMARY:政企解决方案\\, 进阶\\; 第二期");
    expect(lines).toContain("LOCATION:3楼 会议室\\\\A");
    expect(lines).toContain("DESCRIPTION:王老师\\n第一行\\n第二行");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
  });

  it("folds long lines at 75 octets without splitting a character", () => {
    const line = `SUMMARY:${"培训".repeat(40)}`;
    const folded = foldLine(line).split("\r\n");
    expect(folded.length).toBeGreaterThan(1);
    for (const piece of folded) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(75);
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
    expect(escapeText("a,b;c\\d")).toBe("a\\,b\\;c\\\\d");
  });
});
