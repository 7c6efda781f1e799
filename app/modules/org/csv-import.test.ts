import { describe, expect, it } from "vitest";
import { getT } from "~/utils/i18n";
import { parseEmployeeCsv, type ImportReference } from "./csv-import";

const ref: ImportReference = {
  unitCodes: new Set(["JC-GE-FIN", "JC-GE-GOV"]),
  positionCodes: new Set(["AM", "SSM"]),
  existing: new Map([["E000002", "e000002@ge.example.com"]]),
  emails: new Map([["e000002@ge.example.com", "E000002"]]),
};
const header = "employeeNo,name,email,unitCode,positionCode,track,level,hireDate,managerNo";
const t = getT("en");

describe("employee CSV import validation", () => {
  it("accepts good rows, with managers in the file or already in the system", () => {
    const csv = `${header}\nE1,张三,e1@x.cn,JC-GE-FIN,AM,skill,S3,2020-03-01,E000002\nE2,李四,e2@x.cn,JC-GE-GOV,SSM,technical,T4,2019-01-15,E1\n`;
    const result = parseEmployeeCsv(csv, ref);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.employeeNo)).toEqual(["E1", "E2"]);
  });

  it("reports every wrong row with its line number and imports nothing", () => {
    const csv = [
      header,
      "E1,张三,e1@x.cn,JC-GE-FIN,AM,skill,S3,2020-03-01,",
      "E2,李四,not-an-email,JC-GE-FIN,AM,skill,S3,2020-03-01,",
      "E3,王五,e3@x.cn,NOPE,AM,skill,S3,2020-02-30,",
      "E4,赵六,e4@x.cn,JC-GE-FIN,AM,skill,T3,2020-03-01,E999",
      "E1,重复,e5@x.cn,JC-GE-FIN,AM,skill,S3,2020-03-01,",
    ].join("\n");
    const result = parseEmployeeCsv(csv, ref);
    expect(result.rows).toEqual([]);
    const byRow = (row: number) => result.errors.filter((e) => e.row === row).map((e) => `${e.field}: ${t(e.message)}`);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual(["email: Enter a valid e-mail address"]);
    expect(byRow(4)).toEqual(["hireDate: Enter a valid date (YYYY-MM-DD)"]);
    expect(byRow(5)).toContain("level: This level is not on the chosen track");
    expect(byRow(6)).toEqual(["employeeNo: Duplicate of row 2"]);
  });

  it("checks codes against the organisation", () => {
    const csv = `${header}\nE1,张三,e1@x.cn,NOPE,XX,skill,S3,2020-03-01,E404`;
    const messages = parseEmployeeCsv(csv, ref).errors.map((e) => t(e.message));
    expect(messages).toEqual([
      "No active unit with code NOPE",
      "No position with code XX",
      "Manager E404 is neither in the file nor in the system",
    ]);
  });

  it("refuses a malformed file, missing or unknown columns, an empty file and a header alone", () => {
    expect(t(parseEmployeeCsv(`${header}\n"E1,unclosed`, ref).errors[0].message)).toBe("Malformed CSV (e.g. an unclosed quote)");
    expect(t(parseEmployeeCsv("employeeNo,name,role\nE1,x,hr_admin", ref).errors[0].message)).toMatch(/^Missing columns: email, unitCode/);
    expect(parseEmployeeCsv(`${header},role\n`, ref).errors.map((e) => t(e.message))).toEqual(["Unknown columns: role"]);
    expect(t(parseEmployeeCsv("", ref).errors[0].message)).toBe("The file is empty");
    expect(t(parseEmployeeCsv(header, ref).errors[0].message)).toBe("Only a header, no data rows");
  });

  it("refuses an e-mail that belongs to another employee, and a short row", () => {
    const csv = `${header}\nE7,x,e000002@ge.example.com,JC-GE-FIN,AM,skill,S3,2020-03-01,\nE8,y,e8@x.cn`;
    const errors = parseEmployeeCsv(csv, ref).errors.map((e) => `${e.row} ${t(e.message)}`);
    expect(errors).toEqual(["2 Another employee already uses this e-mail", "3 Expected 9 columns, got 3"]);
  });

  it("strips a UTF-8 byte-order mark from spreadsheet exports", () => {
    const csv = `\uFEFF${header}\nE1,张三,e1@x.cn,JC-GE-FIN,AM,skill,S3,2020-03-01,`;
    expect(parseEmployeeCsv(csv, ref).errors).toEqual([]);
  });
});
